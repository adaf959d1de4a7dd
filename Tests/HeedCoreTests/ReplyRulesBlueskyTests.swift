import HeedCore
import XCTest

/// Bluesky's facets: the cases of `rich-text-detection.test.ts` in bluesky-social/atproto, each
/// text cut into its segments as the official `RichText.segments()` does.
final class ReplyRulesBlueskyTests: XCTestCase {
    /// The text cut at the facets: plain parts as `[text]`, facets as `[text, value]` (a mention's
    /// value as the test's resolver gives it, `did:fake:` and the handle).
    func segments(_ text: String) -> [[String]] {
        let bytes = Array(text.utf8)
        func slice(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        var out: [[String]] = []
        var cursor = 0
        for facet in BlueskyRichText.detectFacets(text) where facet.byteStart >= cursor {
            if cursor < facet.byteStart { out.append([slice(cursor, facet.byteStart)]) }
            let value: String
            switch facet.feature {
            case .mention(let handle): value = "did:fake:" + handle
            case .link(let uri): value = uri
            case .tag: value = ""
            }
            out.append([slice(facet.byteStart, facet.byteEnd), value])
            cursor = facet.byteEnd
        }
        if cursor < bytes.count || out.isEmpty { out.append([slice(cursor, bytes.count)]) }
        return out
    }

    func testMentionsAndLinksAsTheOfficialClientFindsThem() {
        let cases: [(String, [[String]])] = [
            ("no mention", [["no mention"]]),
            ("@handle.com middle end", [["@handle.com", "did:fake:handle.com"], [" middle end"]]),
            ("start @handle.com end", [["start "], ["@handle.com", "did:fake:handle.com"], [" end"]]),
            ("start middle @handle.com", [["start middle "], ["@handle.com", "did:fake:handle.com"]]),
            ("@handle.com @handle.com @handle.com", [["@handle.com", "did:fake:handle.com"], [" "], ["@handle.com", "did:fake:handle.com"], [" "],
                                                     ["@handle.com", "did:fake:handle.com"]]),
            ("@full123-chars.test", [["@full123-chars.test", "did:fake:full123-chars.test"]]),
            ("not@right", [["not@right"]]),
            ("@handle.com!@#$chars", [["@handle.com", "did:fake:handle.com"], ["!@#$chars"]]),
            ("@handle.com\n@handle.com", [["@handle.com", "did:fake:handle.com"], ["\n"], ["@handle.com", "did:fake:handle.com"]]),
            ("parenthetical (@handle.com)", [["parenthetical ("], ["@handle.com", "did:fake:handle.com"], [")"]]),
            ("👨‍👩‍👧‍👧 @handle.com 👨‍👩‍👧‍👧", [["👨‍👩‍👧‍👧 "], ["@handle.com", "did:fake:handle.com"], [" 👨‍👩‍👧‍👧"]]),
            ("start https://middle.com end", [["start "], ["https://middle.com", "https://middle.com"], [" end"]]),
            ("start https://middle.com/foo/bar end", [["start "], ["https://middle.com/foo/bar", "https://middle.com/foo/bar"], [" end"]]),
            ("start https://middle.com/foo/bar?baz=bux end",
             [["start "], ["https://middle.com/foo/bar?baz=bux", "https://middle.com/foo/bar?baz=bux"], [" end"]]),
            ("start https://middle.com/foo/bar?baz=bux#hash end",
             [["start "], ["https://middle.com/foo/bar?baz=bux#hash", "https://middle.com/foo/bar?baz=bux#hash"], [" end"]]),
            ("https://start.com/foo/bar?baz=bux#hash middle end",
             [["https://start.com/foo/bar?baz=bux#hash", "https://start.com/foo/bar?baz=bux#hash"], [" middle end"]]),
            ("start middle https://end.com/foo/bar?baz=bux#hash",
             [["start middle "], ["https://end.com/foo/bar?baz=bux#hash", "https://end.com/foo/bar?baz=bux#hash"]]),
            ("https://newline1.com\nhttps://newline2.com",
             [["https://newline1.com", "https://newline1.com"], ["\n"], ["https://newline2.com", "https://newline2.com"]]),
            ("👨‍👩‍👧‍👧 https://middle.com 👨‍👩‍👧‍👧", [["👨‍👩‍👧‍👧 "], ["https://middle.com", "https://middle.com"], [" 👨‍👩‍👧‍👧"]]),
            ("start middle.com end", [["start "], ["middle.com", "https://middle.com"], [" end"]]),
            ("start middle.com/foo/bar end", [["start "], ["middle.com/foo/bar", "https://middle.com/foo/bar"], [" end"]]),
            ("start middle.com/foo/bar?baz=bux end", [["start "], ["middle.com/foo/bar?baz=bux", "https://middle.com/foo/bar?baz=bux"], [" end"]]),
            ("start middle.com/foo/bar?baz=bux#hash end",
             [["start "], ["middle.com/foo/bar?baz=bux#hash", "https://middle.com/foo/bar?baz=bux#hash"], [" end"]]),
            ("start.com/foo/bar?baz=bux#hash middle end",
             [["start.com/foo/bar?baz=bux#hash", "https://start.com/foo/bar?baz=bux#hash"], [" middle end"]]),
            ("start middle end.com/foo/bar?baz=bux#hash",
             [["start middle "], ["end.com/foo/bar?baz=bux#hash", "https://end.com/foo/bar?baz=bux#hash"]]),
            ("newline1.com\nnewline2.com", [["newline1.com", "https://newline1.com"], ["\n"], ["newline2.com", "https://newline2.com"]]),
            ("a example.com/index.php php link", [["a "], ["example.com/index.php", "https://example.com/index.php"], [" php link"]]),
            ("a trailing bsky.app: colon", [["a trailing "], ["bsky.app", "https://bsky.app"], [": colon"]]),
            ("not.. a..url ..here", [["not.. a..url ..here"]]),
            ("e.g.", [["e.g."]]),
            ("something-cool.jpg", [["something-cool.jpg"]]),
            ("website.com.jpg", [["website.com.jpg"]]),
            ("e.g./foo", [["e.g./foo"]]),
            ("website.com.jpg/foo", [["website.com.jpg/foo"]]),
            ("Classic article https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/",
             [["Classic article "], ["https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/",
                                     "https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/"]]),
            ("Classic article https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/ ",
             [["Classic article "], ["https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/",
                                     "https://socket3.wordpress.com/2018/02/03/designing-windows-95s-user-interface/"], [" "]]),
            ("https://foo.com https://bar.com/whatever https://baz.com",
             [["https://foo.com", "https://foo.com"], [" "], ["https://bar.com/whatever", "https://bar.com/whatever"], [" "],
              ["https://baz.com", "https://baz.com"]]),
            ("punctuation https://foo.com, https://bar.com/whatever; https://baz.com.",
             [["punctuation "], ["https://foo.com", "https://foo.com"], [", "], ["https://bar.com/whatever", "https://bar.com/whatever"], ["; "],
              ["https://baz.com", "https://baz.com"], ["."]]),
            ("parenthentical (https://foo.com)", [["parenthentical ("], ["https://foo.com", "https://foo.com"], [")"]]),
            ("except for https://foo.com/thing_(cool)", [["except for "], ["https://foo.com/thing_(cool)", "https://foo.com/thing_(cool)"]]),
        ]
        for (text, expected) in cases { XCTAssertEqual(segments(text), expected, text) }
    }

    /// The tags and their byte ranges, as the test's second table lists them.
    func tags(_ text: String, cashtags: Bool = false) -> [String] {
        BlueskyRichText.detectFacets(text).compactMap { facet in
            guard case .tag(let tag) = facet.feature, tag.hasPrefix("$") == cashtags else { return nil }
            return "\(tag) \(facet.byteStart)-\(facet.byteEnd)"
        }
    }

    func testHashtags() {
        let long = "thisisa64characterstring_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        let cases: [(String, [String])] = [
            ("#a", ["a 0-2"]), ("#a #b", ["a 0-2", "b 3-5"]), ("#1", []), ("#1a", ["1a 0-3"]), ("#tag", ["tag 0-4"]),
            ("body #tag", ["tag 5-9"]), ("#tag body", ["tag 0-4"]), ("body #tag body", ["tag 5-9"]), ("body #1", []),
            ("body #1a", ["1a 5-8"]), ("body #a1", ["a1 5-8"]), ("#", []), ("#?", []), ("text #", []), ("text # text", []),
            ("body #\(long)", ["\(long) 5-70"]), ("body #\(long)b", []), ("body #\(long)!", ["\(long) 5-70"]),
            ("its a #double#rainbow", ["double#rainbow 6-21"]), ("##hashash", ["#hashash 0-9"]), ("##", []),
            ("some #n0n3s@n5e!", ["n0n3s@n5e 5-15"]), ("works #with,punctuation", ["with,punctuation 6-23"]),
            ("strips trailing #punctuation, #like. #this!", ["punctuation 16-28", "like 30-35", "this 37-42"]),
            ("strips #multi_trailing___...", ["multi_trailing 7-22"]),
            ("works with #🦋 emoji, and #butter🦋fly", ["🦋 11-16", "butter🦋fly 28-42"]),
            ("#same #same #but #diff", ["same 0-5", "same 6-11", "but 12-16", "diff 17-22"]),
            ("this #️⃣tag should not be a tag", []), ("this ##️⃣tag should be a tag", ["#️⃣tag 5-16"]),
            ("this #t\nag should be a tag", ["t 5-7"]), ("no match (\\u200B): #\u{200B}", []), ("no match (\\u200Ba): #\u{200B}a", []),
            ("match (a\\u200Bb): #a\u{200B}b", ["a 18-20"]), ("match (ab\\u200B): #ab\u{200B}", ["ab 18-21"]),
            ("no match (\\u20e2tag): #\u{20E2}tag", []), ("no match (a\\u20e2b): #a\u{20E2}b", ["a 21-23"]),
            ("match full width number sign (tag): ＃tag", ["tag 36-42"]), ("match full width number sign (tag): ＃#️⃣tag", ["#️⃣tag 36-49"]),
            ("no match 1?: #1?", []),
        ]
        for (text, expected) in cases { XCTAssertEqual(tags(text), expected, text) }
    }

