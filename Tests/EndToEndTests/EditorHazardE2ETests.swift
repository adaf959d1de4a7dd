import Foundation
import XCTest

/// Editors that misbehave, on the real binary in tmux: Ctrl-C or Ctrl-\ typed in the editor,
/// and an editor that removes its file, writes bytes that are not UTF-8 or 100 MB, or leaves a
/// symbolic link or a FIFO in its place. Each is one line on the status line; heed stays, and
/// the composer keeps the text it had, which is then saved as it was.
final class EditorHazardE2ETests: ComposerCase {
    /// Types text into the composer, runs the editor (a script of `body`), waits for `message`
    /// on the status line, then saves: the outbox gets the text typed, not the editor's.
    func assertEditorRefused(_ body: String, saying message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let script = try editorScript(body)
        try replyToAlice(envPrefix: "-u VISUAL EDITOR=\(quoted(script)) ", width: 200, file: file, line: line)
        try tmux.type("kept text", file: file, line: line)
        try tmux.waitForText("kept text", file: file, line: line)
        try tmux.press("C-e", file: file, line: line)
        try tmux.waitForText("\(message); your text is unchanged", "@alice@example.social kept text", "Ctrl-S save to outbox", file: file, line: line)
        try tmux.press("C-s", file: file, line: line)
        try tmux.waitForText("saved to the outbox", file: file, line: line)
        try tmux.press("q", file: file, line: line)
        try tmux.waitUntilGone(file: file, line: line)
        XCTAssertEqual(try draftTexts(), ["@alice@example.social kept text"], file: file, line: line)
    }

    func testAnEditorThatRemovesItsFile() throws {
        try assertEditorRefused(#"rm "$1""#, saying: "the editor removed the file it was editing")
    }

    func testAnEditorThatWritesBytesThatAreNotUTF8() throws {
        try assertEditorRefused(#"printf 'ok \377 bad' > "$1""#, saying: "the edited file is not UTF-8 text (byte 4 is not)")
    }

    func testAnEditorThatWrites100MB() throws {
        try assertEditorRefused(#"head -c 104857600 /dev/zero | tr '\0' a > "$1""#, saying: "the edited text is 100 MiB, more than the 1 MiB heed takes back")
    }

    func testAnEditorThatLeavesALinkToAnotherFile() throws {
        let secret = directory.appendingPathComponent("secret").path
        try "not for the reply".write(toFile: secret, atomically: false, encoding: .utf8)
        try assertEditorRefused(#"rm "$1"; ln -s \#(quoted(secret)) "$1""#, saying: "the editor left a symbolic link in place of the file, which heed does not follow")
    }

    func testAnEditorThatLeavesAFIFO() throws {
        try assertEditorRefused(#"rm "$1"; mkfifo "$1""#, saying: "the editor left a FIFO (named pipe) in place of the file")
    }

    /// Ctrl-C and Ctrl-\ typed while the editor runs go to the editor (which here ends by
    /// them), not to heed: back in the composer with the text, each said, and heed goes on.
    func testCtrlCAndCtrlBackslashInTheEditorAreTheEditors() throws {
        // Each run says its number: the screen left behind by the last run still shows its line.
        let runs = quoted(directory.appendingPathComponent("runs").path)
        let script = try editorScript(#"printf 'half done' > "$1"; echo x >> \#(runs); echo "EDITOR RUN $(wc -l < \#(runs)) IS RUNNING"; exec sleep 60"#)
        try replyToAlice(envPrefix: "-u VISUAL EDITOR=\(quoted(script)) ", width: 200)
        try tmux.type("kept text")
        try tmux.waitForText("kept text")
        for (run, (key, message)) in [("C-c", "was interrupted (Ctrl-C)"), ("C-\\", "exited with a signal (Quit)")].enumerated() {
            try tmux.press("C-e")
            try tmux.waitForText("EDITOR RUN \(run + 1) IS RUNNING")
            try tmux.press(key)
            try tmux.waitForText("\(message); your text is unchanged", "@alice@example.social kept text", "Ctrl-S save to outbox")
        }
        try tmux.press("C-s")
        try tmux.waitForText("saved to the outbox")
        try tmux.press("q")
        try tmux.waitUntilGone()
        XCTAssertEqual(try draftTexts(), ["@alice@example.social kept text"])
    }
}
