import Foundation

/// Why heed will not use a folder: it is not a folder, it is a symbolic link where none is
/// followed, another user owns it, group or others can write in it, or it cannot be made.
/// Its description says what to do.
public struct FolderProblem: Error, CustomStringConvertible, Equatable {
    /// What is wrong with the folder.
    public enum Kind: Sendable, Equatable {
        case notAFolder(FileKind)
        case symbolicLink
        case ownedBy(uid_t)
        case writableByOthers(mode_t)
        case cannotCreate(Int32)
    }

    public let path: String
    public let kind: Kind

    /// What is wrong with the folder at `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// "the folder P belongs to nobody (uid 65534), not to you (root): …; chown root P".
    public var description: String {
        switch kind {
        case .notAFolder(let found):
            return "\(path) is \(found.phrase), not a folder"
        case .symbolicLink:
            return "\(path) is a symbolic link, which heed does not follow here: remove it (heed makes the folder itself)"
        case .ownedBy(let owner):
            let me = Self.login(geteuid())
            return "the folder \(path) belongs to \(Self.name(owner)), not to you (\(me)), and heed uses no folder another user controls: make it yours (chown \(me) \(path)) or choose a folder of your own"
        case .writableByOthers(let mode):
            return "the folder \(path) can be written by \(mode & S_IWOTH != 0 ? "anyone" : "its group") (mode \(String(mode & 0o7777, radix: 8))), so another user could plant or swap files in it: make it yours alone (chmod 700 \(path))"
        case .cannotCreate(let code):
            return "cannot create the folder \(path): \(String(cString: strerror(code)))"
        }
    }

    /// "nobody (uid 65534)", or "uid 1234" when it has no name.
    static func name(_ uid: uid_t) -> String {
        let login = login(uid)
        return login == "\(uid)" ? "uid \(uid)" : "\(login) (uid \(uid))"
    }

    /// The login name of a user, or the number when it has none (as `chown` takes either).
    static func login(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "\(uid)" }
        return String(cString: name)
    }
}

extension PrivateFiles {
    /// Creates `path` and any missing parent (0700 each, whatever the umask), or checks the
    /// folder already there: it must be a folder (reached through a symbolic link only when
    /// `followingLink`), belong to this user and be writable by no one else. Parents that
    /// already exist are not checked (a home or /tmp is shared by design).
    public static func makeFolder(_ path: String, followingLink: Bool = true) throws(FolderProblem) {
        guard !path.isEmpty else { return }
        var info = stat()
        if lstat(path, &info) == 0 {
            try check(path, followingLink: followingLink)
            return
        }
        try makeParents(of: path)
        guard mkdir(path, folderMode) == 0 || errno == EEXIST else { throw FolderProblem(path: path, kind: .cannotCreate(errno)) }
        try check(path, followingLink: followingLink)
    }

    /// Why the folder at `path` must not be used, or nil when it is a folder of this user's
    /// alone (or absent: there is nothing in it to trust yet).
    public static func problem(withFolder path: String, followingLink: Bool = true) -> FolderProblem? {
        do {
            try check(path, followingLink: followingLink)
            return nil
        } catch {
            return error.kind == .cannotCreate(ENOENT) ? nil : error
        }
    }

    private static func check(_ path: String, followingLink: Bool) throws(FolderProblem) {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw FolderProblem(path: path, kind: .cannotCreate(errno)) }
        if FileKind(mode: info.st_mode) == .symbolicLink {
            guard followingLink else { throw FolderProblem(path: path, kind: .symbolicLink) }
            guard stat(path, &info) == 0 else { throw FolderProblem(path: path, kind: .cannotCreate(errno)) }
        }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .folder else { throw FolderProblem(path: path, kind: .notAFolder(kind)) }
        guard info.st_uid == geteuid() else { throw FolderProblem(path: path, kind: .ownedBy(info.st_uid)) }
        guard info.st_mode & (S_IWGRP | S_IWOTH) == 0 else { throw FolderProblem(path: path, kind: .writableByOthers(info.st_mode)) }
    }

    /// The temporary folder (`$TMPDIR`, else /tmp), without a trailing slash.
    public static var temporaryFolder: String {
        var base = NSTemporaryDirectory()
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// A new owner-only folder with a unique name in the temporary folder (`$TMPDIR`), for
    /// files no one else may touch (an editor's file, a demo's store).
    public static func makeTemporaryFolder(named prefix: String) throws(FolderProblem) -> String {
        let base = temporaryFolder
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw FolderProblem(path: "\(base)/\(prefix)-XXXXXX", kind: .cannotCreate(errno))
        }
        return String(cString: made)
    }

    /// Creates the missing folders above `path` (0700), leaving existing ones as they are.
    private static func makeParents(of path: String) throws(FolderProblem) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path else { return }
        var info = stat()
        if stat(parent, &info) == 0 {
            let kind = FileKind(mode: info.st_mode)
            guard kind == .folder else { throw FolderProblem(path: parent, kind: .notAFolder(kind)) }
            return
        }
        try makeParents(of: parent)
        guard mkdir(parent, folderMode) == 0 || errno == EEXIST else { throw FolderProblem(path: parent, kind: .cannotCreate(errno)) }
    }
}
