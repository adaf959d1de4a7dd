import HeedCore
import XCTest

/// Mastodon's counting: the cases of its own `StatusLengthValidator` spec (limit 500), then what
/// its link and mention finders make of other texts.
final class ReplyRulesMastodonTests: XCTestCase {
    func count(_ text: String) -> Int { ReplyRules.length(of: text, on: .mastodon).used }
    func isOver(_ text: String) -> Bool { ReplyRules.length(of: text, on: .mastodon, limit: 500).isOver }
    func a(_ n: Int) -> String { String(repeating: "a", count: n) }
    func b(_ n: Int) -> String { String(repeating: "b", count: n) }

    // MARK: - spec/validators/status_length_validator_spec.rb

    func testTextOverTheLimitIsRefused() {
        XCTAssertTrue(isOver(a(501)))
        XCTAssertFalse(isOver(a(500)))
    }

    func testURLsCount23Flat() {
        let text = a(500 - 1 - 23) + " http://\(b(30)).com/example"
        XCTAssertEqual(count(text), 500)
        XCTAssertFalse(isOver(text))
    }

    func testURLsMastodonWouldNotLinkCountInFull() {
        let text = a(476) + "http://\(b(30)).com/example"
        XCTAssertEqual(count(text), text.count)
        XCTAssertTrue(isOver(text))
    }

    func testOverlyLongURLsCountInFull() {
        let text = "http://example.com/valid?" + String(repeating: "#foo?", count: 1000)
        XCTAssertEqual(count(text), text.count)
        XCTAssertTrue(isOver(text))
    }

    func testRemoteUsernamesCountOnlyTheirFrontPart() {
        let text = a(500 - 1 - 6) + " @alice@\(b(30)).com"
        XCTAssertEqual(count(text), 500)
        XCTAssertFalse(isOver(text))
    }

    func testRemoteUsernamesWithOverlyLongDomainsCountInFull() {
        let text = "@alice@\(b(500)).com"
        XCTAssertEqual(count(text), 511)
        XCTAssertTrue(isOver(text))
    }

    // MARK: - What Mastodon links

    func testOnlyURLsWithAProtocolAreLinks() {
        XCTAssertEqual(count("see example.com"), 15, "Mastodon links no bare domain")
        XCTAssertEqual(count("see https://example.com/a/very/long/path"), 4 + 23)
        XCTAssertEqual(count("gemini://example.com/capsule and ipfs://example.org"), 23 + 5 + 23)
        XCTAssertEqual(count("ftp://example.com/file"), 22, "not a protocol Mastodon links")
    }

    func testALinkEndsWhereTheGrammarEnds() {
        XCTAssertEqual(count("http://example.comだよね"), 23 + 3)
        XCTAssertEqual(count("(https://en.wikipedia.org/wiki/Primer_(film))"), 1 + 23 + 1)
        XCTAssertEqual(count("read https://example.com/x."), 5 + 23 + 1)
        XCTAssertEqual(count("https://example.com/日本語のページ です"), 23 + 3, "any non-space character continues a path")
    }

    func testInvalidHostsAreNotLinks() {
        XCTAssertEqual(count("http://no-tld"), 13)
        XCTAssertEqual(count("http://\(a(64)).com"), 7 + 64 + 4, "a label over 63 characters")
        XCTAssertEqual(count("https://☃.net/"), 23)
        XCTAssertEqual(count("https://t.co/" + a(41)), 13 + 41, "a t.co slug over 40 characters")
    }

    func testMentionsAndTheirLimits() {
        XCTAssertEqual(count("@alice@example.social hi"), 9)
        XCTAssertEqual(count("@alice@example.social."), 7)
        XCTAssertEqual(count("mail a@b.com"), 12, "an address is not a mention")
        XCTAssertEqual(count("@alice@ex.social@x"), 18, "a mention may not run into another @")
    }

    func testWhiteSpaceAloneCountsNothing() {
        XCTAssertEqual(count("  \n "), 0)
        XCTAssertEqual(count(" 👨‍👩‍👧 "), 3)
    }
}