    func testCashtags() {
        let cases: [(String, [String])] = [
            ("$AAPL", ["$AAPL 0-5"]), ("$aapl", ["$AAPL 0-5"]), ("$A", ["$A 0-2"]), ("$a", ["$A 0-2"]), ("$BTC $ETH", ["$BTC 0-4", "$ETH 5-9"]),
            ("$100", []), ("$GOOGL", ["$GOOGL 0-6"]), ("$TOOLONG", []), ("check $LEGO now", ["$LEGO 6-11"]), ("($GOOG)", ["$GOOG 1-6"]),
            ("$AAPL.", ["$AAPL 0-5"]), ("$AAPL, $MSFT!", ["$AAPL 0-5", "$MSFT 7-12"]), ("no$SPACE", []), ("$", []), ("$ AAPL", []),
            ("$123ABC", []), ("$ABC12", ["$ABC12 0-6"]), ("$ABC123", []),
        ]
        for (text, expected) in cases { XCTAssertEqual(tags(text, cashtags: true), expected, text) }
    }

    func testBareDomainsNeedARealTopLevelDomainAsWritten() {
        XCTAssertEqual(segments("see example.dev"), [["see "], ["example.dev", "https://example.dev"]])
        XCTAssertEqual(segments("see example.notatld"), [["see example.notatld"]])
        XCTAssertEqual(segments("see EXAMPLE.COM"), [["see EXAMPLE.COM"]], "the TLD list is compared as written")
        XCTAssertEqual(segments("日本 https://例え.jp/パス"), [["日本 "], ["https://例え.jp/パス", "https://例え.jp/パス"]])
    }
}
