import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import StandIn
import TestSupport
import XCTest

/// `command = "…"`: heed runs the user's command and imports what it prints, detected like
/// `heed import -`; a command that fails imports nothing and is named with what it said.
final class CommandSourceTests: FetchCase {
    func source(_ command: String, format: String? = nil) -> AccountConfig {
        var account = AccountConfig(platform: nil, command: command, name: "script")
        account.format = format
        return account
    }

    func testWhatACommandPrintsIsImportedAsItsFormatIsDetected() throws {
        let file = try SharedFiles.url("samples/github/notifications_docs_example_thread_items.json").path
        let detected = fetch(source("cat '\(file)'"))
        XCTAssertNil(detected.failure)
        XCTAssertEqual(detected.line, "command script: imported 0, updated 0, unchanged 0, skipped 1, answered elsewhere 0")
        XCTAssertEqual(detected.notes, ["skipped 1 subscribed"])
        let lines = """
            {"platform":"mastodon","id":"1","text":"@you hello","created_at":"2026-11-20T09:14:00Z","author":{"handle":"a@b.c"}}
            """
        let named = fetch(source("printf '%s\\n' '\(lines)'", format: "jsonl"))
        XCTAssertEqual(named.counts.counts.imported, 1, named.line)
        XCTAssertEqual(try state(.mastodon, "1"), "waiting")
    }

    func testACommandThatFailsImportsNothing() throws {
        let outcome = fetch(source("echo '{\"platform\":\"x\",\"id\":\"9\",\"text\":\"t\",\"created_at\":0}'; echo 'gh: not logged in' >&2; exit 4"))
        XCTAssertEqual(outcome.failure, "the command failed (exit 4): gh: not logged in; nothing imported")
        XCTAssertNil(try state(.x, "9"))
    }

    func testAnUnknownFormatIsSaid() throws {
        let outcome = fetch(source("echo hello", format: "myspace"))
        XCTAssertTrue(outcome.failure?.hasPrefix("format = \"myspace\"") ?? false, outcome.failure ?? "")
    }
}
