import Foundation

/// Runs the user's editor on a reply: the text goes through a private temporary file, and the
/// editor is started directly (never through a shell), so nothing in the text is interpreted.
enum Editor {
    /// The edited text, or a reason it could not be had (the caller keeps the old text).
    static func edit(_ text: String) -> Result<String, EditorFailure> {
        let environment = ProcessInfo.processInfo.environment
        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        let words = command.split(separator: " ").map(String.init)
        var template = Array((NSTemporaryDirectory() + "/heed-reply-XXXXXX.txt").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { return .failure(EditorFailure("cannot create a temporary file: \(String(cString: strerror(errno)))")) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let bytes = Array(text.utf8)
        let wrote = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
        close(fd)
        guard wrote else { return .failure(EditorFailure("cannot write the temporary file")) }

        let argv = words + [path]
        var pid = pid_t()
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let spawned = posix_spawnp(&pid, argv[0], nil, nil, cArgs, environ)
        guard spawned == 0 else { return .failure(EditorFailure("cannot start the editor '\(words[0])': \(String(cString: strerror(spawned)))")) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        guard exited, code == 0 else { return .failure(EditorFailure("the editor '\(words[0])' exited with \(exited ? "code \(code)" : "a signal")")) }
        guard let data = FileManager.default.contents(atPath: path), var edited = String(data: data, encoding: .utf8) else {
            return .failure(EditorFailure("the edited file is not UTF-8 text"))
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
