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
