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
            let output = StandardOutput.shared
            guard !config.rules.isEmpty else {
                try output.line("no rules: add [[rules]] entries to \(paths.config ?? Config.defaultPath), for example")
                try output.line("  [[rules]]")
                try output.line("  when = \"from:spammer\"")
                try output.line("  then = [\"ack\"]")
                return
            }
            let store = try openStore(paths.storePath, config: config)
            try List.catchUp(store)
            let now = Date()
            for rule in config.rules {
                let summary = try store.summary(rule.when, now: now)
                let count = summary.exact ? summary.waiting : try store.exactCount(rule.when, now: now)
                let items = rule.when.scope == .waiting ? "waiting item" : "item"
                try output.line("\(rule.label): \(count.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) \(items)\(count == 1 ? " matches" : "s match") now")
                guard show > 0, count > 0 else { continue }
                for item in try store.page(rule.when, .first(show), now: now) {
                    try output.line("  " + List.plain(item, now: now, showState: rule.when.scope != .waiting, due: config.targets?.due(item.mention, now: now)))
                }
            }
        }
    }
}

extension Rules.Test: UsesStore {}
