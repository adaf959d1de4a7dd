import Screen
import XCTest

/// Tables as commands print them: fitted to a terminal by display width, or tab-separated.
final class TextTableTests: XCTestCase {
    let table = TextTable([
        TextTable.Column("AGE", .whole, right: true), TextTable.Column("REF", .whole),
        TextTable.Column("AUTHOR", .upTo(12, least: 6)), TextTable.Column("TEXT", .rest),
    ])

    func rows() -> [[String]] {
        [
            ["3d 4h", "mastodon:1", "田中健二", "返信ありがとうございます！次のバージョンはいつ頃ですか？"],
            ["1h", "bluesky:at://did:plc:abc/app.bsky.feed.post/3k", "noor.bsky.social.long", "مرحبا \u{1B}]0;pwn\u{07}😀 hello"],
        ]
    }

    func testColumnsAlignByDisplayWidthAndTheTextIsCutToTheTerminal() {
        let widths = table.widths(for: rows(), width: 100)
        let lines = [table.header(widths: widths, width: 100)] + rows().map { table.line($0, widths: widths, width: 100) }
        XCTAssertEqual(lines, [
            "  AGE  REF                                             AUTHOR        TEXT",
            "3d 4h  mastodon:1                                      田中健二      返信ありがとうございます！次の…",
            "   1h  bluesky:at://did:plc:abc/app.bsky.feed.post/3k  noor.bsky.s…  مرحبا 😀 hello",
        ])
        for line in lines { XCTAssertLessThanOrEqual(Glyphs.width(line), 100, line) }
    }

    /// Narrower than the widest ref leaves room: that ref's own row runs longer, the others keep
    /// their text, and the author gives way before the text does.
    func testALongRefPushesOnlyItsOwnRow() {
        let widths = table.widths(for: rows(), width: 70)
        let lines = [table.header(widths: widths, width: 70)] + rows().map { table.line($0, widths: widths, width: 70) }
        XCTAssertEqual(lines, [
            "  AGE  REF                                AUTHOR  TEXT",
            "3d 4h  mastodon:1                         田中…   返信ありがとうござ…",
            "   1h  bluesky:at://did:plc:abc/app.bsky.feed.post/3k  noor.…  مرحبا …",
        ])
    }

    func testANarrowTerminalCutsTheAuthorAndTextButNeverARef() {
        let widths = table.widths(for: rows(), width: 50)
        let lines = rows().map { table.line($0, widths: widths, width: 50) }
        XCTAssertTrue(lines[1].contains("bluesky:at://did:plc:abc/app.bsky.feed.post/3k"), lines[1])
        XCTAssertTrue(lines[0].contains("mastodon:1"), lines[0])
        XCTAssertLessThanOrEqual(Glyphs.width(lines[0]), 50, lines[0])
    }

    func testPipedRowsAreTabSeparatedWithNoControlInAField() {
        let row = TextTable.separated(["1h", "x:1", "a\tb\nc", "\u{1B}[31mred\u{202E} 中"])
        XCTAssertEqual(row, "1h\tx:1\ta b c\tred 中")
        XCTAssertEqual(TextTable.separated(["abcdefghij"], most: 5), "abcd…")
    }
}
