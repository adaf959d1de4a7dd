import Foundation
import XCTest

/// `heed list` and `heed outbox` as people read them on a terminal (a header, columns by
/// display width, whole refs) and as scripts read them piped (tab-separated columns).
final class ListTableE2ETests: CommandTestCase {
    static let bluesky = "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kbhx2xqcsx2y"
    static let youtube = "UgzDE2tasfmrYLyNkGt4AaABAg.9iPXEClD9lW9iPXFkQd7Kx"

    func importSample() throws {
        try importObjects([
            item("109876", handle: "alice@example.social", text: "is the meetup still on?", age: 3 * 86_400),
            item(Self.bluesky, platform: "bluesky", handle: "noor.bsky.social", text: "مرحبا! هل يدعم التطبيق اللغة العربية", age: 2 * 86_400),
            item(Self.youtube, platform: "youtube", handle: "田中健二のチャンネル", text: "返信ありがとうございます！次のバージョンはいつ頃ですか？🙏", age: 86_400),
        ])
    }

    func testOnATerminalAHeaderAlignedColumnsAndWholeRefs() throws {
        try importSample()
        let (output, status) = try heedOnTerminal(["list"], width: 140)
        XCTAssertEqual(status, 0, output)
        let rows = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 4, output)
        XCTAssertEqual(rows[0], "AGE  REF                                                                             AUTHOR                TEXT")
        XCTAssertEqual(rows[1], " 3d  mastodon:109876                                                                 alice@example.social  is the meetup still on?")
        XCTAssertTrue(rows[2].hasPrefix(" 2d  bluesky:\(Self.bluesky)  noor.bsky.social      مرحبا!"), rows[2])
        XCTAssertTrue(rows[3].hasPrefix(" 1d  youtube:\(Self.youtube)"), rows[3])
        // Columns line up by display width: the text starts in the same cell on every row,
        // after the CJK author's 20 cells, and no row is wider than the terminal.
        for row in rows { XCTAssertLessThanOrEqual(CellWidth.of(row), 140, row) }
        let starts = zip(rows, ["TEXT", "is the meetup", "مرحبا", "返信"]).map { row, text in
            CellWidth.of(String(row[..<(row.range(of: text)?.lowerBound ?? row.endIndex)]))
        }
        XCTAssertEqual(starts, Array(repeating: 3 + 2 + 78 + 2 + 20 + 2, count: 4))
    }

    func testOnANarrowTerminalRefsStayWholeAndTheTextGivesWay() throws {
        try importSample()
        let (output, _) = try heedOnTerminal(["list"], width: 60)
        XCTAssertTrue(output.contains("bluesky:\(Self.bluesky)"), output)
        XCTAssertTrue(output.contains("youtube:\(Self.youtube)"), output)
        let mastodon = try XCTUnwrap(output.split(separator: "\n").first { $0.contains("mastodon:109876") })
        XCTAssertLessThanOrEqual(CellWidth.of(String(mastodon)), 60, String(mastodon))
    }

    func testPipedRowsAreTabSeparatedAgeRefStateAuthorText() throws {
        try importSample()
        let listed = try heed(["list"])
        XCTAssertEqual(listed.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).count }, [5, 5, 5])
        XCTAssertEqual(listed.stdout.split(separator: "\n").first, "3d\tmastodon:109876\twaiting\talice@example.social\tis the meetup still on?")
        XCTAssertEqual(try heed(["ack", "mastodon:109876"]).status, 0)
        let all = try heed(["list", "--all"]).stdout.split(separator: "\n")
        XCTAssertEqual(all.first, "3d\tmastodon:109876\tacknowledged\talice@example.social\tis the meetup still on?")
    }

    func testTheOutboxShowsThePlatformPipedAndOnATerminal() throws {
        let drafts = [
            #"{"record":"draft","draft":"d1","at":"2026-11-21T04:40:00Z","ref":"bluesky:\#(Self.bluesky)","platform":"bluesky","in_reply_to":"x","reply_target":{},"text":"thanks!\nsecond line"}"#,
            #"{"record":"draft","draft":"d2","at":"2026-11-21T04:41:00Z","ref":"mastodon:109876","platform":"mastodon","in_reply_to":"109876","reply_target":{},"text":"see you there"}"#,
        ]
        try (drafts.joined(separator: "\n") + "\n").write(toFile: outboxPath, atomically: true, encoding: .utf8)
        XCTAssertEqual(try heed(["outbox"]).stdout, "d1\tpending\tbluesky\tbluesky:\(Self.bluesky)\tthanks! second line\nd2\tpending\tmastodon\tmastodon:109876\tsee you there\n")
        let (output, _) = try heedOnTerminal(["outbox"], width: 140)
        XCTAssertEqual(output.split(separator: "\n").map(String.init), [
            "DRAFT  STATUS   PLATFORM  REF                                                                             TEXT",
            "d1     pending  bluesky   bluesky:\(Self.bluesky)  thanks! second line",
            "d2     pending  mastodon  mastodon:109876                                                                 see you there",
            "2 pending",
        ])
    }
}

/// Display cells of a line as a terminal lays it out (`wcwidth` through the Screen module).
enum CellWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let value = scalar.value
            if value < 0x7F { return total + 1 }
            if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value) { return total + 2 }
            return total + 1
        }
    }
}
