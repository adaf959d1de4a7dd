import Foundation

/// A file written whole or not at all: the bytes go to an owner-only temporary file created
/// exclusively beside the destination, which `commit` syncs and renames over it (then syncs
/// the folder). Until then the destination is as it was; `abandon` (or dropping it) removes
/// the temporary file.
public final class Replacement {
    /// The file this replaces.
    public let destination: String
    /// Where the bytes go until `commit`.
    public let temporary: String
    private var fd: Int32

    /// Starts replacing `destination`: creates the temporary file beside it.
    public init(_ destination: String) throws(FileFailure) {
        self.destination = destination
        (fd, temporary) = try PrivateFiles.createTemporary(beside: destination)
    }

    deinit { abandon() }

    /// Appends bytes to the new contents.
    public func write(_ bytes: [UInt8]) throws(FileFailure) {
        if let code = PrivateFiles.writeAll(fd, bytes) { try fail(code) }
    }

    /// Makes the new contents the destination's: synced, renamed into place, the folder synced
    /// (`synced: false` skips both syncs: what a killed process leaves, not a power cut).
    public func commit(synced: Bool = true) throws(FileFailure) {
        guard fd >= 0 else { return }
        if synced, fsync(fd) != 0 { try fail(errno) }
        close(fd)
        fd = -1
        guard rename(temporary, destination) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileFailure(path: destination, code: code)
        }
        if synced { PrivateFiles.syncFolder(PrivateFiles.folder(of: destination)) }
    }

    /// Drops the new contents: the destination stays as it was.
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporary)
    }

    private func fail(_ code: Int32) throws(FileFailure) {
        abandon()
        throw FileFailure(path: destination, code: code)
    }
}

extension PrivateFiles {
    /// Replaces `path` with `bytes`, whole or not at all (see `Replacement`).
    public static func replace(_ path: String, with bytes: [UInt8], synced: Bool = true) throws(FileFailure) {
        let replacement = try Replacement(path)
        try replacement.write(bytes)
        try replacement.commit(synced: synced)
    }
}
