import Foundation
import HeedAccounts
import HeedConfig
import HeedStore
import HeedUI

/// Fetches every account on a thread of its own while the queue is open (`F`, `[fetch]
/// every`), through a store connection of its own: each page it commits moves the store's
/// data version, so the queue's change watch shows new items as they arrive. The loop asks
/// how it goes on its tick (`report`).
final class BackgroundFetch: @unchecked Sendable {
    /// Opens the fetch's own connection to the store the queue shows.
    private let open: @Sendable () throws -> any MentionStore
    private let config: Config
    private let options: FetchOptions
    private let work = BackgroundWork(label: "heed fetch")
    private let lock = NSLock()
    private var store: (any MentionStore)?

    init(config: Config, options: FetchOptions, open: @escaping @Sendable () throws -> any MentionStore) {
        self.open = open
        self.config = config
        self.options = options
    }

    /// Starts a fetch of every account: nil once started, else why not.
    func start() -> String? {
        guard !config.accounts.isEmpty else { return "No accounts to fetch from: add [[accounts]] to config.toml" }
        return work.start(saying: "Fetching…") { self.fetch() } ? nil : "Fetching already"
    }

    /// The progress while it runs, then its result once.
    func report() -> FetchReport? { work.report() }

    private func fetch() -> FetchReport {
        do {
            let store = try lock.withLock { try self.store ?? open() }
            lock.withLock { self.store = store }
            let work = work
            let run = FetchRun(store: store, config: config, options: options, progress: { progress in
                work.say("Fetching \(progress.account): \(progress.pages) page\(progress.pages == 1 ? "" : "s"), \(progress.items.grouped) items…")
            }, told: { line in work.say(line) })
            var outcomes: [AccountOutcome] = []
            for account in config.accounts {
                work.say("Fetching \(account.label)…")
                outcomes.append(run.fetch(account))
            }
            return Self.summary(outcomes)
        } catch {
            return FetchReport(line: "Fetch: \(error)", finished: true, failed: true)
        }
    }

    /// One line for the status row: what came in from all accounts, and each that failed.
    static func summary(_ outcomes: [AccountOutcome]) -> FetchReport {
        var total = FetchedCounts()
        for outcome in outcomes { total.add(outcome.counts) }
        let failures = outcomes.compactMap { outcome in outcome.failure.map { "\(outcome.account) failed: \($0)" } }
        let fetched = "Fetched \(outcomes.count) account\(outcomes.count == 1 ? "" : "s"): \(total.counts.imported) new, \(total.counts.updated) updated, \(total.answeredElsewhere) answered elsewhere"
        let line = failures.isEmpty ? fetched : ([fetched] + failures).joined(separator: "; ")
        let changed = total.counts.imported + total.counts.updated + total.answeredElsewhere > 0
        return FetchReport(line: line, finished: true, failed: !failures.isEmpty, changed: changed)
    }
}
