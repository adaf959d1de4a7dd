import Foundation
import HeedOutbox
import PostgresNIO

/// A team store's drafts are a `SendLedger` too, so `heed send` posts them from any teammate's
/// heed: a record is appended only if its draft is still as read (under the outbox's advisory
/// lock, in one transaction), and one heed at a time sends, holding a session advisory lock of
/// the store's schema for as long as it sends (released when it ends, or by the server when its
/// connection is gone, so a heed killed while sending leaves its drafts `sending`, not locked).
extension TeamDrafts: SendLedger {
    /// Every draft, as its records leave it.
    public func drafts() throws -> [Draft] { try read().drafts }

    /// Appends `record` if the draft it names is still as `expected` says, under the lock.
    public func append(_ record: OutboxRecord, ifStill expected: (Draft) -> Bool) throws -> Bool {
        try withLock { box in
            guard let draft = try box.read().drafts.first(where: { $0.id == record.draftID }), expected(draft) else { return false }
            return try box.append([record]) { true }
        }
    }

    /// Runs `body` as the only sender of the team's drafts; throws `SendBusy` when another
    /// heed sends.
    public func asOnlySender<T>(_ body: () throws -> T) throws -> T {
        try store.links.with { link in
            let taken = try link.rows("SELECT pg_try_advisory_lock(hashtext('heed send ' || current_schema()))").first?.decode(Bool.self) ?? false
            guard taken else { throw SendBusy() }
            defer { _ = try? link.execute("SELECT pg_advisory_unlock(hashtext('heed send ' || current_schema()))") }
            return try body()
        }
    }

    /// Whether a heed sends from these drafts now (another session holds the send lock).
    public func isSending() -> Bool {
        let taken = try? store.links.with { link -> Bool in
            let got = try link.rows("SELECT pg_try_advisory_lock(hashtext('heed send ' || current_schema()))").first?.decode(Bool.self) ?? false
            if got { _ = try link.execute("SELECT pg_advisory_unlock(hashtext('heed send ' || current_schema()))") }
            return got
        }
        return taken == false
    }
}
