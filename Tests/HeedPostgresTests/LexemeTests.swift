import HeedCore
@testable import HeedPostgres
import TestSupport
import XCTest

/// The team store's search words: what `SearchText` folds, cut into lexemes the server takes
/// whatever the text (emoji sequences, marks alone, very long words and texts). No server needed.
final class LexemeTests: XCTestCase {
    /// The short way of `normalized` gives what the long way gives, for every scalar it takes
    /// and in any order (sampled: a few thousand words of each block and of them mixed).
    func testWordsLeftAsTheyAreAreWhatTheLongWayMakes() {
        let blocks: [ClosedRange<UInt32>] = [0x21...0x40, 0x5B...0xBF, 0x3041...0x3098, 0x309B...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                                             0x20000...0x2A6DF, 0xAC00...0xD7A3, 0x1F300...0x1FAFF]
        var generator = SeededRandom.forTest("LexemeTests")
        for round in 0..<6_000 {
            let chosen = round % 3 == 0 ? blocks : [blocks[round % blocks.count]]
            let scalars = (0..<Int.random(in: 1...6, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: chosen.randomElement(using: &generator)!, using: &generator))
            }
            let word = String(String.UnicodeScalarView(scalars))
            XCTAssertTrue(scalars.allSatisfy(Lexemes.isUnchanged))
            XCTAssertEqual(Lexemes.normalized(word), Lexemes.decomposedAndFolded(word), "\(scalars.map { String($0.value, radix: 16) })")
        }
        // What the short way leaves to the long way.
        for scalar: Unicode.Scalar in ["A", "é", "\u{3099}", "\u{F900}", "\u{FE0F}", "\u{0E48}", "\u{1100}"] {
            XCTAssertFalse(Lexemes.isUnchanged(scalar), "\(scalar)")
        }
        XCTAssertEqual(Lexemes.normalized("か\u{3099}"), "が")
        XCTAssertEqual(Lexemes.normalized(String(repeating: "東", count: 100)).utf8.count, 255)
    }

    func testWordsFoldAsTheSQLiteStoreFoldsThem() {
        XCTAssertEqual(Lexemes.of("Café CRÈME, don't"), ["cafe", "creme", "don", "t"])
        XCTAssertEqual(Lexemes.of(" 東京 京都 都 "), ["東京", "京都", "都"])
        XCTAssertEqual(Lexemes.of("สวัสดี"), ["สวัสดี"], "Thai keeps its marks")
    }

    func testEmojiSequencesLeaveNoEmptyLexeme() {
        // The rainbow flag: 🏳 U+FE0F ZWJ 🌈, each standing alone once folded.
        let document = Lexemes.document(handle: "sam", name: nil, text: "🏳️‍🌈 👍🏽 ❤️")
        XCTAssertFalse(document.contains("''"), document)
        XCTAssertEqual(document, "'sam':1A '🏳':3 '🌈':4 '👍':5 '❤':6")
    }

    func testLongWordsAndTextsStayWithinTheServersLimits() {
        let word = String(repeating: "é", count: 400)
        XCTAssertEqual(Lexemes.of(word).first?.utf8.count, 255, "cut at a character's end")
        let text = Array(repeating: "word", count: 300_000).enumerated().map { "\($0.element)\($0.offset)" }.joined(separator: " ")
        let document = Lexemes.document(handle: nil, name: nil, text: text)
        XCTAssertLessThan(document.utf8.count, 1_000_000)
        XCTAssertTrue(document.hasSuffix(":16383"), "positions past the last share it")
    }

    func testSearchTermsAsPhrasesAndPrefixes() {
        XCTAssertEqual(Lexemes.phrase("meet", prefix: true), "'meet':*")
        XCTAssertEqual(Lexemes.phrase("me", prefix: true), "'me'", "two letters are not a prefix")
        XCTAssertEqual(Lexemes.phrase("moved to friday", prefix: false), "('moved' <-> 'to' <-> 'friday')")
        XCTAssertEqual(Lexemes.phrase("京", prefix: false), "'京':*", "one character of a run: its pairs and the runs it ends")
        XCTAssertEqual(Lexemes.phrase("alice", prefix: true, author: true), "'alice':*A")
        XCTAssertNil(Lexemes.phrase("!!", prefix: true))
    }
}
