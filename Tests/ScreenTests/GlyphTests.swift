import Screen
import XCTest

/// Display widths by the rule of NOTES.md: wcwidth per scalar after dropping joiners,
/// variation selectors and skin tones.
final class GlyphTests: XCTestCase {
    func testWidthTable() {
        let cases: [(String, Int)] = [
            ("abc", 3), ("中文字符", 8), ("😀", 2), ("🇯🇵", 2), ("é", 1), ("e\u{301}", 1),
            ("👍🏽", 2), ("❤️", 1), ("👨‍👩‍👧", 6), ("🏳️‍🌈", 3), ("1️⃣", 1), ("مرحبا", 5),
            ("a\u{200B}b", 2), ("", 0), ("한국어", 6), ("ｶﾀｶﾅ", 4),
        ]
        for (text, cells) in cases {
            XCTAssertEqual(Glyphs.width(text), cells, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            XCTAssertEqual(Glyphs.of(text).reduce(0) { $0 + $1.width }, cells, text)
        }
    }

    func testCombiningMarksRideOnTheirBase() {
        let glyphs = Glyphs.of("e\u{301}x")
        XCTAssertEqual(glyphs.map(\.scalars), ["e\u{301}", "x"])
        XCTAssertEqual(Glyphs.of("\u{301}x").map(\.scalars), ["x"])
    }

    func testHostileSequencesNeverSurvive() {
        let hostile = "a\u{1B}[31mred\u{1B}[0m b\u{1B}]52;c;ZXZpbA==\u{07}c\u{1B}]0;title\u{1B}\\d\u{1B}P1;2|x\u{1B}\\e\u{9B}2Jf\u{7F}g\u{0}h\u{202E}i\u{2066}j\u{85}k"
        let clean = Sanitizer.clean(hostile)
        XCTAssertEqual(clean, "ared bcdefghijk")
        for glyph in Glyphs.of(hostile) {
            for scalar in glyph.scalars.unicodeScalars {
                XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value), "control \(scalar.value) survived")
            }
        }
    }

    func testTabsAndNewlinesBecomeSpacesInALine() {
        XCTAssertEqual(Glyphs.of("a\tb\nc").map(\.scalars), ["a", " ", "b", " ", "c"])
    }

    func testPutCutsByCellsWithEllipsisNeverInsideAGlyph() {
        var buffer = ScreenBuffer(width: 10, height: 3)
        buffer.put("中文字符中文", x: 0, y: 0, maxWidth: 6, role: .normal)
        buffer.put("abcdefghijkl", x: 0, y: 1, role: .normal)
        buffer.put("ab中", x: 7, y: 2, role: .normal)
        // A wide glyph is one string in two cells: the line reads shorter than its cells.
        XCTAssertEqual(buffer.lines(), ["中文…     ", "abcdefghi…", "       ab…"])
    }

    func testOverwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("中文字", x: 0, y: 0, role: .normal)
        buffer.put("x", x: 1, y: 0, role: .normal)
        buffer.put("y", x: 2, y: 0, role: .normal)
        XCTAssertEqual(buffer.lines(), [" xy 字"])
    }

    func testWrapBreaksAtSpacesAndInsideLongWords() {
        let lines = Wrap.lines("hello wide 世界 world\nabcdefghij", width: 8).map { $0.map(\.scalars).joined() }
        XCTAssertEqual(lines, ["hello", "wide", "世界", "world", "abcdefgh", "ij"])
    }
}
