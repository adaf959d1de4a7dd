import Foundation

/// Reading a file someone put in heed's config folder (config.toml, a theme, a saved reply):
/// only a regular file, never more than a limit, and never waiting — a FIFO, a device or a
/// folder under that name is refused at once instead of blocking heed or filling its memory.
public enum UserFile {
    /// Why a file could not be read; `description` says it in a phrase for a message.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case missing
        case notAFile(kind: String)
        case tooLarge(bytes: Int, limit: Int)
        case unreadable(String)
        case notText

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .notAFile(let kind): "is \(kind), not a file: heed reads only plain files here"
            case .tooLarge(let bytes, let limit): "is \(Self.size(bytes)), over the \(Self.size(limit)) heed reads: left unread"
            case .unreadable(let reason): "cannot be read: \(reason)"
            case .notText: "is not UTF-8 text"
            }
        }

        /// A size in plain words ("1.0 MiB", "812 bytes").
        static func size(_ bytes: Int) -> String {
            if bytes < 1024 { return "\(bytes) bytes" }
            let units = ["KiB", "MiB", "GiB", "TiB"]
            var value = Double(bytes) / 1024
            var unit = 0
            while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
            return String(format: "%.1f %@", value, units[unit])
        }
    }

    /// The text of the regular file at `path` (a symlink is followed to one), if it holds at
    /// most `limit` bytes of UTF-8. Opened without blocking, checked once open (so a file
    /// swapped for a FIFO after a look is still refused), read to at most `limit` + 1 bytes.
    public static func read(_ path: String, limit: Int) -> Result<String, Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notAFile(kind: kind(info.st_mode))) }
        if Int(info.st_size) > limit { return .failure(.tooLarge(bytes: Int(info.st_size), limit: limit)) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= limit {
            let count = Foundation.read(fd, &chunk, min(chunk.count, limit + 1 - bytes.count))
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        // A file that grew while being read is as large as it got.
        if bytes.count > limit { return .failure(.tooLarge(bytes: max(bytes.count, Int(info.st_size)), limit: limit)) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.notText) }
        return .success(text)
    }

    /// What a file type is, in words.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }

    /// The names in a folder that heed would read, sorted, at most `limit` of them (and how
    /// many there were in all); hidden names are left out. A folder that cannot be listed is empty.
    public static func names(in folder: String, limit: Int, suffix: String = "") -> (names: [String], total: Int) {
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.hasSuffix(suffix) && $0.count > suffix.count }.sorted()
        return (Array(all.prefix(limit)), all.count)
    }
}
