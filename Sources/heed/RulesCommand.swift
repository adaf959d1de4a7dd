import ArgumentParser
import Foundation
import HeedConfig
import HeedCore
import HeedStore

/// `heed rules`: the `[[rules]]` of config.toml.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The [[rules]] of config.toml: what they would do now.",
        subcommands: [Test.self]
    )

    /// `heed rules test`: per rule, how many waiting items it would match now, and a few of them.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print, per rule, how many items it would match now and the first few of them.",
            discussion: "Rules act on items as they arrive (heed import, the spool folder, heed fetch); this shows what each rule's when would find in the store now, without changing anything."
        )

        @OptionGroup var paths: PathOptions

        @Option(help: ArgumentHelp("Items to show per rule.", valueName: "n"))
        var show = 3

        func validate() throws {
            if show < 0 { throw ValidationError("--show must be 0 or more") }
        }

        func run() throws {
            let config = loadConfig(paths)
            let console = Console()
            guard !config.rules.isEmpty else {
                try console.out("""
                    no rules: add [[rules]] entries to \(paths.configPath), for example
                      [[rules]]
                      when = "from:spammer"
                      then = ["ack"]
                    """)
                return
            }
            let store = try openStore(paths, config: config).store
            try List.catchUp(store, console: console)
            let now = Date()
            for rule in config.rules {
                let summary = try store.summary(rule.when, now: now)
                let count = summary.exact ? summary.waiting : try store.exactCount(rule.when, now: now)
                let items = rule.when.scope == .waiting ? "waiting item" : "item"
                try console.out("\(rule.label): \(count.grouped) \(items)\(count == 1 ? " matches" : "s match") now")
                guard show > 0, count > 0 else { continue }
                // The items as heed list prints them.
                var output = BufferedOutput(console: console, json: false)
                var rows = ListRows(console: console, showState: rule.when.scope != .waiting, targets: config.targets)
                for item in try store.page(rule.when, .first(show), now: now) { try rows.add(item, now: now, to: &output) }
                try rows.finish(to: &output)
                try output.flush()
            }
        }
    }
}

extension Rules.Test: UsesStore {}
