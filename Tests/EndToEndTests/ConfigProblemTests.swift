import Foundation
import XCTest

/// A broken config.toml is said by every command, with file, line and key, on standard error,
/// and on the queue's status row when it opens; a config heed cannot read safely (deep, huge,
/// a FIFO) is said the same way and heed goes on with the defaults.
final class ConfigProblemTests: CommandTestCase {
    static let commands: [[String]] = [
        ["list"], ["list", "--json"], ["outbox"], ["stats"], ["export"], ["ack", "--dry-run", "--older-than", "1d"], ["undo"], ["themes"],
        ["import", "-"], ["demo", "--generate", "1"], ["open"],
    ]

    func testEveryCommandSaysWhatIsWrongWithFileLineAndKey() throws {
        try writeConfig("[handles]\nmastodon = [\"me@example.social\"]\n[views]\nlate = \"kind:nope\"\n")
        for command in Self.commands {
            let result = try heed(command, input: "")
            XCTAssertTrue(result.stderr.contains("heed: config \(configPath):4 (views.late): no kind \"nope\""), "heed \(command.joined(separator: " ")): \(result.stderr)")
        }
    }

    func testDeepHugeAndSpecialConfigsAreSaidAndTheDefaultsUsed() throws {
        try importObjects([item("1")])
        let cases: [(make: () throws -> Void, says: String)] = [
            ({ try self.writeConfig("[" + Array(repeating: "a", count: 150_000).joined(separator: ".") + "]\n") }, ":1: nested 33 levels deep at least; heed reads TOML nested at most 32 deep"),
            ({ try self.writeConfig("x = " + String(repeating: "{a=", count: 150_000) + "1" + String(repeating: "}", count: 150_000)) }, "nested 33 levels deep"),
            ({ try self.writeConfig(String(repeating: "# padding\n", count: 200_000)) }, ": is 1.9 MiB, over the 1.0 MiB heed reads: left unread; heed uses the defaults"),
            ({ try? FileManager.default.removeItem(atPath: self.configPath); XCTAssertEqual(mkfifo(self.configPath, 0o600), 0) }, ": is a FIFO, not a file: heed reads only plain files here"),
        ]
        for (make, says) in cases {
            try make()
            let result = try Spawn.run([heed, "list"], environment: environment, timeout: 20)
            XCTAssertFalse(result.timedOut, says)
            XCTAssertEqual(result.status, 0, "\(says): \(result.stderr)")
            XCTAssertEqual(result.stdout.split(separator: "\n").count, 1, "the defaults still list")
            XCTAssertTrue(result.stderr.contains("heed: config \(configPath)") && result.stderr.contains(says), "\(says): \(result.stderr)")
        }
    }

    func testTheQueueSaysItOnItsStatusRowAndFiveThousandViewsStayQuick() throws {
        try importObjects([item("1", handle: "alice", text: "first"), item("2", handle: "bob", text: "second", age: 60)])
        var views = "theme = 7\n[views]\n"
        for index in 0..<5_000 { views += "\"v\(index)\" = \"from:alice age>\(index % 9 + 1)m\"\n" }
        try writeConfig(views)
        let command = "env -i PATH=/usr/bin:/bin HOME=\(quoted(directory.path)) TZ=UTC LANG=C.UTF-8 XDG_CONFIG_HOME=\(quoted(directory.appendingPathComponent("config").path)) "
            + "XDG_DATA_HOME=\(quoted(directory.appendingPathComponent("data").path)) HEED_STORE=\(quoted(storePath)) HEED_OUTBOX=\(quoted(outboxPath)) TERM=xterm-256color \(quoted(heed))"
        try tmux.start(command, width: 120, height: 20)
        let screen = try tmux.waitForText("q quit", "Config: config.toml:1 (theme): must be a theme name in quotes")
        XCTAssertTrue(screen.contains("(+1 more: any heed command lists them)"), screen)
        XCTAssertTrue(screen.contains("│ v0 "), "the first views are tabs:\n\(screen)")
        try tmux.press("Tab")
        try tmux.waitForText("v0:")
        try tmux.press("q")
        try tmux.waitUntilGone()
    }
}
