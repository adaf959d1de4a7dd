@testable import HeedPostgres
import XCTest

/// The team store's search words: what `SearchText` folds, cut into lexemes the server takes
/// whatever the text (emoji sequences, marks alone, very long words and texts). No server needed.
final class LexemeTests: XCTestCase {
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
