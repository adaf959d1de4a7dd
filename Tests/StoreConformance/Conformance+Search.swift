import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Search terms of every kind: words, phrases, CJK runs, emoji, accents, authors, facets and
/// ages, and what keeps a search true when items change.
extension StoreConformanceCase {
    func checkWordsMatchAsPrefixesInTextAndAuthors() throws {
        try fill()
        XCTAssertEqual(try ids("meetup"), ["1", "2"])
        XCTAssertEqual(try ids("meet"), ["1", "2"], "a word matches as a prefix while typing")
        XCTAssertEqual(try ids("thursday"), ["1", "7"], "case does not matter")
        XCTAssertEqual(try ids("alice"), ["1", "5"], "names and handles are searched")
        XCTAssertEqual(try ids("meetup friday"), ["2"], "words combine with AND")
        XCTAssertEqual(try ids("meetup -friday"), ["1"])
        XCTAssertEqual(try count("meetup"), 2)
    }

    func checkPhrasesMatchWordForWord() throws {
        try fill()
        XCTAssertEqual(try ids(#""moved to friday""#), ["2"])
        XCTAssertEqual(try ids(#""to moved""#), [])
    }

    func checkChineseJapaneseEmojiAndAccents() throws {
        try fill()
        XCTAssertEqual(try ids("東京"), ["3"], "a CJK run is found inside a longer run")
        XCTAssertEqual(try ids("イベント"), ["3"])
        XCTAssertEqual(try ids("田中"), ["3"], "CJK names too")
        XCTAssertEqual(try ids("京東"), [], "characters in the typed order only")
        XCTAssertEqual(try ids("😍"), ["4"])
        XCTAssertEqual(try ids("cafe creme"), ["4"], "accents fold")
        XCTAssertEqual(try ids("maria"), ["6"])
    }

    /// Runs without spaces are found by any piece, one character as well, in the typed order
    /// only, beside Latin words in a phrase too.
    func checkRunsOfCJKThaiAndHangulAreFoundPieceByPiece() throws {
        try fill()
        XCTAssertEqual(try put([
            Mention(platform: .x, id: "8", author: Author(handle: "yui"), text: "東京 meetup で会いましょう", createdAt: now.addingTimeInterval(-100)),
            Mention(platform: .x, id: "9", author: Author(handle: "somchai"), text: "สวัสดีครับ ยินดีต้อนรับ", createdAt: now.addingTimeInterval(-90)),
            Mention(platform: .x, id: "10", author: Author(handle: "minji"), text: "안녕하세요 반갑습니다", createdAt: now.addingTimeInterval(-80)),
        ]).imported, 3)
        XCTAssertEqual(try ids("東"), ["3", "8"], "one character, at the start of a run")
        XCTAssertEqual(try ids("京"), ["3", "8"], "inside a run and at its end")
        XCTAssertEqual(try ids("か"), ["3"], "the last character before punctuation")
        XCTAssertEqual(try ids("のイベ"), ["3"], "across kanji and kana")
        XCTAssertEqual(try ids("イベン"), ["3"], "while typing")
        XCTAssertEqual(try ids("東の"), [], "characters side by side only")
        XCTAssertEqual(try ids("健二"), ["3"], "the end of a name")
        XCTAssertEqual(try ids(#""京 meetup""#), ["8"], "a run's end, then a word")
        XCTAssertEqual(try ids(#""東京 meetup で会い""#), ["8"])
        XCTAssertEqual(try ids(#""meetup 会い""#), [], "not side by side")
        XCTAssertEqual(try ids("ましょ"), ["8"])
        XCTAssertEqual(try ids("สวัสดี"), ["9"])
        XCTAssertEqual(try ids("ต้อน"), ["9"])
        XCTAssertEqual(try ids("하세"), ["10"])
        XCTAssertEqual(try ids("반갑"), ["10"])
        XCTAssertEqual(try ids("from:田"), ["3"], "a name's first character")
    }

    func checkAuthorsFacetsAndAges() throws {
        try fill()
        XCTAssertEqual(try ids("from:alice"), ["1", "5"])
        XCTAssertEqual(try ids("from:alice platform:x"), ["5"])
        XCTAssertEqual(try ids("platform:mastodon"), ["1", "2", "7"])
        XCTAssertEqual(try count("platform:mastodon"), 3, "a platform's count is maintained")
        XCTAssertEqual(try ids("-platform:mastodon"), ["3", "4", "5", "6"])
        XCTAssertEqual(try ids("kind:dm"), ["4", "5"])
        XCTAssertEqual(try ids("-kind:dm -kind:reply"), ["1", "3", "6"])
        XCTAssertEqual(try ids("age>10h"), ["1", "2", "3"])
        XCTAssertEqual(try ids("age<2h"), ["6", "7"])
        XCTAssertEqual(try ids("kind:reply age>1h platform:mastodon"), ["2"])
        let summary = try store.summary(QueryParser.parse("kind:dm"), now: now)
        XCTAssertEqual(summary.oldest, now.addingTimeInterval(-6 * 3_600))
    }

    func checkAnsweredItemsLeaveWaitingQueriesAndSearchFollowsChanges() throws {
        try fill()
        XCTAssertEqual(try ids("meetup"), ["1", "2"])
        try store.acknowledge([ref(.mastodon, "1")], at: now)
        XCTAssertEqual(try ids("meetup"), ["2"], "a result kept by the store is dropped by its own write")
        XCTAssertEqual(try ids("meetup is:answered"), ["1"])
        XCTAssertEqual(try ids("meetup is:all"), ["1", "2"])
        // A re-import that changes a text re-indexes it.
        var edited = Self.fixture(now)[1]
        edited.text = "The gathering moved to Saturday"
        XCTAssertEqual(try put([edited]).updated, 1)
        XCTAssertEqual(try ids("meetup"), [])
        XCTAssertEqual(try ids("saturday"), ["2"])
        XCTAssertEqual(try ids("friday"), [])
    }

    func checkAnEverydayImportIsSearchableAtOnce() throws {
        // Given an everyday import, Then nothing is left to index and catching up finds nothing to do.
        try fill()
        XCTAssertEqual(try store.unindexedCount(), 0)
        var heard: [Int] = []
        XCTAssertEqual(try store.catchUpSearch(batch: 2) { heard.append($0) }, 0)
        XCTAssertEqual(heard, [])
        XCTAssertEqual(try store.catchUpSearch(), 0)
        XCTAssertEqual(try ids("walkthrough"), ["6"])
    }
}
