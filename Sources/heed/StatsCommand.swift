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

    /// A span must be a duration above nothing.
    func validate() throws {
        if let since, (Age.parse(since) ?? 0) <= 0 {
            throw ValidationError("'\(since)' is not a duration: write for example 90m, 12h, 7d or 2w")
        }
    }

    /// Counts at the current time and prints the report or the JSON object.
    func run() throws {
        let store = try openStore(paths.storePath)
        let now = Date()
        let start = since.flatMap(Age.parse).map { now.addingTimeInterval(-$0) }
        var stats = try store.stats(since: start, now: now)
        stats.outbox = Self.outbox(try readOutbox(paths.outboxPath).drafts, since: start)
        if json {
            let data = try ResponseStats.jsonEncoder.encode(stats)
            try StandardOutput.shared.line(String(decoding: data, as: UTF8.self))
        } else {
            let settings = Settings(overdue: loadConfig(paths).overdue)
            try StandardOutput.shared.line(StatsView.text(stats, width: 80, settings: settings).joined(separator: "\n"))
        }
    }

    /// The outbox's drafts counted for the report: sent ones in the period, the others as they stand now.
    static func outbox(_ drafts: [Draft], since: Date?) -> OutboxFigures {
        let sent = drafts.filter { draft in draft.status == .sent && since.map { (draft.delivery?.at ?? draft.updatedAt) >= $0 } ?? true }
        let pending = drafts.filter { $0.status == .pending }
        return OutboxFigures(sent: sent.count, pending: pending.count, failed: pending.filter { $0.failure != nil }.count,
                             unknown: drafts.filter { $0.status == .sending }.count)
    }
}
