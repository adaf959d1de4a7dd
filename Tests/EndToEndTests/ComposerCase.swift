import Foundation
import TestSupport
import XCTest

/// The composer's tests on the real binary: heed on this test's store, outbox and config, a
/// reply to Alice open, editors as shell scripts, and the outbox's drafts and autosave files.
class ComposerCase: HeedTestCase {
    var configPath: String { directory.appendingPathComponent("config.toml").path }
    var autosaveFolder: String { directory.appendingPathComponent("autosave").path }

    /// heed on this test's store, outbox and config (so no user config or templates leak in).
    func startHeed(envPrefix: String = "", width: Int = 100, file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.start(heedCommand(envPrefix: envPrefix) + " --config " + quoted(configPath), width: width, file: file, line: line)
        // The queue, or the replies an earlier run left unsaved, which open first.
        try tmux.waitFor("'q quit' or 'Esc queue'", file: file, line: line) { $0.contains("q quit") || $0.contains("Esc queue") }
    }

    /// Imports Alice's mention and opens the composer on it.
    func replyToAlice(envPrefix: String = "", width: Int = 100, file: StaticString = #filePath, line: UInt = #line) throws {
        try importMentions([mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", age: 3_600)], file: file, line: line)
        try startHeed(envPrefix: envPrefix, width: width, file: file, line: line)
        try tmux.press("r", file: file, line: line)
        try tmux.waitForText("Reply to alice@example.social on mastodon", file: file, line: line)
    }

    /// An editor for `$EDITOR`: a shell script of `body` in this test's folder.
    func editorScript(_ body: String) throws -> String {
        let script = directory.appendingPathComponent("editor.sh").path
        try "#!/bin/sh\n\(body)\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        return script
    }

    /// The files in the autosave folder (none when it does not exist).
    func autosaveFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: autosaveFolder)) ?? []).sorted()
    }

    /// The texts of the outbox's draft records.
    func draftTexts() throws -> [String] {
        try outboxRecords().filter { $0["record"] as? String == "draft" }.compactMap { $0["text"] as? String }
    }
}
