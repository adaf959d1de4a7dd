import ArgumentParser
import Foundation
import HeedConfig
import HeedCore
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

    /// Accepted like every command's; the demo reads `--config` (the theme, keys, mouse,
    /// views, targets, rank order and rules, so a config can be tried on the sample) and never
    /// touches the store or outbox named.
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
        let config = loadConfig(paths)
        let store = try openStore(folder + "/demo.sqlite")
        store.configure(targets: config.targets, rank: config.rank)
        let now = Date()
        let rules = RuleSet(rules: config.rules, targets: config.targets)
        _ = try store.importing(now: now) { sink in
            for mention in DemoData.mentions(now: now) { try sink.put(mention, ruled: rules.steps(for: mention, now: now), at: now) }
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
        // The user's settings, but no accounts: the demo never fetches.
        var settings = Settings(config)
        settings.accounts = 0
        settings.fetchEvery = nil
        try Screenful.run(services: services, label: "demo", settings: settings, views: config.views.map { QueryTab(name: $0.name, query: $0.query) },
                          look: display.look(config: config, configFolder: paths.configFolder))
    }
}
