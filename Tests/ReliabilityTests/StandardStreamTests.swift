import Foundation
import TestSupport
import XCTest

/// heed started with standard input, output or error closed, or writing to a full disk or a
/// pipe that closes: no data file takes descriptors 0–2 (the outbox never gets heed's own
/// messages), every command's lost output is one line and exit 1, never a crash and never
/// exit 0, and a closed pipe ends heed quietly as it ends other Unix tools.
final class StandardStreamTests: HeedTestCase {
    /// A pending draft in the outbox, so an export has something to say on standard error.
    func writeDraft() throws {
        try #"{"record":"draft","draft":"d1","at":"2026-01-02T03:04:05Z","ref":"mastodon:1","platform":"mastodon","in_reply_to":"1","reply_target":{"in_reply_to_id":"1"},"author":"a","text":"hi"}"#
            .appending("\n").write(toFile: outboxPath, atomically: false, encoding: .utf8)
    }

    /// Runs `heed arguments…` from `sh` with `redirection` (such as `2>&-`) applied.
    func runHeed(_ arguments: [String], redirecting redirection: String) throws -> SpawnResult {
        try Spawn.run(["/bin/sh", "-c", "exec \"$0\" \"$@\" \(redirection)", heed] + arguments, environment: heedEnvironment)
    }

    /// With each of 0, 1 and 2 closed, an export still writes a clean outbox: heed's messages
    /// never land in it (they once did, when the outbox took descriptor 2).
    func testAClosedStandardDescriptorIsNeverTakenByTheOutbox() throws {
        for fd in 0...2 {
            try writeDraft()
            let output = directory.appendingPathComponent("out-\(fd).jsonl").path
            let result = try runHeed(["export", "-o", output], redirecting: "\(fd)>&-")
            XCTAssertEqual(result.status, 0, "fd \(fd): \(result.stderr)")
            let outbox = OutboxFile(path: outboxPath)
            XCTAssertTrue(outbox.bad.isEmpty, "fd \(fd): the outbox got \(outbox.bad)")
            XCTAssertFalse(outbox.endsMidLine, "fd \(fd)")
            XCTAssertEqual(outbox.drafts["d1"]?.status, "exported", "fd \(fd)")
            XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count, 1, "fd \(fd)")
        }
    }

    /// Standard input closed is said as such, not read as an empty file.
    func testImportingAClosedStandardInputSaysSo() throws {
        let result = try runHeed(["import", "-"], redirecting: "<&-")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "heed: cannot read standard input: it was closed; nothing imported\n")
    }

    /// Every command that prints, with standard output full (/dev/full) or closed: one line
    /// on standard error and exit 1.
    func testEveryCommandsLostOutputIsOneLineAndExitOne() throws {
        try importMentions(prefix: "s", count: 3)
        try writeDraft()
        let commands: [[String]] = [
            ["list"], ["list", "--json"], ["list", "--all", "--search", "hello"], ["outbox"], ["outbox", "--json"],
            ["stats"], ["stats", "--json"], ["themes"], ["--help"], ["list", "--help"], ["ack", "mastodon:s-0"], ["undo"],
            ["import", directory.appendingPathComponent("s.jsonl").path], ["demo", "--generate", "3"], ["export", "--again"],
        ]
        for (redirection, reason) in [(">/dev/full", "No space left on device"), (">&-", "Bad file descriptor")] {
            for command in commands {
                let result = try runHeed(command, redirecting: redirection)
                let said = "\(command.joined(separator: " ")) \(redirection)"
                XCTAssertEqual(result.status, 1, "\(said): \(result.stderr)")
                XCTAssertTrue(result.stderr.hasSuffix("heed: cannot write to standard output: \(reason)\n"), "\(said): \(result.stderr)")
                XCTAssertEqual(result.stderr.components(separatedBy: "cannot write to standard output").count, 2, "said once: \(said): \(result.stderr)")
                XCTAssertFalse(result.stderr.contains("Fatal error"), said)
            }
        }
    }

    /// `heed list | head -1`: the first line arrives, and heed ends by SIGPIPE without a word.
    func testAPipeThatClosesEndsHeedQuietly() throws {
        try importMentions(prefix: "p", count: 3_000)
        let status = directory.appendingPathComponent("status").path
        let errors = directory.appendingPathComponent("errors").path
        let script = "{ \"$0\" list 2>\(quoted(errors)); echo $? > \(quoted(status)); } | head -1"
        let result = try Spawn.run(["/bin/sh", "-c", script, heed], environment: heedEnvironment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(result.stdout.contains("mastodon:p-0"), result.stdout)
        XCTAssertEqual(try String(contentsOfFile: status, encoding: .utf8), "141\n")
        XCTAssertEqual(try String(contentsOfFile: errors, encoding: .utf8), "")
    }
}
