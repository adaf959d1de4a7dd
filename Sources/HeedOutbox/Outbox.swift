import Foundation
import HeedCore
import HeedFiles

/// Why the outbox cannot be used.
public struct OutboxError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The outbox file: JSON Lines, append-only, the one place drafts live. A reader takes the last
/// record of each draft; appends are made under an exclusive lock and synced.
public struct Outbox: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// What the outbox holds: drafts in the order they were first written, and unreadable lines.
    public struct Contents: Sendable {
        public var drafts: [Draft]
        public var problems: [OutboxProblem]
        /// The drafts named by the last `recentRecords` records: where an interrupted step shows.
        public var recent: Set<String> = []

        public var pending: [Draft] { drafts.filter { $0.status == .pending } }
    }

    /// Appends records as whole lines under an exclusive lock, then syncs the file.
    public func append(_ records: [OutboxRecord]) throws {
        guard !records.isEmpty else { return }
        _ = try locked { try $0.append(records) { true } }
    }

    /// Appends records under the exclusive lock, then asks `confirm`, still under the lock,
    /// whether they stand (for a draft: whether the store took the reply). When it says no or
    /// throws, the records are cut off again as if never written. Returns what it said.
    @discardableResult
    public func append(_ records: [OutboxRecord], confirmedBy confirm: () throws -> Bool) throws -> Bool {
        try locked { try $0.append(records, confirmedBy: confirm) }
    }

    /// Runs `body` holding the outbox's exclusive lock (creating the file, owner-only, when
    /// new): no other heed appends meanwhile, so what `body` reads stays true while it writes.
    public func locked<T>(_ body: (LockedOutbox) throws -> T) throws -> T {
        try OutboxFiles.makePrivateFolder((path as NSString).deletingLastPathComponent)
        let fd = try OutboxFiles.openOrCreate(path)
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw OutboxFiles.failure("cannot lock the outbox \(path)", errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body(LockedOutbox(path: path, fd: fd))
    }

    /// Reads every record; a file that does not exist is an empty outbox. It waits for no lock:
    /// while another heed is appending, a last line still being written is left out unreported.
    public func read() throws -> Contents {
        try checkFolder()
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return Contents(drafts: [], problems: []) }
            throw OutboxFiles.failure("cannot read the outbox \(path)", errno)
        }
        defer { close(fd) }
        let quiet = flock(fd, LOCK_SH | LOCK_NB) == 0
        defer { if quiet { flock(fd, LOCK_UN) } }
        guard let data = try? FileHandle(fileDescriptor: fd, closeOnDealloc: false).readToEnd() ?? Data() else {
            throw OutboxFiles.failure("cannot read the outbox \(path)", errno)
        }
        return Self.parse(data, appending: !quiet)
    }

    /// Refuses an outbox whose folder another user owns or can write in (drafts there could
    /// be anyone's); a folder not made yet is fine.
    public func checkFolder() throws {
        if let problem = PrivateFiles.problem(withFolder: PrivateFiles.folder(of: path)) { throw OutboxFiles.refusal(problem) }
    }

    /// How many records at the end of the outbox count as recent.
    public static let recentRecords = 256

    /// The records of an outbox's bytes; `appending`: another heed holds the lock, so an
    /// unfinished last line is its append in progress, not a torn one.
    static func parse(_ data: Data, appending: Bool) -> Contents {
        var order: [String] = []
        var drafts: [String: Draft] = [:]
        var problems: [OutboxProblem] = []
        var named: [String] = []
        let lines = data.split(separator: 10, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            switch OutboxRecord.parse(Data(line)) {
            case .failure(let reason):
                let last = index == lines.count - 1
                if last, appending { continue }
                problems.append(OutboxProblem(line: index + 1, reason: last || OutboxRecord.looksBegun(line) ? .torn : reason))
            case .success(let record):
                named.append(record.draftID)
                if case .draft(let draft) = record {
                    if drafts[draft.id] == nil { order.append(draft.id) }
                    drafts[draft.id] = draft
                } else if var draft = drafts[record.draftID] {
                    DraftLifecycle.apply(record, to: &draft)
                    drafts[record.draftID] = draft
                }
            }
        }
        return Contents(drafts: order.compactMap { drafts[$0] }, problems: problems, recent: Set(named.suffix(recentRecords)))
    }
}

