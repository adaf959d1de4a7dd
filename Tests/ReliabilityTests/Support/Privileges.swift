import Foundation
import XCTest

/// What this machine lets a test do to simulate a full disk or a read-only file, and the
/// helpers that do it. Tests run as root here, where permission bits stop nothing: a read-only
/// file is then simulated by running heed as `nobody` (setpriv) or by a read-only bind mount
/// (EROFS), and a full disk by a tiny tmpfs. Where none of that is allowed, the test says so
/// and falls back or skips.
enum Privileges {
    static var isRoot: Bool { getuid() == 0 }

    /// Whether `mount -t tmpfs` works here (root with CAP_SYS_ADMIN, not in a locked container).
    static let canMount: Bool = {
        guard isRoot else { return false }
        let folder = NSTemporaryDirectory() + "heed-rel-probe-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard (try? Spawn.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", folder], timeout: 10))?.status == 0 else { return false }
        _ = try? Spawn.run(["umount", folder], timeout: 10)
        return true
    }()

    /// The `setpriv` prefix that runs a command as `nobody`, when running as root with setpriv.
    static let asNobody: [String]? = {
        guard isRoot, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    }()

    /// Mounts a tmpfs of `kilobytes` at `folder` (created), unmounted by the returned cleanup.
    static func mountTmpfs(at folder: String, kilobytes: Int) throws -> () -> Void {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try Spawn.run(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", folder], timeout: 10)
        guard result.status == 0 else { throw SpawnError(description: "mount tmpfs: \(result.stderr)") }
        return { _ = try? Spawn.run(["umount", "-l", folder], timeout: 10) }
    }

    /// Mounts `source` again at `target` (created), read-only; unmounted by the returned cleanup.
    static func readOnlyBind(_ source: String, at target: String) throws -> () -> Void {
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        var result = try Spawn.run(["mount", "--bind", source, target], timeout: 10)
        guard result.status == 0 else { throw SpawnError(description: "mount --bind: \(result.stderr)") }
        result = try Spawn.run(["mount", "-o", "remount,bind,ro", target], timeout: 10)
        guard result.status == 0 else {
            _ = try? Spawn.run(["umount", "-l", target], timeout: 10)
            throw SpawnError(description: "remount ro: \(result.stderr)")
        }
        return { _ = try? Spawn.run(["umount", "-l", target], timeout: 10) }
    }

    /// Fills the file system holding `folder` with one file, so the next write fails with ENOSPC.
    static func fill(_ folder: String) -> String {
        let path = folder + "/filler"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { close(fd) }
        let block = [UInt8](repeating: 0x2e, count: 4096)
        for size in [4096, 512, 1] {
            while write(fd, block, size) == size {}
        }
        return path
    }
}
