import Foundation
import HeedImport
import HeedFiles

/// Runs the user's editor on a reply: the text goes through a file in a private temporary
/// folder, and the editor is started directly (never through a shell), with SIGINT, SIGQUIT
/// and SIGPIPE at their defaults, so nothing in the text is interpreted and Ctrl-C is the
/// editor's. What it leaves is read back only when it is a regular UTF-8 file of at most
/// `limit` bytes; anything else is a reason, and the composer keeps its text.
enum Editor {
    /// The most heed reads back from the editor: far above any platform's reply limit.
    static let limit = 1 << 20

    /// The edited text, or a reason it could not be had (the caller keeps the old text).
    static func edit(_ text: String) -> Result<String, EditorFailure> {
        let environment = ProcessInfo.processInfo.environment
        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        let words = command.split(separator: " ").map(String.init)
        let folder: String
        do {
            folder = try PrivateFiles.makeTemporaryFolder(named: "heed-reply")
        } catch {
            return .failure(EditorFailure("\(error)"))
        }
        // The editor's own leftovers (swap and backup files) go with the folder.
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/reply.txt"
        do {
            try PrivateFiles.create(path, containing: Array(text.utf8))
        } catch {
            return .failure(EditorFailure("cannot write the temporary file: \(error.explanation)"))
        }
        if let failure = run(words + [path]) { return .failure(failure) }
        return read(path)
    }

    /// Starts the editor and waits for it; a reason when it could not start or did not end well.
    private static func run(_ argv: [String]) -> EditorFailure? {
        let pid: pid_t
        switch ChildProcess.spawn(argv, actions: nil) {
        case .success(let started): pid = started
        case .failure(let failure): return EditorFailure("cannot start the editor '\(argv[0])': \(failure.reason)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        if signal == SIGINT { return EditorFailure("the editor '\(argv[0])' was interrupted (Ctrl-C)") }
        if signal != 0 { return EditorFailure("the editor '\(argv[0])' exited with a signal (\(String(cString: strsignal(signal))))") }
        let code = (status >> 8) & 0xFF
        return code == 0 ? nil : EditorFailure("the editor '\(argv[0])' exited with code \(code)")
    }

    /// What the editor left, if it is a regular file of UTF-8 text within the limit.
    static func read(_ path: String) -> Result<String, EditorFailure> {
        let bytes: [UInt8]
        do {
            bytes = try PrivateFiles.readRegular(path, limit: limit)
        } catch {
            switch error.reason {
            case .errno(ENOENT): return .failure(EditorFailure("the editor removed the file it was editing"))
            case .found(.symbolicLink): return .failure(EditorFailure("the editor left a symbolic link in place of the file, which heed does not follow"))
            case .found(let kind): return .failure(EditorFailure("the editor left \(kind.phrase) in place of the file"))
            case .larger(let size, _): return .failure(EditorFailure("the edited text is \(Sizes.words(size)), more than the \(Sizes.words(limit)) heed takes back"))
            case .errno: return .failure(EditorFailure("cannot read the edited file: \(error.explanation)"))
            }
        }
        guard var edited = String(validating: bytes, as: UTF8.self) else {
            return .failure(EditorFailure("the edited file is not UTF-8 text (byte \(MentionFile.firstInvalidUTF8(bytes) + 1) is not)"))
        }
        // Editors that write CRLF line ends: one line break each, and the final one dropped.
        edited = edited.replacingOccurrences(of: "\r\n", with: "\n")
        if edited.hasSuffix("\n") { edited.removeLast() }
        return .success(edited)
    }

}

/// Why the editor gave nothing back.
struct EditorFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
