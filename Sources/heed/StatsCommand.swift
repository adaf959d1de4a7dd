import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox
import HeedStore
import HeedUI

/// `heed stats [--since 7d] [--json]`: response rate, time to answer, the queue by age and
/// the last days, per platform; and the replies heed posted from the outbox.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "How well you answer: response rate, time to answer, the queue by age, per platform and per day.")

    @OptionGroup var paths: PathOptions

    @Option(help: ArgumentHelp("Count items received in this last span only (90m, 12h, 7d, 2w). Default: everything.", valueName: "duration"))
    var since: String?

    @Flag(help: "Print one JSON object (snake_case keys, ISO 8601 UTC times, durations in seconds, shares from 0 to 1).")
    var json = false

    @Option(help: ArgumentHelp("person: each person's answers and time to answer (a team store's people).", valueName: "what"))
    var by: StatsBreakdown?

    /// A span must be a duration above nothing.
    func validate() throws {
        if let since, (Age.parse(since) ?? 0) <= 0 {
            throw ValidationError("'\(since)' is not a duration: write for example 90m, 12h, 7d or 2w")
        }
    }

    /// Counts at the current time and prints the report or the JSON object.
    func run() throws {
        let config = loadConfig(paths)
        let store = try openStore(paths, config: config).store
        let now = Date()
        let start = since.flatMap(Age.parse).map { now.addingTimeInterval(-$0) }
        let console = Console()
        if by == .person { return try printPeople(try store.personStats(since: start, now: now), since: start, now: now, console: console) }
        var stats: ResponseStats
        do {
            stats = try store.stats(since: start, now: now)
        } catch let error as StoreError {
            throw HeedExit.failure("\(error)")
        }
        stats.outbox = Self.outbox(try readDrafts(try draftBox(paths), console: console).drafts, since: start)
        if json {
            let data = try ResponseStats.jsonEncoder.encode(stats)
            try console.data(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            let settings = Settings(overdue: config.overdue, targets: config.targets)
            try console.out(StatsView.text(stats, width: 80, settings: settings).joined(separator: "\n"))
        }
    }

    /// `--by person`: one JSON object with every person's figures, or the table.
    private func printPeople(_ people: [PersonFigures], since: Date?, now: Date, console: Console) throws {
        guard json else {
            return try console.out(StatsView.peopleText(people).joined(separator: "\n"))
        }
        let report: [String: Any] = ["generated_at": Timestamp.formatPrecise(now), "since": since.map(Timestamp.formatPrecise) ?? NSNull(), "people": people.map(\.json)]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .withoutEscapingSlashes])
        try console.data(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// The outbox's drafts counted for the report: sent ones in the period, the others as they stand now.
    static func outbox(_ drafts: [Draft], since: Date?) -> OutboxFigures {
        let sent = drafts.filter { draft in draft.status == .sent && since.map { (draft.delivery?.at ?? draft.updatedAt) >= $0 } ?? true }
        let pending = drafts.filter { $0.status == .pending }
        return OutboxFigures(sent: sent.count, pending: pending.count, failed: pending.filter { $0.failure != nil }.count,
                             unknown: drafts.filter { $0.status == .sending }.count)
    }
}

/// What `heed stats --by` breaks the figures down by (platforms are always there).
enum StatsBreakdown: String, ExpressibleByArgument, CaseIterable {
    case person
}
