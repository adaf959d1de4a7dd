import Foundation
import XCTest

/// Every byte a command prints is as safe as the screen: hostile text in ids, texts, names,
/// file names, config keys, theme files and arguments never reaches standard output or error
/// raw — piped or on a terminal — while JSON stays valid and CSV exact when piped.
final class CommandOutputSafetyTests: CommandTestCase {
    /// An OSC 52 clipboard write, a title write, a screen clear, C1 CSI and NEL, a bidi override.
    static let hostile = "\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}]0;pwned\u{1B}\\\u{1B}[2J\u{9B}31m\u{202E}\u{85}\u{08}"

    /// Items whose id, author, name and text carry the hostile string; one draft in the outbox
    /// answering one of them, and one that cannot be exported.
    func hostileStore() throws {
        let h = Self.hostile
        try importObjects([
            item("m\(h)1", handle: "eve\(h)", name: "Eve\(h)", text: "hello \(h) world", age: 7_200),
            item("2", platform: "bluesky", handle: "noor.bsky.social", text: "plain", age: 3_600),
        ])
        let draft: [String: Any] = [
            "record": "draft", "draft": "d\(h)1", "at": "2026-11-21T04:40:00Z", "ref": "mastodon:m\(h)1", "platform": "mastodon",
            "in_reply_to": "m\(h)1", "reply_target": ["in_reply_to_id": "m\(h)1"], "author": "eve\(h)", "text": "reply \(h) text",
        ]
        let blogger: [String: Any] = [
            "record": "draft", "draft": "d2", "at": "2026-11-21T04:41:00Z", "ref": "blogger:b\(h)", "platform": "blogger",
            "in_reply_to": "b\(h)", "reply_target": [String: String](), "text": "thanks",
        ]
        let lines = try [draft, blogger].map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: outboxPath, atomically: true, encoding: .utf8)
    }

    func testEveryCommandPipedPrintsNoControlInTextAndExactData() throws {
        try hostileStore()
        for arguments in [["list"], ["list", "--all"], ["outbox"], ["stats"], ["themes"], ["ack", "--dry-run", "--older-than", "1m"]] {
            let result = try heed(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            assertInert(result.stdout, "heed \(arguments.joined(separator: " ")) stdout")
            assertInert(result.stderr, "heed \(arguments.joined(separator: " ")) stderr")
        }
        // JSON: valid, every control escaped, the data exact.
        let json = try heed(["list", "--json"])
        assertInert(json.stdout, "list --json")
        let ids = try jsonLines(json.stdout).compactMap { $0["id"] as? String }
        XCTAssertTrue(ids.contains("m\(Self.hostile)1"), "\(ids)")
        XCTAssertTrue(json.stdout.contains(#"\u001b]52;c;ZXZpbA==\u0007"#), json.stdout)
        // CSV piped is the data as it is: the reply text exactly, controls and all.
        let csv = try heed(["export", "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.contains("reply \(Self.hostile) text"), csv.stdout.debugDescription)
        assertInert(csv.stderr, "export stderr")
        // Export notes name refs in their escaped form.
        let requests = try heed(["export", "--format", "requests", "--again"])
        assertInert(requests.stdout + requests.stderr, "export --format requests")
        XCTAssertTrue(requests.stderr.contains(#"heed: not exportable: draft d2 (blogger:b\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x1b\\\x1b[2J\x9b31m\u{202e}\x85\x08)"#), requests.stderr)
        // Undo names the refs in their escaped form.
        XCTAssertEqual(try heed(["ack", "--older-than", "1m"]).stdout, "acknowledged 2\n")
        let undo = try heed(["undo"])
        assertInert(undo.stdout, "undo")
        XCTAssertTrue(undo.stdout.contains(#"mastodon:m\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x1b\\\x1b[2J\x9b31m\u{202e}\x85\x081"#), undo.stdout)
    }

    func testOnATerminalNoCommandWritesAnEscapeOfItsOwnButThemesColours() throws {
        try hostileStore()
        for arguments in [["list"], ["outbox"], ["list", "--json"], ["export", "--format", "csv", "--again"], ["undo"]] {
            let (output, status) = try heedOnTerminal(arguments)
            XCTAssertEqual(status, 0, "\(arguments): \(output.debugDescription)")
            assertInert(output, "heed \(arguments.joined(separator: " ")) on a terminal")
        }
        try FileManager.default.createDirectory(atPath: configFolder + "/themes", withIntermediateDirectories: true)
        try #"description = "mine \u001b]52;c;ZXZpbA==\u0007\u001b[2J\u009b31m\u202e\u0085 end""#.appending("\nbase = \"dark\"\n[elements]\nnormal = {}\n")
            .write(toFile: configFolder + "/themes/evil\u{1B}[31m.toml", atomically: true, encoding: .utf8)
        let (output, status) = try heedOnTerminal(["themes"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("mine ") && output.contains(" end"), output.debugDescription)
        // Only colour and attribute sequences (SGR) and the charset reset terminfo's sgr0 holds.
        let withoutStyling = output.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).replacingOccurrences(of: "\u{1B}(B", with: "")
        assertInert(withoutStyling, "heed themes on a terminal")
    }

    func testMessagesQuotingConfigFileNamesAndArgumentsAreInert() throws {
        let h = Self.hostile
        try writeConfig("[limits]\n\"x\\u001b]0;pwned\\u0007\" = 5\n[views]\n\"v\\u202e\" = \"nope:\\u001b[2J\"\n")
        let badFile = directory.appendingPathComponent("bad\u{1B}[1m\u{9B}2J.jsonl").path
        try "{\"platform\":\"myspace\\u001b[31m\",\"id\":\"2\",\"text\":\"x\",\"created_at\":\"\\u001b]0;x\\u0007soon\"}\n".write(toFile: badFile, atomically: true, encoding: .utf8)
        let runs: [[String]] = [["import", badFile], ["list", "--bogus\(h)"], ["\(h)list"], ["export", "--format", "csv\(h)"], ["ack", "x\(h)"], ["list", "--search", "age>\(h)"]]
        for arguments in runs {
            let result = try heed(arguments)
            XCTAssertNotEqual(result.status, 0, "\(arguments)")
            assertInert(result.stdout + result.stderr, "heed \(arguments)")
            XCTAssertTrue(result.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("heed: ") }, "one style of error line: \(result.stderr)")
            // A command whose line parses reads config.toml first, and says what is wrong in it.
            if arguments[0] == "import" {
                XCTAssertTrue(result.stderr.contains("heed: config \(configPath) (limits.x): unknown platform"), result.stderr)
            }
        }
        let (output, _) = try heedOnTerminal(["list", "--bogus\(h)"])
        assertInert(output, "an argument error on a terminal")
    }
}
