import Foundation
import HeedCore

/// Where drafts live and how they are changed: the outbox file (`Outbox`), or a team store's
/// table, where every teammate's heed finds them. Records are appended, never rewritten; a
/// reader takes the last record of each draft; a step that reads and then writes (saving a
/// reply with its item, an export marking what it wrote) holds the box's lock throughout, so
/// two heeds never export or send one draft twice.
public protocol DraftBox: Sendable {
    /// How messages name it: the file's path, or the team store.
    var name: String { get }
    /// Whether it holds any record at all (a file not made yet holds none).
    var exists: Bool { get }
    /// Every draft, and what could not be read.
    func read() throws -> Outbox.Contents
    /// Appends records.
    func append(_ records: [OutboxRecord]) throws
    /// Appends records, then asks `confirm`, still holding the lock, whether they stand; when it
    /// says no or throws, they are taken back as if never written. Returns what it said.
    @discardableResult
    func append(_ records: [OutboxRecord], confirmedBy confirm: () throws -> Bool) throws -> Bool
    /// Runs `body` holding the box's lock: nobody appends meanwhile.
    func withLock<T>(_ body: (any LockedDraftBox) throws -> T) throws -> T
}

/// A draft box while its lock is held: read it, append to it.
public protocol LockedDraftBox {
    /// Everything it holds now.
    func read() throws -> Outbox.Contents
    /// Appends records and keeps them only when `confirm` says so.
    @discardableResult
    func append(_ records: [OutboxRecord], confirmedBy confirm: () throws -> Bool) throws -> Bool
}

extension Outbox: DraftBox {
    /// The file's path.
    public var name: String { path }

    /// Whether the file exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Runs `body` holding the file's lock (see `locked`).
    public func withLock<T>(_ body: (any LockedDraftBox) throws -> T) throws -> T {
        try locked { try body($0) }
    }
}

extension LockedOutbox: LockedDraftBox {}

extension Outbox {
    /// The drafts of these records, one JSON line each, as the file's reader takes them.
    public static func contents(ofLines lines: [String]) -> Contents {
        parse(Data(lines.joined(separator: "\n").utf8), appending: false)
    }

    /// Records that rebuild `drafts` as they stand: each draft with its last text, then its
    /// state when that is not pending, and why its last try failed (for copying drafts from one
    /// box to another).
    public static func records(rebuilding drafts: [Draft]) -> [OutboxRecord] {
        drafts.flatMap { draft -> [OutboxRecord] in
            var records: [OutboxRecord] = [.draft(draft)]
            switch draft.status {
            case .pending: break
            case .exported: records.append(.exported(draft: draft.id, format: "copied", at: draft.updatedAt))
            case .discarded: records.append(.discarded(draft: draft.id, at: draft.updatedAt))
            case .sending: records.append(.sending(draft: draft.id, at: draft.updatedAt))
            case .sent:
                if let delivery = draft.delivery { records.append(.sent(draft: draft.id, delivery)) }
            }
            if draft.status == .pending, let failure = draft.failure { records.append(.failed(draft: draft.id, failure)) }
            return records
        }
    }
}
