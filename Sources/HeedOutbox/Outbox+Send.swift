import Foundation
import HeedCore
import HeedFiles

/// Where a send reads drafts and writes what became of each: the outbox file here, a team
/// store's table elsewhere. The states and how records move them are `DraftLifecycle`'s, the
/// same for every ledger; a ledger only keeps them, one sender at a time.
public protocol SendLedger: Sendable {
    /// Every draft, as its records leave it.
    func drafts() throws -> [Draft]
    /// Appends `record` (synced before it returns) if the draft it names is still as `expected`
    /// says, checked under the ledger's lock; false when another heed changed it meanwhile.
    func append(_ record: OutboxRecord, ifStill expected: (Draft) -> Bool) throws -> Bool
    /// Runs `body` as the only sender of these drafts, so that a draft found `sending` was left
    /// so by a heed that stopped, not one at work; throws `SendBusy` when another heed sends.
    func asOnlySender<T>(_ body: () throws -> T) throws -> T
    /// Whether a heed is sending from this ledger now.
    func isSending() -> Bool
}

/// Another heed is sending from the same outbox.
public struct SendBusy: Error, CustomStringConvertible, Sendable {
    public var description: String { "another heed is sending from this outbox; try again when it is done" }
    public init() {}
}

extension Outbox: SendLedger {
    public func drafts() throws -> [Draft] { try read().drafts }

    public func append(_ record: OutboxRecord, ifStill expected: (Draft) -> Bool) throws -> Bool {
        try locked { file in
            guard let draft = try file.read().drafts.first(where: { $0.id == record.draftID }), expected(draft) else { return false }
            return try file.append([record]) { true }
        }
    }

    public func asOnlySender<T>(_ body: () throws -> T) throws -> T {
        guard let fd = try sendLock() else { throw SendBusy() }
        defer { close(fd) }
        return try body()
    }

    public func isSending() -> Bool {
        guard FileManager.default.fileExists(atPath: sendLockPath) else { return false }
        do {
            guard let fd = try sendLock() else { return true }
            close(fd)
        } catch {}
        return false
    }

    /// The file whose lock the one sender holds: beside the outbox, owner-only.
    var sendLockPath: String { path + ".sending" }

    /// The send lock's file, locked; nil when another process holds it.
    private func sendLock() throws -> Int32? {
        try OutboxFiles.makePrivateFolder(PrivateFiles.folder(of: path))
        let fd = try OutboxFiles.openOrCreate(sendLockPath)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw OutboxFiles.failure("cannot lock \(sendLockPath)", code)
        }
        return fd
    }
}
