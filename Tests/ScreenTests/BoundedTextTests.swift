import Screen
import XCTest

/// A huge text costs a screenful of work: rows and wrapped lines read only what they show.
final class BoundedTextTests: XCTestCase {
    /// 50 MB of text in one string.
    static let huge = String(repeating: "lorem ipsum 中文 😀 ", count: 50_000_000 / 24)

    func testARowOfAHugeTextLaysOutOnlyARow() {
        XCTAssertLessThanOrEqual(Glyphs.of(Self.huge, cells: 80).count, 81)
        var buffer = ScreenBuffer(width: 40, height: 1)
        buffer.put(Self.huge, x: 0, y: 0, role: .normal)
        XCTAssertEqual(buffer.lines()[0], "lorem ipsum 中文 😀 lorem ipsum 中文 😀…")
        XCTAssertEqual(Glyphs.fitted(Self.huge, cells: 12), "lorem ipsum…")
    }

    func testWrapStopsAtItsLimitAndNeverReadsPastTheLimitOfScalars() {
        let lines = Wrap.lines(Self.huge, width: 30, limit: 5)
        XCTAssertEqual(lines.count, 5)
        let all = Wrap.lines(Self.huge, width: 1_000)
        let drawn = all.reduce(0) { $0 + $1.reduce(0) { $0 + $1.scalars.unicodeScalars.count } }
        XCTAssertLessThanOrEqual(drawn, Glyphs.maxScalars)
        XCTAssertLessThanOrEqual(Glyphs.width(Self.huge), Glyphs.maxScalars * 2)
    }

    func testTheSanitizerStillRemovesSequencesSplitAcrossTheWholeText() {
        XCTAssertEqual(Sanitizer.clean("a\u{1B}]52;c;ZXZpbA==\u{07}b\u{1B}[1;31mc\u{9B}2Jd\u{202E}e"), "abcde")
    }
}
