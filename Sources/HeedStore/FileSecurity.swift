import Foundation

/// Creates folders and files readable by their owner only (0700 / 0600).
public enum FileSecurity {
    /// Creates `path` and any missing parent with mode 0700 (mkdir's own mode: never wider,
    /// never open to others for a moment, whatever the umask).
    public static func makePrivateFolder(_ path: String) throws {
        guard !path.isEmpty else { return }
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw StoreError("\(path) is not a folder; move it aside or name another store with --store") }
            return
        }
        try makePrivateFolder((path as NSString).deletingLastPathComponent)
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw StoreError("cannot create the folder \(path): \(String(cString: strerror(errno))); create it yourself, or name another store with --store")
        }
    }

    /// Creates `path` (0600) when it does not exist, and checks that it can be written.
    public static func touchPrivateFile(_ path: String, what: String = "the file") throws {
        var fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0, errno == ENOENT { fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600) }
        if fd < 0, errno == EEXIST { fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else {
            let code = errno
            let reason = String(cString: strerror(code))
            if access(path, F_OK) != 0 {
                throw StoreError("cannot create \(what) \(path): \(reason); make its folder writable, or name another store with --store")
            }
            switch code {
            case EISDIR: throw StoreError("\(what) \(path) is a folder; name the store file itself with --store")
            case EROFS: throw StoreError("cannot write \(what) \(path): \(reason); heed left it as it was: copy it to a writable disk and name it with --store")
            default: throw StoreError("cannot write \(what) \(path): \(reason); heed left it as it was: make it writable (chmod u+w), or name another store with --store")
            }
        }
        close(fd)
    }
}
