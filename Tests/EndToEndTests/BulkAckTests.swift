import Foundation
import XCTest

/// `heed ack --older-than` over more items than `[bulk] confirm_above` asks on a terminal;
/// `--yes` skips the question, `--dry-run` lists and changes nothing, and without a terminal
/// there is no one to ask.
final class BulkAckTests: CommandTestCase {
    /// 27 items between 2 and 3 days old, and one newer.
    func importOld() throws {
        try importObjects((0..<27).map { item("old\($0)", age: 2 * 86_400 + Double($0) * 60) } + [item("new", age: 600)])
    }

    func waiting() throws -> Int { try heed(["list"]).stdout.split(separator: "\n").count }

    func testATerminalIsAskedAndNoChangesNothing() throws {
        try importOld()
        let (output, status) = try heedOnTerminal(["ack", "--older-than", "1d"], prompt: "[y/N] ", answer: "n\n")
        XCTAssertTrue(output.contains("heed: Acknowledge 27 items waiting longer than 1d? [y/N] "), output)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(output.contains("heed: nothing acknowledged"), output)
        XCTAssertEqual(try waiting(), 28)

        let (again, yes) = try heedOnTerminal(["ack", "--older-than", "1d"], prompt: "[y/N] ", answer: "y\n")
        XCTAssertEqual(yes, 0, again)
        XCTAssertTrue(again.hasSuffix("acknowledged 27\n"), again)
        XCTAssertEqual(try waiting(), 1)
        XCTAssertTrue(try heed(["undo"]).stdout.hasPrefix("undid acknowledge of 27 items"))
    }

    func testYesSkipsTheQuestionAndTheThresholdComesFromTheConfig() throws {
        try importOld()
        let (output, status) = try heedOnTerminal(["ack", "--older-than", "1d", "--yes"])
        XCTAssertEqual(status, 0, output)
        XCTAssertEqual(output, "acknowledged 27\n")
        XCTAssertEqual(try heed(["undo"]).status, 0)
        try writeConfig("[bulk]\nconfirm_above = 30\n")
        let (below, code) = try heedOnTerminal(["ack", "--older-than", "1d"])
        XCTAssertEqual(code, 0, below)
        XCTAssertEqual(below, "acknowledged 27\n", "27 is not above 30: no question")
    }

    func testDryRunListsWhatWouldBeAcknowledgedAndChangesNothing() throws {
        try importOld()
        let result = try heed(["ack", "--older-than", "1d", "--dry-run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 28)
        XCTAssertEqual(lines.first, "would acknowledge mastodon:old26")
        XCTAssertEqual(lines.last, "would acknowledge 27 items")
        XCTAssertEqual(try waiting(), 28)
        XCTAssertEqual(try heed(["ack", "--dry-run", "mastodon:new", "mastodon:old1"]).stdout, "would acknowledge mastodon:new\nwould acknowledge mastodon:old1\n")
        XCTAssertEqual(try waiting(), 28)
    }

    func testWithoutATerminalThereIsNoQuestion() throws {
        try importOld()
        let result = try heed(["ack", "--older-than", "1d"], input: "n\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "acknowledged 27\n")
        XCTAssertEqual(try waiting(), 1)
    }
}
