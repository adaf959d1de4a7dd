import HeedCore
import XCTest

/// The search line's language: every term, combinations, negation, errors, and the canonical text.
final class QueryTests: XCTestCase {
    private func parse(_ line: String) throws -> Query { try QueryParser.parse(line) }

    func testEmptyLineIsTheQueue() throws {
        XCTAssertTrue(try parse("").isQueue)
        XCTAssertTrue(try parse("   ").isQueue)
    }

    func testEveryTermAtOnce() throws {
        let query = try parse(#"platform:mastodon,bsky kind:dm from:@alice age>4h age<2d "exact phrase" meetup -spam -platform:x -kind:quote"#)
        XCTAssertEqual(query.platforms, [.mastodon, .bluesky])
        XCTAssertEqual(query.excludedPlatforms, [.x])
        XCTAssertEqual(query.kinds, [.dm])
        XCTAssertEqual(query.excludedKinds, [.quote])
        XCTAssertEqual(query.authors, ["alice"])
        XCTAssertEqual(query.olderThan, 4 * 3_600)
        XCTAssertEqual(query.newerThan, 2 * 86_400)
        XCTAssertEqual(query.phrases, ["exact phrase"])
        XCTAssertEqual(query.words, ["meetup"])
        XCTAssertEqual(query.excludedWords, ["spam"])
        XCTAssertTrue(query.usesText)
        XCTAssertEqual(query.text, #"platform:bluesky,mastodon -platform:x kind:dm -kind:quote from:alice age>4h age<2d "exact phrase" meetup -spam"#)
        XCTAssertEqual(try parse(query.text), query, "the canonical text reads back the same")
    }

    func testScopesAndKindsThroughIs() throws {
        XCTAssertEqual(try parse("is:snoozed").scope, .snoozed)
        XCTAssertEqual(try parse("is:answered").scope, .answered)
        XCTAssertEqual(try parse("is:replied").scope, .answered)
        XCTAssertEqual(try parse("is:all").scope, .all)
        XCTAssertEqual(try parse("is:dm").kinds, [.dm])
        XCTAssertEqual(try parse("p:twitter").platforms, [.x])
        XCTAssertEqual(try parse("age>=90m").olderThan, 5_400)
        // Shown as typed, exactly: 30 days are not "4w2d", and 1y 6w 3d keeps its 3 days.
        XCTAssertEqual(try parse("age>30d age<90m").text, "age>30d age<90m")
        XCTAssertEqual(try parse("age>1y6w3d").text, "age>410d")
        XCTAssertEqual(try parse("age>1d12h").text, "age>36h")
        XCTAssertEqual(try parse("age>2w").text, "age>2w")
    }

    func testAssignmentTerms() throws {
        XCTAssertTrue(try parse("is:mine").mine)
        XCTAssertTrue(try parse("is:unassigned").unassigned)
        XCTAssertEqual(try parse("assignee:@ana assigned:ben").assignees, ["ana", "ben"])
        let query = try parse("is:mine kind:dm assignee:ana")
        XCTAssertFalse(query.isQueue)
        XCTAssertFalse(query.usesText)
        XCTAssertEqual(query.text, "kind:dm is:mine assignee:ana")
        XCTAssertEqual(try parse(query.text), query, "the canonical text reads back the same")
        XCTAssertThrowsError(try parse("-assignee:ana")) { XCTAssertEqual("\($0)", "-assignee: is not supported; search assignee:NAME or is:unassigned") }
        XCTAssertThrowsError(try parse("assignee:")) { XCTAssertEqual("\($0)", "assignee: needs a value") }
    }

    func testFacetsAloneNeedNoTextIndex() throws {
        XCTAssertFalse(try parse("platform:x kind:dm age>1d").usesText)
        XCTAssertTrue(try parse("from:bob").usesText)
    }

    func testHalfTypedPhraseStillSearches() throws {
        XCTAssertEqual(try parse(#""half typ"#).phrases, ["half typ"])
        XCTAssertEqual(try parse(#"from:"Alice Smith""#).authors, ["Alice Smith"])
    }

    func testColonsInsideWordsAreWords() throws {
        XCTAssertEqual(try parse("https://example.social").words, ["https://example.social"])
        XCTAssertEqual(try parse("12:40").words, ["12:40"])
        XCTAssertEqual(try parse("東京 café").words, ["東京", "café"])
    }

    func testErrorsNameTheTerm() {
        func message(_ line: String) -> String {
            do {
                _ = try QueryParser.parse(line)
                return "no error"
            } catch {
                return error.description
            }
        }
        XCTAssertTrue(message("platform:myspace").hasPrefix(#"no platform "myspace"; heed knows mastodon"#), message("platform:myspace"))
        XCTAssertTrue(message("kind:like").hasPrefix(#"no kind "like""#))
        XCTAssertEqual(message("age>soon"), "age>soon: write a duration like 90m, 4h, 2d or 1w")
        XCTAssertEqual(message("age:4h"), "write age>4h (waited longer) or age<4h (waited less)")
        XCTAssertEqual(message("platform:"), "platform: needs a value")
        XCTAssertEqual(message("is:maybe"), "is:maybe? write is:waiting, is:snoozed, is:answered, is:all, is:breached, is:mine or is:unassigned")
        XCTAssertEqual(message("-from:bob"), "-from: is not supported; search from:NAME")
    }
}
