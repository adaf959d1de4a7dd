import ArgumentParser
import Foundation
import HeedConfig
import HeedCore
import HeedStore
import HeedUI

/// `heed ack REF…` / `heed ack --older-than 30d`: acknowledge from the shell. A bulk by age
/// above `[bulk] confirm_above` asks first on a terminal; `--dry-run` lists what it would do.
struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Acknowledge items (seen, no reply needed) by ref or by age.",
        discussion: """
            Refs are as heed list prints them (an id's controls, spaces and backslashes escaped \
            as \\xHH, \\u{HHHH} and \\\\). With --older-than, more items than [bulk] confirm_above \
            in config.toml (default 20) are acknowledged only after a yes on the terminal, or \
            with --yes; without a terminal they are acknowledged. heed undo takes it back.
            """
    )

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("Items to acknowledge, as platform:id (see heed list).", valueName: "ref"))
    var refs: [String] = []

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Acknowledge every waiting item older than this (90m, 4h, 30d, 2w).", valueName: "duration"))
    var olderThan: String?

    @Flag(help: "Acknowledge without asking, however many items.")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "List what would be acknowledged, and change nothing.")
    var dryRun = false

    func validate() throws {
        if refs.isEmpty == (olderThan == nil) {
            throw ValidationError("give either refs or --older-than DURATION")
        }
        for ref in refs where Ref.candidates(ref).isEmpty {
            throw ValidationError("'\(ref)' is not a ref: write platform:id, for example mastodon:109876")
        }
        if let olderThan, Age.parse(olderThan) == nil {
            throw ValidationError("'\(olderThan)' is not a duration: write for example 90m, 4h, 30d or 2w")
        }
    }

    func run() throws {
        let console = Console()
        let store = try openStore(paths).store
        let now = Date()
        if let olderThan, let seconds = Age.parse(olderThan) {
            var query = Query()
            query.olderThan = seconds
            let count = try store.exactCount(query, now: now)
            if dryRun {
                try List.pages(store, query, now: now, limit: nil) { item in try console.out("would acknowledge \(item.mention.ref.shown)") }
                try console.out("would acknowledge \(count.grouped) item\(count == 1 ? "" : "s")")
                return
            }
            let threshold = loadConfig(paths).confirmAbove
            if count > threshold, !yes, let answer = console.confirm("Acknowledge \(count.grouped) items waiting longer than \(olderThan)?"), !answer {
                throw HeedExit.failure("nothing acknowledged")
            }
            let result = try store.acknowledge(.view(query), at: now)
            try console.out("acknowledged \(result.changedCount.grouped)")
            return
        }
        var found: [Ref] = []
        var unknown: [String] = []
        for word in refs {
            if let ref = try Ref.candidates(word).first(where: { try store.item($0) != nil }) { found.append(ref) } else { unknown.append(word) }
        }
        if dryRun {
            for ref in found { if let item = try store.item(ref), item.mention.state.isWaiting { try console.out("would acknowledge \(ref.shown)") } }
        } else {
            let result = try store.acknowledge(found, at: now)
            try console.out("acknowledged \(result.changedCount.grouped)")
            for ref in result.alreadyAnswered { console.err("\(ref.shown) was already answered; left as it was") }
        }
        for word in unknown { console.err("\(Ref.candidates(word).first?.shown ?? word) is not in the store") }
        if !unknown.isEmpty { throw HeedExit(message: "", code: 1) }
    }
}
