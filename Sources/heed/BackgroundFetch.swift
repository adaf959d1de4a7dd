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
    private let storePath: String
    private let config: Config
    private let options: FetchOptions
    private let queue = DispatchQueue(label: "heed fetch", qos: .utility)
    private let lock = NSLock()
    private var running = false
    private var line = ""
    private var result: FetchReport?
    private var store: Store?

    init(storePath: String, config: Config, options: FetchOptions) {
        self.storePath = storePath
        self.config = config
        self.options = options
    }

    /// Starts a fetch of every account: nil once started, else why not.
    func start() -> String? {
        guard !config.accounts.isEmpty else { return "No accounts to fetch from: add [[accounts]] to config.toml" }
        let started = lock.withLock {
            guard !running else { return false }
            running = true
            line = "Fetching…"
            return true
        }
        guard started else { return "Fetching already" }
        queue.async { self.work() }
        return nil
    }

    /// The progress while it runs, then its result once.
    func report() -> FetchReport? {
        lock.withLock {
            if let result {
                self.result = nil
                running = false
                return result
            }
            return running ? FetchReport(line: line, finished: false) : nil
        }
    }

    private func work() {
        let result: FetchReport
        do {
            let store = try self.store ?? Store(path: storePath)
            self.store = store
            let run = FetchRun(store: store, config: config, options: options, progress: { [weak self] progress in
                self?.say("Fetching \(progress.account): \(progress.pages) page\(progress.pages == 1 ? "" : "s"), \(progress.items.formatted(.number.locale(Locale(identifier: "en_US")))) items…")
            }, told: { [weak self] line in self?.say(line) })
            var outcomes: [AccountOutcome] = []
            for account in config.accounts {
                say("Fetching \(account.label)…")
                outcomes.append(run.fetch(account))
            }
            result = Self.summary(outcomes)
        } catch {
            result = FetchReport(line: "Fetch: \(error)", finished: true, failed: true)
        }
        lock.withLock { self.result = result }
    }

    private func say(_ text: String) {
        lock.withLock { line = text }
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
