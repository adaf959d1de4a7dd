import Foundation

/// Creates folders and files readable by their owner only (0700 / 0600).
public enum FileSecurity {
    public static func makePrivateFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw StoreError("\(path) is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError("cannot create the folder \(path): \(error.localizedDescription)")
        }
    }

    public static func touchPrivateFile(_ path: String) throws {
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
    }
}
