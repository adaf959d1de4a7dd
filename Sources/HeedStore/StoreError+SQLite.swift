import Foundation
import GRDB

extension StoreError {
    /// A failure of the store at `path` in one line that names the file and says what to do.
    public static func explaining(_ error: any Error, store path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return sqlite(error, store: path) ?? StoreError("the store \(path): \(error)")
    }

    /// Whether the file system holding `folder` has no block left (SQLite reports a full disk
    /// while growing its -shm file as an I/O error).
    static func diskIsFull(_ folder: String) -> Bool {
        var info = statvfs()
        return statvfs(folder, &info) == 0 && info.f_bavail == 0
    }

    /// The same for SQLite's errors only; nil for any other error.
    public static func sqlite(_ error: any Error, store path: String) -> StoreError? {
        guard let error = error as? DatabaseError else { return nil }
        let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        if [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(error.resultCode), access(folder, W_OK) != 0 {
            return StoreError("cannot write beside the store \(path): its folder \(folder) is not writable (\(String(cString: strerror(errno)))), and heed keeps \(path)-wal and -shm there; nothing was changed: make the folder writable, or name another store with --store")
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError("the store \(path) is busy: another heed has been writing it for over \(Int(Store.defaultBusyTimeout)) s (a long import?); nothing was changed: try again when it is done")
        case .SQLITE_FULL:
            return StoreError("the disk holding the store \(path) is full; nothing was changed: free some space and try again")
        case .SQLITE_READONLY, .SQLITE_PERM:
            return StoreError("cannot write the store \(path) (\(reason)); nothing was changed: make it and its folder writable, or name another store with --store")
        case .SQLITE_CANTOPEN:
            return StoreError("cannot open the store \(path) (\(reason)): heed writes \(path)-wal and -shm beside it, so its folder must be writable; or name another store with --store")
        case .SQLITE_CORRUPT:
            return StoreError("the store \(path) is damaged (\(reason)); heed left it as it was: restore it from a backup, or move it aside and import again into a new store")
        case .SQLITE_NOTADB:
            return StoreError("\(path) is not a heed store (\(reason)); heed left it as it was: name another store with --store, or move the file aside")
        case .SQLITE_IOERR where diskIsFull(folder):
            return StoreError("the disk holding the store \(path) is full; nothing was changed: free some space and try again")
        case .SQLITE_IOERR:
            return StoreError("cannot read or write the store \(path) (\(reason)); nothing was changed: check the disk (is it full or failing?) and try again")
        default:
            return StoreError("the store \(path): \(reason)")
        }
    }
}
