import Foundation

/// Where a command's `-o PATH` writes, written through to what PATH is: a regular file (or a
/// name not yet used) is replaced whole through a temporary file in its own folder, so a
/// symbolic link is followed to its file and stays a link; a FIFO or a character device
/// (a poster's pipe, /dev/null, a terminal) is written directly; a folder, socket or block
/// device, a missing folder, or a link another user left in a shared sticky folder (which
/// the kernel's protected_symlinks would not follow either) is refused.
public final class OutputTarget {
    /// What PATH turned out to be.
    public enum Kind: Sendable, Equatable { case file, fifo, device }

    /// The path as named.
    public let path: String
    /// Where its symbolic links lead.
    public let resolved: String
    public let kind: Kind
    private var replacement: Replacement?
    private var fd: Int32

    /// How long opening a FIFO waits for a program to read it.
    public static let readerWait: TimeInterval = 2

    private init(path: String, resolved: String, kind: Kind, replacement: Replacement?, fd: Int32) {
        self.path = path
        self.resolved = resolved
        self.kind = kind
        self.replacement = replacement
        self.fd = fd
    }

    deinit { abandon() }

    /// Opens PATH for writing as what it is, or says why it cannot be written.
    public static func open(_ path: String, readerWait: TimeInterval = readerWait) throws(OutputFailure) -> OutputTarget {
        let resolved = try resolve(path)
        var info = stat()
        guard lstat(resolved, &info) == 0 else {
            let code = errno
            guard code == ENOENT else { throw OutputFailure(code: code) }
            let folder = PrivateFiles.folder(of: resolved)
            var folderInfo = stat()
            guard stat(folder, &folderInfo) == 0, FileKind(mode: folderInfo.st_mode) == .folder else {
                throw OutputFailure(code: ENOENT, reason: "its folder \(folder) does not exist", hint: .createFolder)
            }
            return try replacing(path, resolved)
        }
        switch FileKind(mode: info.st_mode) {
        case .regular: return try replacing(path, resolved)
        case .fifo: return OutputTarget(path: path, resolved: resolved, kind: .fifo, replacement: nil, fd: try openFIFO(resolved, waiting: readerWait))
        case .characterDevice: return OutputTarget(path: path, resolved: resolved, kind: .device, replacement: nil, fd: try openDevice(resolved))
        case .folder: throw OutputFailure(code: EISDIR, reason: "it is a folder", hint: .nameAFile)
        case let other:
            throw OutputFailure(code: EINVAL, reason: "it is \(other.phrase)", hint: .chooseAKind)
        }
    }

    /// Appends bytes to what is being written.
    public func write(_ bytes: [UInt8]) throws(OutputFailure) {
        if let replacement {
            do { try replacement.write(bytes) } catch { throw OutputFailure(code: error.code) }
            return
        }
        if let code = PrivateFiles.writeAll(fd, bytes) {
            abandon()
            throw code == EPIPE && kind == .fifo
                ? OutputFailure(code: code, reason: "the program reading the FIFO closed it before everything was written", hint: .keepReading)
                : OutputFailure(code: code)
        }
    }

    /// Makes what was written final: a file synced and renamed into place; for a FIFO or a
    /// device, every byte has been handed over once this returns.
    public func commit() throws(OutputFailure) {
        if let replacement {
            self.replacement = nil
            do { try replacement.commit() } catch { throw OutputFailure(code: error.code) }
            return
        }
        guard fd >= 0 else { return }
        let closed = close(fd) == 0 || errno == EINTR
        let code = errno
        fd = -1
        if !closed { throw OutputFailure(code: code) }
    }

    /// Gives up: a file stays as it was.
    public func abandon() {
        replacement?.abandon()
        replacement = nil
        if fd >= 0 { close(fd) }
        fd = -1
    }

    private static func replacing(_ path: String, _ resolved: String) throws(OutputFailure) -> OutputTarget {
        do {
            return OutputTarget(path: path, resolved: resolved, kind: .file, replacement: try Replacement(resolved), fd: -1)
        } catch {
            throw OutputFailure(code: error.code)
        }
    }

