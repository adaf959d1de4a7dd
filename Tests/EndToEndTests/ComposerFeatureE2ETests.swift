import Foundation
import XCTest

/// The composer on the real binary in tmux: autosave across `kill -9`, the editor, saved replies.
final class ComposerFeatureE2ETests: ComposerCase {
    func testAReplyTypedBeforeKillNineIsRestored() throws {
        try replyToAlice()
        try tmux.type("typed before the crash")
        try tmux.waitForText("typed before the crash")
        try waitUntil("the autosave file with the whole text") {
            autosaveFiles().contains { name in
                name.hasSuffix(".json") && ((try? String(contentsOfFile: autosaveFolder + "/" + name, encoding: .utf8))?.contains("typed before the crash") ?? false)
            }
        }
        XCTAssertEqual(kill(try heedPID(), SIGKILL), 0)
        try tmux.waitUntilGone()
        XCTAssertEqual(try draftTexts(), [], "nothing reached the outbox")

        try startHeed()
        try tmux.waitForText("1 reply you had not saved", "your reply to alice@example.social on mastodon")
        try tmux.press("r")
        try tmux.waitForText("Restored the reply you had not saved (typed", "@alice@example.social typed before the crash")
        try tmux.press("C-s")
        try tmux.waitForText("Reply to alice@example.social saved to the outbox", "0 waiting")
        try tmux.press("q")
        try tmux.waitUntilGone()

        XCTAssertEqual(try draftTexts(), ["@alice@example.social typed before the crash"])
        XCTAssertEqual(autosaveFiles(), [], "saving forgets the autosave")
    }

    func testTheEditorsTextReplacesTheReply() throws {
        let script = try editorScript("printf 'from the editor' > \"$1\"")
        try replyToAlice(envPrefix: "-u VISUAL EDITOR=\(quoted(script)) ")
        try tmux.type("typed here")
        try tmux.waitForText("typed here")
        try tmux.press("C-e")
        try tmux.waitFor("the editor's text in the composer") { screen in
            screen.contains("from the editor") && !screen.contains("typed here") && screen.contains("Ctrl-S save to outbox")
        }
        try tmux.press("C-s")
        try tmux.waitForText("saved to the outbox", "0 waiting")
        try tmux.press("q")
        try tmux.waitUntilGone()
        XCTAssertEqual(try draftTexts(), ["from the editor"])
        XCTAssertEqual(autosaveFiles(), [])
    }

    func testAFailingEditorKeepsTheTextAndSaysWhy() throws {
        let script = try editorScript("exit 3")
        try replyToAlice(envPrefix: "-u VISUAL EDITOR=\(quoted(script)) ", width: 200)
        try tmux.type("kept text")
        try tmux.waitForText("kept text")
        try tmux.press("C-e")
        try tmux.waitForText("exited with code 3; your text is unchanged", "@alice@example.social kept text", "Ctrl-S save to outbox")
        try tmux.press("C-s")
        try tmux.waitForText("saved to the outbox")
        try tmux.press("q")
        try tmux.waitUntilGone()
        XCTAssertEqual(try draftTexts(), ["@alice@example.social kept text"])
    }

    func testASavedReplyIsInsertedFromTheTemplatesFolder() throws {
        let templates = directory.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "Thanks {name}!\n".write(to: templates.appendingPathComponent("thanks.txt"), atomically: true, encoding: .utf8)
        try "".write(toFile: configPath, atomically: true, encoding: .utf8)
        try replyToAlice()
        try tmux.press("C-t")
        try tmux.waitForText("Saved replies (Enter inserts, Esc closes)", "thanks", "Thanks Alice!")
        try tmux.press("Enter")
        try tmux.waitFor("the template in the composer") { screen in
            screen.contains("@alice@example.social Thanks Alice!") && !screen.contains("Saved replies")
        }
        try tmux.press("C-s")
        try tmux.waitForText("saved to the outbox")
        try tmux.press("q")
        try tmux.waitUntilGone()
        XCTAssertEqual(try draftTexts(), ["@alice@example.social Thanks Alice!"])
    }

    /// A stranger's handle with shell syntax in it, and the same typed into the reply: the
    /// editor gets the text in its file, byte for byte, and no shell ever runs any of it.
    func testShellSyntaxFromAStrangerReachesTheEditorAsPlainText() throws {
        let trap = directory.appendingPathComponent("pwned").path
        let handle = "x$(touch \(trap)1)`touch \(trap)2`;touch \(trap)3"
        try importMentions([mention("1", handle: handle, name: "$(touch \(trap)4)", text: "'; touch \(trap)5 #", age: 3_600)])
        let captured = directory.appendingPathComponent("captured").path
        let script = try editorScript("cat \"$1\" > \(quoted(captured))")
        try startHeed(envPrefix: "-u VISUAL EDITOR=\(quoted(script)) ", width: 200)
        try tmux.press("r")
        try tmux.waitForText("Reply to x$(touch")
        try tmux.type(" && touch \(trap)6")
        try tmux.waitForText("touch \(trap)6")
        try tmux.press("C-e")
        try waitUntil("the editor's copy") { FileManager.default.fileExists(atPath: captured) }
        try tmux.waitForText("Ctrl-S save to outbox")
        try tmux.press("C-s")
        try tmux.waitForText("0 waiting", "Nothing is waiting")
        try tmux.press("q")
        try tmux.waitUntilGone()

        let expected = "@\(handle)  && touch \(trap)6"
        XCTAssertEqual(try String(contentsOfFile: captured, encoding: .utf8), expected)
        XCTAssertEqual(try draftTexts(), [expected])
        for number in 1...6 { XCTAssertFalse(FileManager.default.fileExists(atPath: trap + "\(number)"), "something ran \(trap)\(number)") }
    }
}
