import Foundation
import HeedCore

/// An author's history as a store gathers it, account by account: the accounts asked for (each
/// once, handles compared without case or "@"), the handles to look up (stored with "@" or
/// without), then their items counted, and the history made of it.
public struct AuthorTally {
    public private(set) var accounts: [Identity] = []
    private var counts: [StoredState: Int] = [:]
    private var durations: [Double] = []
    private var first: Int64?
    private var items: [QueueItem] = []
    private var lastAnswered: QueueItem?

    /// The tally of these accounts, none counted yet.
    public init(_ identities: [(platform: Platform, handle: String)]) {
        for (platform, handle) in identities {
            let account = Identity(platform: platform, handle: handle)
            if !account.handle.isEmpty, !accounts.contains(where: account.matches) { accounts.append(account) }
        }
    }

    /// Each account's handle with and without a leading "@": a stored handle may carry it
    /// (YouTube's "@name") or not.
    public var lookups: [(platform: Platform, handle: String)] {
        accounts.flatMap { account in [account.handle, "@" + account.handle].map { (account.platform, $0) } }
    }

    /// Counts one item of theirs: its state, when it arrived and when it was answered (ms).
    public mutating func count(_ state: StoredState, created: Int64, answeredAt: Int64?) {
        counts[state, default: 0] += 1
        first = min(first ?? created, created)
        if state.isAnswered, let answeredAt, answeredAt >= created { durations.append(Double(answeredAt - created) / 1000) }
    }

    /// Adds an account's newest items and its newest answered one.
    public mutating func add(newest: [QueueItem], lastAnswered answered: QueueItem?) {
        items += newest
        if let answered, lastAnswered.map({ answered.key > $0.key }) ?? true { lastAnswered = answered }
    }

    /// The history at `now`, with the `recent` newest items of all accounts.
    public func history(now: Date, recent: Int) -> AuthorHistory {
        AuthorHistory(
            identities: accounts, asOf: now, total: counts.values.reduce(0, +),
            replied: counts[.replied] ?? 0, acknowledged: counts[.acknowledged] ?? 0,
            waiting: counts[.waiting] ?? 0, snoozed: counts[.snoozed] ?? 0,
            timed: durations.count, medianSeconds: AnswerFigures.percentile(durations.sorted(), 0.5),
            firstAt: first.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            recent: items.sorted { $0.key > $1.key }.prefix(max(0, recent)).map(\.mention),
            lastAnswered: lastAnswered?.mention
        )
    }
}
