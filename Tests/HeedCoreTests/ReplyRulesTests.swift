import HeedCore
import XCTest

/// Counting tables per platform, the tricky cases included.
final class ReplyRulesTests: XCTestCase {
    func count(_ text: String, _ platform: Platform) -> Int { ReplyRules.length(of: text, on: platform).used }

    func testXWeighsLikeTwitterTextV3() {
        let cases: [(String, Int)] = [
            ("hello", 5), ("日本語", 6), ("한국어", 6), ("ok 👍🏽", 5), ("👨‍👩‍👧", 2), ("🇯🇵", 2), ("❤️", 2), ("©", 1),
            ("1️⃣", 2), ("→", 2), ("–", 1), ("e\u{301}", 1), ("see https://example.com/a/very/long/path, ok", 31),
            ("(www.example.org)", 25), ("@jack hi", 8), ("Ωμέγα", 5), ("مرحبا", 5),
        ]
        for (text, weight) in cases { XCTAssertEqual(count(text, .x), weight, text) }
        XCTAssertFalse(ReplyRules.length(of: String(repeating: "a", count: 280), on: .x).isOver)
        XCTAssertTrue(ReplyRules.length(of: String(repeating: "a", count: 281), on: .x).isOver)
        XCTAssertTrue(ReplyRules.length(of: String(repeating: "中", count: 141), on: .x).isOver)
        XCTAssertTrue(ReplyRules.length(of: String(repeating: "a", count: 260), on: .x).isNear)
    }

    func testXCountsWhatTwitterTextFindsAsURLs() {
        let cases: [(String, Int)] = [
            ("visit example.com today", 6 + 23 + 6), ("foo.co.jp and t.co/abc", 23 + 5 + 23),
            ("http://example.comだよね", 23 + 6), ("http://no-tld", 13), ("http://-bad.example.com", 23),
            ("foo.comm", 8), ("long.test.tar.bz2", 17), ("$TVI.CA", 7), ("#test.com", 9),
            ("http://t.co/" + String(repeating: "a", count: 40), 23), ("http://t.co/" + String(repeating: "a", count: 41), 53),
            ("(https://en.wikipedia.org/wiki/Primer_(film))", 25), ("https://example.com/path.", 24),
            ("http://xn--はじめよう.com/x", 11 + 10 + 6), ("twitter.みんな", 23),
        ]
        for (text, weight) in cases { XCTAssertEqual(count(text, .x), weight, text) }
    }

    func testXWeighsEmojiAndMarksAsV3() {
        let cases: [(String, Int)] = [
            ("©", 1), ("©\u{FE0F}", 2), ("®", 1), ("™", 2), ("❤︎", 4), ("❤\u{FE0F}", 2), ("#\u{20E3}", 2), ("#\u{FE0F}\u{20E3}", 2),
            ("\u{FE0F}", 2), ("\u{2066}abc\u{2069}", 7),
        ]
        for (text, weight) in cases { XCTAssertEqual(count(text, .x), weight, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")) }
        XCTAssertFalse(TwitterText.parse("ok\u{FFFF}").isValid)
        XCTAssertFalse(TwitterText.parse("ok\u{FFFE}").isValid)
        XCTAssertTrue(TwitterText.parse("ok \u{202A}abc\u{202C}").isValid)
    }

    func testMastodonCountsURLsAs23AndRemoteMentionsByUser() {
        let cases: [(String, Int)] = [
            ("@alice@example.social hi", 9), ("@bob thanks", 11), ("https://example.com/a/very/long/path", 23),
            ("read https://example.com/x.", 5 + 23 + 1), ("👨‍👩‍👧", 1), ("日本語", 3), ("e\u{301}", 1), ("mail me: a@b", 12),
        ]
        for (text, weight) in cases { XCTAssertEqual(count(text, .mastodon), weight, text) }
        XCTAssertEqual(ReplyRules.length(of: "hi", on: .mastodon, limit: 5_000).limit, 5_000)
    }

    func testBlueskyCountsGraphemesAndBytes() {
        let family = ReplyRules.length(of: "👨‍👩‍👧 hi", on: .bluesky)
        XCTAssertEqual([family.used, family.bytes], [4, 21])
        let heavy = ReplyRules.length(of: String(repeating: "👨‍👩‍👧‍👦", count: 300), on: .bluesky)
        XCTAssertEqual(heavy.used, 300)
        XCTAssertTrue(heavy.isOver)
        XCTAssertEqual(heavy.overReason, "7500/3000 bytes")
        XCTAssertNil(ReplyRules.length(of: String(repeating: "日", count: 300), on: .bluesky).overReason)
    }

    func testEveryPlatformHasALimitAndSaysWhereItComesFrom() {
        for platform in Platform.allCases {
            XCTAssertGreaterThan(ReplyRules.defaultLimit(for: platform), 0)
            XCTAssertFalse(ReplyRules.limitNote(for: platform).isEmpty)
        }
        XCTAssertEqual(count("日本語 😀", .youtube), 5)
    }
}
