import Foundation
import HeedCore
import HeedOutbox
import HeedStorage
import PostgresNIO

/// The drafts of a team store: the outbox's records (the same JSON lines as the file) in the
/// table `outbox`, so `heed export`, `heed outbox` and the queue find them from any teammate's
/// heed. The lock is a transaction holding an advisory lock: an export reads, writes its file
/// and marks what it wrote exported inside it, so two exports never write one draft twice; a
/// reply's draft is inserted in the same transaction as the item is marked replied with it.
public struct TeamDrafts: DraftBox {
    let store: PostgresStore

    /// The drafts of `store`.
    public init(store: PostgresStore) { self.store = store }

    /// The team store's URL (no password).
    public var name: String { "\(store.location) (its outbox)" }

    public var exists: Bool { true }

    /// Every draft, from the records in the order they were written.
    public func read() throws -> Outbox.Contents {
        try store.links.with { link in try Self.read(link) }
    }

    static func read(_ link: Link) throws -> Outbox.Contents {
        Outbox.contents(ofLines: try link.rows("SELECT line FROM outbox ORDER BY seq").map { try $0.decode(String.self) })
    }

    /// Appends records (under the lock, so no export is halfway meanwhile).
    public func append(_ records: [OutboxRecord]) throws {
        try append(records, confirmedBy: { true })
    }

    /// Appends records and keeps them only when `confirm` (run in the same transaction: a
    /// store write it makes joins it) says so.
    @discardableResult
    public func append(_ records: [OutboxRecord], confirmedBy confirm: () throws -> Bool) throws -> Bool {
        try withLock { try $0.append(records, confirmedBy: confirm) }
    }

    /// Runs `body` in a transaction holding the outbox's advisory lock.
    public func withLock<T>(_ body: (any LockedDraftBox) throws -> T) throws -> T {
        try store.links.transaction { link in
            try link.execute("SELECT pg_advisory_xact_lock(hashtext('heed outbox'))")
            return try body(Locked(link: link, person: store.person))
        }
    }

    /// The outbox inside its transaction.
    struct Locked: LockedDraftBox {
        let link: Link
        let person: String

        func read() throws -> Outbox.Contents { try TeamDrafts.read(link) }

        /// Inserts the records after a savepoint, rolled back to when `confirm` says no or throws.
        func append(_ records: [OutboxRecord], confirmedBy confirm: () throws -> Bool) throws -> Bool {
            guard !records.isEmpty else { return try confirm() }
            try link.execute("SAVEPOINT heed_drafts")
            do {
                try link.execute("INSERT INTO outbox (draft_id, line, person) SELECT d, l, $3 FROM unnest($1::text[], $2::text[]) AS r (d, l)",
                                 [.texts(records.map(\.draftID)), .texts(records.map(\.line)), .text(person)])
                if try confirm() {
                    try link.execute("RELEASE SAVEPOINT heed_drafts")
                    return true
                }
            } catch {
                _ = try? link.execute("ROLLBACK TO SAVEPOINT heed_drafts")
                throw error
            }
            try link.execute("ROLLBACK TO SAVEPOINT heed_drafts")
            return false
        }
    }
}
