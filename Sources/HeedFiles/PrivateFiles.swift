import Foundation

/// The one way heed creates files: exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC`), readable
/// by their owner only (0600, whatever the umask), so a name another user planted first (a file,
/// a symbolic link to someone's file, a FIFO) makes the creation fail instead of being opened.
/// Reading goes through `openRegular`, which never follows a link nor waits on a FIFO.
public enum PrivateFiles {
    /// The mode of every file heed creates.
    public static let fileMode: mode_t = 0o600
    /// The mode of every folder heed creates.
    public static let folderMode: mode_t = 0o700

    /// Creates `path` as a new owner-only file open for writing (`flags` may add `O_RDWR`,
    /// `O_APPEND`); fails with EEXIST when anything already has the name.
    public static func create(_ path: String, flags: Int32 = O_WRONLY) throws(FileFailure) -> Int32 {
        let fd = open(path, flags | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, fileMode)
        guard fd >= 0 else { throw FileFailure(path: path, code: errno) }
        _ = fchmod(fd, fileMode)
        return fd
    }

    /// Creates `path` with `bytes` in it, synced: a new file only (EEXIST when the name is taken).
    public static func create(_ path: String, containing bytes: [UInt8]) throws(FileFailure) {
        let fd = try create(path)
        if let code = writeAll(fd, bytes) ?? (fsync(fd) == 0 ? nil : errno) {
            close(fd)
            unlink(path)
            throw FileFailure(path: path, code: code)
        }
        close(fd)
    }

    /// A new owner-only file beside `path`, named `.NAME.PID.N.tmp`, to be renamed over `path`
    /// once complete. Such files left by processes that are gone (and owned by this user) are
    /// removed first; a name taken by anything else is passed over, never opened.
    public static func createTemporary(beside path: String) throws(FileFailure) -> (fd: Int32, path: String) {
        let folder = folder(of: path)
        let prefix = ".\((path as NSString).lastPathComponent)."
        removeLeftovers(prefix: prefix, in: folder)
        var failure = FileFailure(path: path, code: EEXIST)
        for attempt in 0..<64 {
            let temporary = "\(folder)/\(prefix)\(getpid()).\(attempt).tmp"
            do {
                return (try create(temporary), temporary)
            } catch {
                failure = error
                guard error.code == EEXIST else { break }
            }
        }
        throw failure
    }

    /// A file with no name in `folder`: created exclusively under a random name and unlinked at
    /// once, so it is gone when closed (standard input's copy).
    public static func createUnnamed(in folder: String) throws(FileFailure) -> Int32 {
        var failure = FileFailure(path: folder, code: EEXIST)
        for _ in 0..<64 {
            let path = "\(folder)/.heed-\(UInt64.random(in: 0...UInt64.max)).tmp"
            do {
                let fd = try create(path, flags: O_RDWR)
                unlink(path)
                return fd
            } catch {
                failure = error
                guard error.code == EEXIST else { break }
            }
        }
        throw failure
    }

    /// Writes all of `bytes` (again after EINTR and short writes); the errno of a failure, or nil.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { return EIO }
            written += count
        }
        return nil
    }

    /// Writes all of `bytes`; the errno of a failure, or nil.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Renames `source` to `destination` only when nothing has that name yet (never replaces
    /// what is there); a symbolic link or FIFO moves as itself, never opened or followed.
    public static func move(_ source: String, to destination: String) throws(FileFailure) {
        if let renameNoReplace, renameNoReplace(AT_FDCWD, source, AT_FDCWD, destination, 1) == 0 { return }
        if renameNoReplace != nil, ![EINVAL, ENOSYS, ENOTSUP].contains(errno) { throw FileFailure(path: destination, code: errno) }
        // Where the file system cannot rename without replacing: a second name, then drop the first.
        guard link(source, destination) == 0 else { throw FileFailure(path: destination, code: errno) }
        unlink(source)
    }

    /// glibc's `renameat2` (2.28+), which Swift does not import; nil where it is missing.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameNoReplace: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Syncs a folder, so a rename or a new name in it survives a crash.
    public static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// The folder a path is in ("." for a bare name).
    public static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Removes `PREFIXPID….tmp` files of this user whose process is gone.
    private static func removeLeftovers(prefix: String, in folder: String) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let rest = entry.dropFirst(prefix.count).dropLast(4)
            guard let pid = pid_t(rest.prefix { $0 != "." }), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            var info = stat()
            let path = folder + "/" + entry
            guard lstat(path, &info) == 0, info.st_uid == geteuid(), FileKind(mode: info.st_mode) == .regular else { continue }
            unlink(path)
        }
    }
}
