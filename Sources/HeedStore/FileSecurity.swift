import Foundation
import HeedFiles

/// The store's folder and file: made owner-only (0700 / 0600) through `PrivateFiles`, and a
/// folder another user owns or can write in refused, since SQLite keeps its -wal, -shm and
/// journal files there under names anyone writing in it could plant first.
public enum FileSecurity {
    /// Creates `path` and any missing parent with mode 0700, or checks the folder there.
    public static func makePrivateFolder(_ path: String) throws {
        do {
            try PrivateFiles.makeFolder(path)
        } catch {
            throw StoreError("the store's folder: \(error); or name another store with --store")
        }
    }

    /// Creates `path` (0600, exclusively) when it does not exist, and checks that it can be written.
    public static func touchPrivateFile(_ path: String, what: String = "the file") throws {
        var fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        var code = errno
        if fd < 0, code == ENOENT {
            do { fd = try PrivateFiles.create(path) } catch { code = error.code }
        }
        if fd < 0, code == EEXIST {
            fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            code = errno
        }
        guard fd >= 0 else {
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
