import ArgumentParser
import Foundation
import HeedCore
import HeedStore
import HeedUI

/// `heed stats [--since 7d] [--json]`: response rate, time to answer, the queue by age and
/// the last days, per platform.
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
        let config = loadConfig(paths)
        let store = try openStore(paths.storePath, config: config)
        let now = Date()
        let stats = try store.stats(since: since.flatMap(Age.parse).map { now.addingTimeInterval(-$0) }, now: now)
        if json {
            let data = try ResponseStats.jsonEncoder.encode(stats)
            try StandardOutput.shared.line(String(decoding: data, as: UTF8.self))
        } else {
            let settings = Settings(overdue: config.overdue, targets: config.targets)
            try StandardOutput.shared.line(StatsView.text(stats, width: 80, settings: settings).joined(separator: "\n"))
        }
    }
}
