import Foundation
import HeedCore
import XCTest

/// Queries matched against an item in memory (rules and targets), as a search finds it; the
/// agreement with a real store is checked on every sample in HeedImportTests.
final class QueryMatchTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_800_000)
    lazy var mention = Mention(platform: .mastodon, id: "1", kind: .reply, author: Author(handle: "alice@example.social", name: "Alice Ümlaut"),
                               text: "Is the e-mail for the Café meetup 東京都 still on? 😍", createdAt: now.addingTimeInterval(-7_200), tags: ["press"])

    func matches(_ line: String) throws -> Bool { try QueryParser.parse(line).matches(mention, now: now) }

    func testFacetsAgesAndTags() throws {
        XCTAssertTrue(try matches("platform:mastodon kind:reply"))
        XCTAssertFalse(try matches("-platform:mastodon"))
        XCTAssertFalse(try matches("kind:dm"))
        XCTAssertTrue(try matches("age>1h age<3h"))
        XCTAssertFalse(try matches("age>2h1m"))
        XCTAssertTrue(try matches("tag:press"))
        XCTAssertFalse(try matches("-tag:press"))
        XCTAssertFalse(try matches("is:snoozed"))
        XCTAssertTrue(try matches("is:all"))
    }

    func testWordsPhrasesAndAuthorsAsTheIndexCutsThem() throws {
        XCTAssertTrue(try matches("meet"), "a word of three letters or more is a prefix")
        XCTAssertFalse(try matches("me"), "shorter words match whole")
        XCTAssertTrue(try matches("cafe"), "accents go")
        XCTAssertTrue(try matches("\"e mail\""), "punctuation separates words")
        XCTAssertTrue(try matches("\"the café\""))
        XCTAssertFalse(try matches("\"café the\""))
        XCTAssertTrue(try matches("京都"), "CJK by pairs")
        XCTAssertTrue(try matches("😍"))
        XCTAssertTrue(try matches("alice"), "a word finds the author too")
        XCTAssertTrue(try matches("from:umlaut"))
        XCTAssertFalse(try matches("from:meetup"), "from: looks at the author only")
        XCTAssertFalse(try matches("-still"))
    }
}
