import Screen
import XCTest

/// The escaped form refs are printed in: reversible, and drawn by the screen exactly as it is.
final class EscapedTests: XCTestCase {
    /// Scalars hostile ids are made of: controls, bidi, joiners, marks, quotes, spaces, backslashes.
    static let pool: [Unicode.Scalar] = [
        "a", "Z", "0", ":", "/", ".", "-", "_", "'", "\"", " ", "\t", "\n", "\r", "\\", "x", "u", "{", "}", "[", "m",
        "\u{00}", "\u{07}", "\u{08}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9D}", "\u{A0}", "\u{AD}",
        "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{061C}", "\u{200B}", "\u{200D}", "\u{FE0F}", "\u{FEFF}",
        "\u{0301}", "\u{1F3FD}", "\u{2028}", "\u{E000}", "\u{10FFFF}", "中", "😀", "é", "ｶ",
    ]

    /// A reproducible random string of up to 24 scalars from the pool (`state` is a linear
    /// congruential generator's).
    static func randomID(_ state: inout UInt64) -> String {
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var scalars = String.UnicodeScalarView()
        for _ in 0..<(1 + next() % 24) { scalars.append(pool[next() % pool.count]) }
        return String(scalars)
    }

    func testEveryRandomIDRoundTripsAndDrawsAsWritten() {
        var state: UInt64 = 0x5EED
        for _ in 0..<5_000 {
            let id = Self.randomID(&state)
            let shown = Escaped.visible(id)
            XCTAssertEqual(Escaped.parse(shown), id, "\(id.unicodeScalars.map { String($0.value, radix: 16) })")
            // What the screen draws of the escaped form is the escaped form itself, scalar for scalar.
            XCTAssertEqual(Glyphs.of(shown).map(\.scalars).joined(), shown, shown)
            XCTAssertFalse(shown.unicodeScalars.contains { $0.value < 0x21 || (0x7F...0x9F).contains($0.value) }, shown)
        }
    }

    func testTheFormIsReadable() {
        XCTAssertEqual(Escaped.visible("109876"), "109876")
        XCTAssertEqual(Escaped.visible("at://did:plc:x/app.bsky.feed.post/3k"), "at://did:plc:x/app.bsky.feed.post/3k")
        XCTAssertEqual(Escaped.visible("a\u{1B}[31mred"), "a\\x1b[31mred")
        XCTAssertEqual(Escaped.visible("sp ace\ttab"), "sp\\x20ace\\x09tab")
        XCTAssertEqual(Escaped.visible("bi\u{202E}di"), "bi\\u{202e}di")
        XCTAssertEqual(Escaped.visible("back\\slash"), "back\\\\slash")
        XCTAssertEqual(Escaped.visible("q'uo\"te 中😀"), "q'uo\"te\\x20中😀")
    }

    func testParseKeepsBackslashesThatEscapeNothing() {
        XCTAssertEqual(Escaped.parse("a\\qb"), "a\\qb")
        XCTAssertEqual(Escaped.parse("a\\x1"), "a\\x1")
        XCTAssertEqual(Escaped.parse("a\\xzz"), "a\\xzz")
        XCTAssertEqual(Escaped.parse("a\\u{}"), "a\\u{}")
        XCTAssertEqual(Escaped.parse("a\\u{110000}"), "a\\u{110000}")
        XCTAssertEqual(Escaped.parse("end\\"), "end\\")
    }
}
