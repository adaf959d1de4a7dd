import HeedCore
import XCTest

/// The search line's terms for tags and response targets: `tag:NAME`, `-tag:NAME`,
/// `is:breached`, `due<1h`, `due>2h`, read, refused and written back.
final class TargetTermsTests: XCTestCase {
    private func parse(_ line: String) throws -> Query { try QueryParser.parse(line) }

    func testTagsAreReadLowercasedAndWrittenBack() throws {
        let query = try parse("tag:Press -tag:#spam tag:vip")
        XCTAssertEqual(query.tags, ["press", "vip"])
        XCTAssertEqual(query.excludedTags, ["spam"])
        XCTAssertEqual(query.text, "tag:press tag:vip -tag:spam")
        XCTAssertEqual(try parse(query.text), query)
        XCTAssertFalse(query.usesText, "tags are not words of the text")
    }

    func testDueTermsAreReadAndWrittenBack() throws {
        let query = try parse("is:breached due<1h due>=30m kind:dm")
        XCTAssertTrue(query.breached)
        XCTAssertEqual(query.dueWithin, 3_600)
        XCTAssertEqual(query.dueBeyond, 1_800)
        XCTAssertTrue(query.usesTargets)
        XCTAssertEqual(query.scope, .waiting, "is:breached is not a scope")
        XCTAssertEqual(query.text, "kind:dm is:breached due<1h due>30m")
        XCTAssertEqual(try parse(query.text), query)
        XCTAssertTrue(try parse("is:late").breached)
        XCTAssertFalse(try parse("kind:dm").usesTargets)
    }

    func testBadTermsSayWhatToWrite() {
        func message(_ line: String) -> String {
            do {
                _ = try QueryParser.parse(line)
                return "no error"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message("tag:two words"), "no error", "a tag is one word; the second is a word of the search")
        XCTAssertEqual(message("tag:a,b"), #""a,b" is not a tag: one word of letters, digits, - _ or ., at most 40 characters"#)
        XCTAssertEqual(message("tag:"), "tag: needs a value")
        XCTAssertEqual(message("due<soon"), "due<soon: write a duration like 30m, 1h or 2d")
        XCTAssertEqual(message("due:1h"), "write due<1h (less left than that) or due>1h (more left)")
    }
}
