import Foundation

/// What is at a path, in the words a message uses ("it is a FIFO").
public enum FileKind: Sendable, Equatable {
    case regular, folder, symbolicLink, fifo, characterDevice, blockDevice, socket, other

    /// The kind of a `stat` mode.
    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// The kind of what `path` names itself (a symbolic link is not followed); nil when nothing is there.
    public init?(at path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(mode: info.st_mode)
    }

    /// "a FIFO (named pipe)", "a folder", …
    public var phrase: String {
        switch self {
        case .regular: "a regular file"
        case .folder: "a folder"
        case .symbolicLink: "a symbolic link"
        case .fifo: "a FIFO (named pipe)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        case .other: "not a regular file"
        }
    }
}

/// Why a file could not be created, opened, read or written: its path and the errno, or what
/// was found there instead of a regular file, or its size above a limit.
public struct FileFailure: Error, CustomStringConvertible, Equatable {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        case errno(Int32)
        case found(FileKind)
        case larger(size: Int, limit: Int)
    }

    public let path: String
    public let reason: Reason

    /// A failure at `path` for `reason`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// A failure from an errno.
    public init(path: String, code: Int32) { self.init(path: path, reason: .errno(code)) }

    /// The errno that stands for the reason (ELOOP for a link, EFBIG for a size, EINVAL otherwise).
    public var code: Int32 {
        switch reason {
        case .errno(let code): code
        case .found(.symbolicLink): ELOOP
        case .found(.folder): EISDIR
        case .found: EINVAL
        case .larger: EFBIG
        }
    }

    /// The reason in words: "No space left on device", "it is a FIFO (named pipe)".
    public var explanation: String {
        switch reason {
        case .errno(let code): String(cString: strerror(code))
        case .found(let kind): "it is \(kind.phrase), not a regular file"
        case .larger(let size, let limit): "it holds \(Sizes.words(size)), more than the \(Sizes.words(limit)) heed reads"
        }
    }

    public var description: String { "\(path): \(explanation)" }
}

/// Byte counts in words ("1 MiB", "100.0 MiB", "512 bytes").
public enum Sizes {
    /// A byte count as a message says it.
    public static func words(_ bytes: Int) -> String {
        let mib = 1 << 20
        if bytes >= mib { return bytes % mib == 0 ? "\(bytes / mib) MiB" : String(format: "%.1f MiB", Double(bytes) / Double(mib)) }
        if bytes >= 1024 { return bytes % 1024 == 0 ? "\(bytes / 1024) KiB" : String(format: "%.1f KiB", Double(bytes) / 1024) }
        return "\(bytes) bytes"
    }
}