/// The outbox while its exclusive lock is held: read it, append to it.
public struct LockedOutbox {
    public let path: String
    let fd: Int32

    /// Everything the outbox holds now.
    public func read() throws -> Outbox.Contents {
        guard lseek(fd, 0, SEEK_SET) >= 0, let data = try? FileHandle(fileDescriptor: fd, closeOnDealloc: false).readToEnd() ?? Data() else {
            throw OutboxFiles.failure("cannot read the outbox \(path)", errno)
        }
        return Outbox.parse(data, appending: false)
    }

    /// Appends records as whole lines and syncs them; a last line torn by an earlier crash is
    /// ended first so nothing glues onto it. Then `confirm` decides whether they stay: when it
    /// says no or throws, or the write fails, the file is cut back to where it was.
    @discardableResult
    public func append(_ records: [OutboxRecord], confirmedBy confirm: () throws -> Bool) throws -> Bool {
        guard !records.isEmpty else { return try confirm() }
        let start = lseek(fd, 0, SEEK_END)
        guard start >= 0 else { throw OutboxFiles.failure("cannot write the outbox \(path)", errno) }
        var text = records.map { $0.line + "\n" }.joined()
        if endsMidLine(size: start) { text = "\n" + text }
        let confirmed: Bool
        do {
            try write(Array(text.utf8))
            guard fsync(fd) == 0 else { throw OutboxFiles.failure("cannot write the outbox \(path)", errno) }
            confirmed = try confirm()
        } catch {
            cut(to: start)
            throw error
        }
        if !confirmed { cut(to: start) }
        return confirmed
    }

    private func write(_ bytes: [UInt8]) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutboxFiles.failure("cannot write the outbox \(path)", errno)
            }
            written += count
        }
    }

    /// Takes back what this append wrote (the lock is held: nobody wrote after it).
    private func cut(to size: off_t) {
        if ftruncate(fd, size) == 0 { _ = fsync(fd) }
    }

    private func endsMidLine(size: off_t) -> Bool {
        guard size > 0 else { return false }
        var last: UInt8 = 0
        return pread(fd, &last, 1, size - 1) == 1 && last != 10
    }
}

/// Owner-only folders and files for the outbox and autosave (through `PrivateFiles`), and
/// failures in words a user can act on.
enum OutboxFiles {
    /// Creates `path` and any missing parent with mode 0700, or checks the folder there.
    static func makePrivateFolder(_ path: String) throws {
        do { try PrivateFiles.makeFolder(path) } catch { throw refusal(error) }
    }

    /// The outbox open for reading and appending: the file there, or a new one made exclusively.
    static func openOrCreate(_ path: String) throws -> Int32 {
        while true {
            let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            if fd >= 0 { return fd }
            guard errno == ENOENT else { throw failure("cannot open the outbox \(path)", errno) }
            do {
                return try PrivateFiles.create(path, flags: O_RDWR | O_APPEND)
            } catch where error.code == EEXIST {
                continue
            } catch {
                throw failure("cannot open the outbox \(path)", error.code)
            }
        }
    }

    /// A folder heed will not keep drafts in.
    static func refusal(_ problem: FolderProblem) -> OutboxError {
        OutboxError("the outbox's folder: \(problem); or name another outbox with --outbox")
    }

    /// "what: reason; what to do", from an errno.
    static func failure(_ what: String, _ code: Int32) -> OutboxError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT, EFBIG: return OutboxError("\(what): \(reason); nothing was written: free some space and try again")
        case EACCES, EPERM: return OutboxError("\(what): \(reason); make it writable, or name another outbox with --outbox")
        case EROFS: return OutboxError("\(what): \(reason); name an outbox on a writable disk with --outbox")
        default: return OutboxError("\(what): \(reason)")
        }
    }
}
