import ArgumentParser
import Foundation
import HeedConfig
import HeedFiles
import HeedOutbox
import HeedReplies
import HeedStore
import HeedUI

/// `heed demo`: the queue on a throwaway store of sample mentions; nothing of the user's is touched.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the queue on a throwaway store filled with sample mentions.",
        discussion: "With --generate N, write a synthetic backlog of N mentions as heed JSON Lines instead (to -o FILE or standard output)."
    )

    /// Accepted like every command's; the demo reads only `--config` (for the theme) and
    /// never touches the store or outbox named.
    @OptionGroup var paths: PathOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: ArgumentHelp("Write N synthetic mentions as JSON Lines instead of opening the queue.", valueName: "n"))
    var generate: Int?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where --generate writes (default: standard output).", valueName: "file"))
    var output: String?

    func validate() throws {
        if let generate, generate < 0 { throw ValidationError("--generate needs a count of 0 or more") }
        if output != nil, generate == nil { throw ValidationError("-o goes with --generate") }
    }

    func run() throws {
        if let generate {
            try Backlog.write(count: generate, to: output, now: Date())
            return
        }
        try Screenful.checkTerminal()
        let folder: String
        do {
            folder = try PrivateFiles.makeTemporaryFolder(named: "heed-demo")
        } catch {
            throw HeedExit.failure("\(error); the demo needs a temporary folder: set TMPDIR to a writable one")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try openStore(folder + "/demo.sqlite")
        let now = Date()
        _ = try store.importing(now: now) { sink in
            for mention in DemoData.mentions(now: now) { try sink.put(mention) }
        }
        do {
            try PrivateFiles.makeFolder(folder + "/templates")
            for (name, text) in DemoData.templates {
                try PrivateFiles.create(folder + "/templates/" + name, containing: Array(text.utf8))
            }
        } catch {
            throw HeedExit.failure("\(error)")
        }
        let outbox = Outbox(path: folder + "/outbox.jsonl")
        try? Replies.settle(store: store, outbox: outbox, at: now)
        let services = Services.live(store: store, outbox: outbox, autosave: outbox.path, templates: folder + "/templates")
        let config = loadConfig(paths)
        try Screenful.run(services: services, label: "demo", settings: Settings(calendar: Settings.userCalendar), look: display.look(config: config, configFolder: paths.configFolder))
    }
}
