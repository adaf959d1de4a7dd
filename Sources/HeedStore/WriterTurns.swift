import Foundation
import HeedFiles

/// Turns at writing the store between people and long writers, across every heed that has it
/// open. SQLite's write lock is not fair: a queue's acknowledge that waits (retrying every
/// 10 ms) can lose every race to an import that starts its next transaction the moment the last
/// one commits, and so wait for the whole import. Here a person's write holds a shared `flock`
/// on `STORE-turn` while it waits and writes; a long writer (an import's file, a fetched page,
/// a batch of the search index) takes that lock exclusively, and lets it go at once, before
/// each of its transactions. So a person waits at most for the transaction under way.
///
/// Both waits are bounded (`longest`): a person stopped while holding its turn delays a long
/// writer, never stops it. Without the file (a folder made read-only) writes go on unordered.
struct WriterTurns {
    /// The turn file beside the store, or nil for a store in memory.
    let path: String?
    /// The longest either side waits for the other before it goes on regardless.
    static let longest: TimeInterval = 5

    init(store: String?) {
        path = store.map { $0 + "-turn" }
        if let path, let fd = try? PrivateFiles.create(path, flags: O_RDONLY) { close(fd) }
    }

    /// Runs a person's write (an acknowledge, an undo, a tag) holding a turn.
    func person<T>(_ body: () throws -> T) rethrows -> T {
        let fd = take(LOCK_SH)
        defer { if fd >= 0 { close(fd) } }
        return try body()
    }

    /// Before a long writer's next transaction: waits while a person waits or writes.
    func letPeopleIn() {
        let fd = take(LOCK_EX)
        if fd >= 0 { close(fd) }
    }

    /// A new open file (a lock belongs to one, so two threads of one heed take turns too)
    /// holding `kind`, or -1 without the file. Closing it lets the lock go.
    private func take(_ kind: Int32) -> Int32 {
        guard let path else { return -1 }
        // Never waits to open (a FIFO put there), and locks only a regular file.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return -1 }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return -1
        }
        let end = Date().addingTimeInterval(Self.longest)
        while flock(fd, kind | LOCK_NB) != 0, errno == EWOULDBLOCK || errno == EINTR, Date() < end {
            usleep(1_000)
        }
        return fd
    }
}
