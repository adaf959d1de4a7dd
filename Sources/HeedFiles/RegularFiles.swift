import Foundation

extension PrivateFiles {
    /// Opens an existing file for reading only when it is a regular file: a symbolic link is not
    /// followed, a FIFO or device is never waited on (opened non-blocking, then `fstat`), and
    /// anything else is named in the failure (`.found`).
    public static func openRegular(_ path: String) throws(FileFailure) -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP, FileKind(at: path) == .symbolicLink { throw FileFailure(path: path, reason: .found(.symbolicLink)) }
            throw FileFailure(path: path, code: code)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw FileFailure(path: path, code: code)
        }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .regular else {
            close(fd)
            throw FileFailure(path: path, reason: .found(kind))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// The bytes of a regular file (as `openRegular` opens it); a file holding more than
    /// `limit` bytes is refused with its size, having read no more than `limit + 1` of them.
    public static func readRegular(_ path: String, limit: Int) throws(FileFailure) -> [UInt8] {
        let fd = try openRegular(path)
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) > limit { throw FileFailure(path: path, reason: .larger(size: Int(info.st_size), limit: limit)) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = read(fd, &chunk, min(chunk.count, limit + 1 - bytes.count))
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw FileFailure(path: path, code: errno) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
        throw FileFailure(path: path, reason: .larger(size: max(Int(info.st_size), bytes.count), limit: limit))
    }
}