    /// Follows symbolic links to what they name (which may not exist yet), refusing a link that
    /// another user left in a sticky folder writable by all unless that user owns the folder.
    static func resolve(_ path: String) throws(OutputFailure) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, FileKind(mode: info.st_mode) == .symbolicLink else { return current }
            let folder = PrivateFiles.folder(of: current)
            var folderInfo = stat()
            if stat(folder, &folderInfo) == 0, folderInfo.st_mode & S_ISVTX != 0, folderInfo.st_mode & S_IWOTH != 0,
               info.st_uid != geteuid(), info.st_uid != folderInfo.st_uid {
                throw OutputFailure(code: EACCES, reason: "it is a symbolic link that \(FolderProblem.name(info.st_uid)) left in the shared folder \(folder), which heed does not follow",
                                    hint: .ownPath)
            }
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &target, target.count - 1)
            guard count >= 0 else { throw OutputFailure(code: errno) }
            let text = String(decoding: target[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = text.hasPrefix("/") ? text : folder + "/" + text
        }
        throw OutputFailure(code: ELOOP)
    }

    /// Opens a FIFO without blocking, trying again while no program reads it (ENXIO) for up
    /// to `waiting` seconds; then writes block as a pipe's do.
    private static func openFIFO(_ path: String, waiting: TimeInterval) throws(OutputFailure) -> Int32 {
        let deadline = Date().addingTimeInterval(waiting)
        while true {
            let fd = Foundation.open(path, O_WRONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
            if fd >= 0 { return try blocking(fd, expecting: .fifo) }
            let code = errno
            guard code == ENXIO || code == EINTR else { throw OutputFailure(code: code) }
            guard Date() < deadline else {
                throw OutputFailure(code: ENXIO, reason: "no program is reading the FIFO (heed waited \(String(format: "%g", waiting)) s for one)", hint: .startAReader)
            }
            usleep(20_000)
        }
    }

    /// Opens a character device directly (never as the controlling terminal, never waiting).
    private static func openDevice(_ path: String) throws(OutputFailure) -> Int32 {
        let fd = Foundation.open(path, O_WRONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw OutputFailure(code: errno) }
        return try blocking(fd, expecting: .characterDevice)
    }

    /// Checks that what was opened is still what was looked at, and makes its writes blocking.
    private static func blocking(_ fd: Int32, expecting kind: FileKind) throws(OutputFailure) -> Int32 {
        var info = stat()
        guard fstat(fd, &info) == 0, FileKind(mode: info.st_mode) == kind else {
            close(fd)
            throw OutputFailure(code: EAGAIN, reason: "it changed while heed opened it", hint: .retry)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }
}

/// Why an output could not be written: the errno, the reason in words and what to do
/// (`advice`, ending in the command's own words for trying again).
public struct OutputFailure: Error, CustomStringConvertible {
    /// What the user can do about it.
    public enum Hint: Sendable {
        case freeSpace, createFolder, writablePlace, nameAFile, chooseAKind, ownPath, startAReader, keepReading, retry
    }

    public let code: Int32
    public let reason: String
    public let hint: Hint

    /// A failure from an errno; the reason and hint default to the errno's own.
    public init(code: Int32, reason: String? = nil, hint: Hint? = nil) {
        self.code = code
        self.reason = reason ?? String(cString: strerror(code))
        self.hint = hint ?? Self.hint(for: code)
    }

    public var description: String { reason }

    /// What to do, in words; `again` is how the command is run again ("export again").
    public func advice(again: String = "try again") -> String {
        switch hint {
        case .freeSpace: "free some space and \(again)"
        case .createFolder: "create it, or choose another -o"
        case .writablePlace: "choose a writable place with -o"
        case .nameAFile: "name a file in it with -o"
        case .chooseAKind: "heed writes to a file, a FIFO or a character device: choose one of those with -o"
        case .ownPath: "choose a path of your own with -o"
        case .startAReader: "start its reader, then \(again)"
        case .keepReading: "see that its reader reads to the end, then \(again)"
        case .retry: again
        }
    }

    private static func hint(for code: Int32) -> Hint {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: .freeSpace
        case ENOENT, ENOTDIR: .createFolder
        default: .writablePlace
        }
    }
}
