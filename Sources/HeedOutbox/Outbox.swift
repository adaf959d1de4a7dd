import Foundation
import HeedCore

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

        public var pending: [Draft] { drafts.filter { $0.status == .pending } }
    }

    /// Appends records as whole lines under an exclusive lock, then syncs the file.
    public func append(_ records: [OutboxRecord]) throws {
        guard !records.isEmpty else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutboxError("cannot open the outbox \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw OutboxError("cannot lock the outbox \(path): \(String(cString: strerror(errno)))") }
        defer { flock(fd, LOCK_UN) }
        var text = records.map { $0.line + "\n" }.joined()
        if endsMidLine(fd) { text = "\n" + text }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                if written > 0 { _ = ftruncate(fd, lseek(fd, 0, SEEK_END) - off_t(written)) }
                throw OutboxError("cannot write the outbox \(path): \(reason)")
            }
            written += count
        }
        guard fsync(fd) == 0 else { throw OutboxError("cannot sync the outbox \(path): \(String(cString: strerror(errno)))") }
    }

    private func endsMidLine(_ fd: Int32) -> Bool {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return false }
        var last: UInt8 = 0
        return pread(fd, &last, 1, size - 1) == 1 && last != 10
    }

    /// Reads every record; a file that does not exist is an empty outbox.
    public func read() throws -> Contents {
        guard FileManager.default.fileExists(atPath: path) else { return Contents(drafts: [], problems: []) }
        guard let data = FileManager.default.contents(atPath: path) else { throw OutboxError("cannot read the outbox \(path)") }
        var order: [String] = []
        var drafts: [String: Draft] = [:]
        var problems: [OutboxProblem] = []
        let lines = data.split(separator: 10, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            switch OutboxRecord.parse(Data(line)) {
            case .failure(let reason):
                let torn = index == lines.count - 1
                problems.append(OutboxProblem(line: index + 1, reason: torn ? .torn : reason))
            case .success(let record):
                switch record {
                case .draft(let draft):
                    if drafts[draft.id] == nil { order.append(draft.id) }
                    drafts[draft.id] = draft
                case .edited(let id, let text, let at):
                    drafts[id]?.text = text
                    drafts[id]?.updatedAt = at
                    drafts[id]?.status = .pending
                case .exported(let id, _, let at):
                    drafts[id]?.status = .exported
                    drafts[id]?.updatedAt = at
                case .discarded(let id, let at):
                    drafts[id]?.status = .discarded
                    drafts[id]?.updatedAt = at
                }
            }
        }
        return Contents(drafts: order.compactMap { drafts[$0] }, problems: problems)
    }
}
