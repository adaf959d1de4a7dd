import Foundation
import XCTest

/// The command line as users type it: the file options before or after any subcommand, the
/// version, help that names the options, environment and files, one style of error line, and
/// shell completions and the man page that know every subcommand.
final class CommandLineTests: CommandTestCase {
    /// Every subcommand and a harmless way to run it, with what it prints when it runs.
    static let runs: [(words: [String], status: Int32, says: String)] = [
        (["open"], 2, "needs a terminal"),
        (["demo", "--generate", "1"], 0, "\"platform\""),
        (["import", "@FILE"], 0, "unchanged 1"),
        (["list"], 0, "mastodon:in-other-store"),
        (["ack", "--dry-run", "--older-than", "1m"], 0, "would acknowledge mastodon:in-other-store"),
        (["undo"], 0, "nothing to undo"),
        (["stats"], 0, "Answers"),
        (["outbox"], 0, "d-other"),
        (["export", "--again"], 0, "\"draft\":\"d-other\""),
        (["themes"], 0, "dark"),
    ]

    func testFileOptionsWorkBeforeAndAfterEverySubcommand() throws {
        let other = directory.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let store = other.appendingPathComponent("s.sqlite").path, outbox = other.appendingPathComponent("o.jsonl").path
        let config = other.appendingPathComponent("c.toml").path
        try "theme = 3\n".write(toFile: config, atomically: true, encoding: .utf8)
        let file = other.appendingPathComponent("one.jsonl").path
        try (String(decoding: try JSONSerialization.data(withJSONObject: item("in-other-store")), as: UTF8.self) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try heed(["import", "--store", store, file]).status, 0)
        try #"{"record":"draft","draft":"d-other","at":"2026-11-21T04:40:00Z","ref":"mastodon:in-other-store","platform":"mastodon","in_reply_to":"in-other-store","reply_target":{"in_reply_to_id":"in-other-store"},"text":"hi"}"#
            .appending("\n").write(toFile: outbox, atomically: true, encoding: .utf8)
        let options = ["--store", store, "--outbox", outbox, "--config", config]
        for run in Self.runs {
            let words = run.words.map { $0 == "@FILE" ? file : $0 }
            for arguments in [options + words, [words[0]] + options + words.dropFirst(), words + options] {
                let result = try heed(arguments)
                XCTAssertEqual(result.status, run.status, "heed \(arguments.joined(separator: " ")): \(result.stderr)")
                XCTAssertTrue((result.stdout + result.stderr).contains(run.says), "heed \(arguments.joined(separator: " ")): \(result.stdout) \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("heed: config \(config):1 (theme)"), "--config was read: \(arguments) \(result.stderr)")
            }
        }
    }

    func testVersionAndHelpSayWhatAUserNeeds() throws {
        let version = try heed(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, version.stdout)
        let help = try heed(["--help"])
        XCTAssertEqual(help.status, 0)
        for word in ["--store <path>", "--outbox <path>", "--config <path>", "HEED_STORE", "HEED_OUTBOX", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                     "NO_COLOR", "VISUAL, EDITOR", "~/.local/share/heed/heed.sqlite", "~/.config/heed/config.toml", "~/.config/heed/templates/"] {
            XCTAssertTrue(help.stdout.contains(word), "--help does not mention \(word)")
        }
        for subcommand in Self.runs.map(\.words[0]) { XCTAssertTrue(help.stdout.contains("  \(subcommand) "), "--help lists \(subcommand)") }
    }

    func testUsageErrorsAreHeedLinesWithExitTwo() throws {
        for arguments in [["list", "--bogus"], ["lisst"], ["import"], ["export", "--format", "pdf"], ["ack"], ["list", "--limit", "x"]] {
            let result = try heed(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertEqual(result.stdout, "")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertFalse(lines.isEmpty)
            XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("heed: ") }, "\(arguments): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Error:"), result.stderr)
        }
        XCTAssertEqual(try heed(["lisst"]).stderr,
                       "heed: 'lisst' is not a command; the commands are ack, assign, demo, export, fetch, help, import, list, open, outbox, rules, send, stats, store, themes, undo (heed --help says what each does)\n")
        let usage = try heed(["list", "--bogus"]).stderr
        XCTAssertTrue(usage.contains("heed: usage: heed list ") && usage.contains("heed: see 'heed list --help' for more information"), usage)
    }

    func testCompletionScriptsKnowEverySubcommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try heed(["--generate-completion-script", shell])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertGreaterThan(result.stdout.count, 1_000)
            for subcommand in Self.runs.map(\.words[0]) { XCTAssertTrue(result.stdout.contains(subcommand), "\(shell) completion lacks \(subcommand)") }
            for option in ["--store", "--outbox", "--config", "--older-than", "--dry-run"] {
                XCTAssertTrue(result.stdout.contains(option.dropFirst(2)), "\(shell) completion lacks \(option)")
            }
        }
    }

    /// The man page in Docs/ is ArgumentParser's generate-manual output for this binary: it
    /// names every subcommand and every option each has now (Scripts/generate-manual.sh makes it).
    func testTheManPageDescribesEverySubcommandAndOption() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("Docs/heed.1"), encoding: .utf8)
        XCTAssertTrue(page.hasPrefix(".\\\" \"Generated by swift-argument-parser\""))
        let dump = try heed(["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let info = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let subcommands = try XCTUnwrap((info["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(subcommands.count, Self.runs.count)
        let optionLines = page.split(separator: "\n").filter { $0.hasPrefix(".It Fl ") }
        for subcommand in subcommands {
            let name = try XCTUnwrap(subcommand["commandName"] as? String)
            XCTAssertTrue(page.contains(".It Em \(name)\n"), "the man page lacks \(name): run Scripts/generate-manual.sh")
            for argument in subcommand["arguments"] as? [[String: Any]] ?? [] {
                guard (argument["shouldDisplay"] as? Bool) != false, let long = (argument["names"] as? [[String: Any]])?.first(where: { $0["kind"] as? String == "long" })?["name"] as? String else { continue }
                XCTAssertTrue(optionLines.contains { $0.split(separator: " ").contains("-\(long)") }, "the man page lacks \(name) --\(long): run Scripts/generate-manual.sh")
            }
        }
    }
}
