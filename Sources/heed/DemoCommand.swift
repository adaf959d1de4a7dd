import ArgumentParser
import Foundation
import HeedConfig
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
        var template = Array((NSTemporaryDirectory() + "/heed-demo-XXXXXX").utf8CString)
        guard let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw HeedExit.failure("cannot create a temporary folder for the demo")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try openStore(folder + "/demo.sqlite")
        let now = Date()
        _ = try store.importing(now: now) { sink in
            for mention in DemoData.mentions(now: now) { try sink.put(mention) }
        }
        try FileManager.default.createDirectory(atPath: folder + "/templates", withIntermediateDirectories: true)
        for (name, text) in DemoData.templates {
            _ = FileManager.default.createFile(atPath: folder + "/templates/" + name, contents: Data(text.utf8))
        }
        let outbox = Outbox(path: folder + "/outbox.jsonl")
        try? Replies.settle(store: store, outbox: outbox, at: now)
        let services = Services.live(store: store, outbox: outbox, autosave: outbox.path, templates: folder + "/templates")
        let config = Config.load(path: Config.defaultPath).0
        try Screenful.run(services: services, label: "demo", settings: Settings(), look: display.look(config: config, configFolder: (Config.defaultPath as NSString).deletingLastPathComponent))
    }
}
