import Foundation
import HeedCore
import HeedStore
import XCTest

/// Views on a real store: search (words, phrases, CJK, emoji, accents, authors), facets, paging
/// by key, and what keeps the search index true (re-imports, bulk imports).
final class ViewStoreTests: XCTestCase {
    var folder: URL!
    var store: Store!
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-views-\(UUID().uuidString)")
        store = try Store(path: folder.appendingPathComponent("heed.sqlite").path)
        _ = try put(Self.fixture(now))
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: folder)
    }

    static func fixture(_ now: Date) -> [Mention] {
        func m(_ id: String, _ platform: Platform, _ kind: MentionKind, _ handle: String, _ name: String?, _ text: String, hours: Double, conversation: String? = nil) -> Mention {
            Mention(platform: platform, id: id, kind: kind, author: Author(handle: handle, name: name), text: text,
                    createdAt: now.addingTimeInterval(-hours * 3_600), conversation: conversation)
        }
        return [
            m("1", .mastodon, .mention, "alice@example.social", "Alice", "Is the meetup on Thursday still on?", hours: 50, conversation: "c1"),
            m("2", .mastodon, .reply, "bob@example.social", "Bob", "The meetup moved to Friday", hours: 30, conversation: "c1"),
            m("3", .x, .mention, "kenji_t", "田中健二", "東京のイベントはいつですか？", hours: 20),
            m("4", .bluesky, .dm, "noor.bsky.social", nil, "Love the new release 😍 café crème", hours: 6),
            m("5", .x, .dm, "alice_x", "Alice", "Private question about pricing", hours: 3),
            m("6", .youtube, .comment, "@MariaSantos", "María Santos", "Great walkthrough, the export step was unclear", hours: 1, conversation: "v1"),
            m("7", .mastodon, .reply, "carol@example.social", "Carol", "Thursday works for me", hours: 0.5, conversation: "c1"),
        ]
    }

    func put(_ mentions: [Mention], bulkAfter: Int? = nil) throws -> ImportCounts {
        try store.importing(now: now) { sink in for m in mentions { try sink.put(m) } }
    }

    func ids(_ search: String) throws -> [String] {
        try store.page(QueryParser.parse(search), .first(100), now: now).map(\.mention.id)
    }

    func count(_ search: String) throws -> Int {
        try store.summary(QueryParser.parse(search), now: now).waiting
    }

    func testWordsMatchAsPrefixesInTextAndAuthors() throws {
        XCTAssertEqual(try ids("meetup"), ["1", "2"])
        XCTAssertEqual(try ids("meet"), ["1", "2"], "a word matches as a prefix while typing")
        XCTAssertEqual(try ids("thursday"), ["1", "7"], "case does not matter")
        XCTAssertEqual(try ids("alice"), ["1", "5"], "names and handles are searched")
        XCTAssertEqual(try ids("meetup friday"), ["2"], "words combine with AND")
        XCTAssertEqual(try ids("meetup -friday"), ["1"])
        XCTAssertEqual(try count("meetup"), 2)
    }

    func testPhrasesMatchWordForWord() throws {
        XCTAssertEqual(try ids(#""moved to friday""#), ["2"])
        XCTAssertEqual(try ids(#""to moved""#), [])
    }

    func testChineseJapaneseEmojiAndAccents() throws {
        XCTAssertEqual(try ids("東京"), ["3"], "a CJK run is found inside a longer run")
        XCTAssertEqual(try ids("イベント"), ["3"])
        XCTAssertEqual(try ids("田中"), ["3"], "CJK names too")
        XCTAssertEqual(try ids("京東"), [], "characters in the typed order only")
        XCTAssertEqual(try ids("😍"), ["4"])
        XCTAssertEqual(try ids("cafe creme"), ["4"], "accents fold")
        XCTAssertEqual(try ids("maria"), ["6"])
    }

    /// Runs without spaces are indexed as pairs of characters: any piece of a run is found,
    /// one character as well, in the typed order only, beside Latin words in a phrase too.
    func testRunsOfCJKThaiAndHangulAreFoundPieceByPiece() throws {
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

    func testAuthorsFacetsAndAges() throws {
        XCTAssertEqual(try ids("from:alice"), ["1", "5"])
        XCTAssertEqual(try ids("from:alice platform:x"), ["5"])
        XCTAssertEqual(try ids("platform:mastodon"), ["1", "2", "7"])
        XCTAssertEqual(try count("platform:mastodon"), 3, "a platform's count is maintained")
        XCTAssertEqual(try ids("-platform:mastodon"), ["3", "4", "5", "6"])
        XCTAssertEqual(try ids("kind:dm"), ["4", "5"])
        XCTAssertEqual(try ids("age>10h"), ["1", "2", "3"])
        XCTAssertEqual(try ids("age<2h"), ["6", "7"])
        XCTAssertEqual(try ids("kind:reply age>1h platform:mastodon"), ["2"])
        let summary = try store.summary(QueryParser.parse("kind:dm"), now: now)
        XCTAssertEqual(summary.oldest, now.addingTimeInterval(-6 * 3_600))
    }

    func testViewsPageByKeyAndLocateTheirItems() throws {
        for query in [try QueryParser.parse("platform:mastodon,x,bluesky"), try QueryParser.parse("the")] {
            let all = try store.page(query, .first(100), now: now)
            let first = try store.page(query, .first(2), now: now)
            let next = try store.page(query, .after(first[1].key, 2), now: now)
            let last = try store.page(query, .last(2), now: now)
            let before = try store.page(query, .before(last[0].key, 2), now: now)
            XCTAssertEqual((first + next).map(\.mention.id), Array(all.prefix(4)).map(\.mention.id), "\(query.text)")
            XCTAssertEqual(last.map(\.mention.id), Array(all.suffix(2)).map(\.mention.id))
            XCTAssertEqual((before + last).map(\.mention.id), Array(all.suffix(4)).map(\.mention.id))
            for (rank, item) in all.enumerated() {
                XCTAssertEqual(try store.rank(of: item.key, in: query, now: now), rank)
                XCTAssertTrue(try store.contains(item.key, in: query, now: now))
            }
        }
        let five = try XCTUnwrap(store.item(Ref(platform: .x, id: "5")))
        XCTAssertFalse(try store.contains(five.key, in: QueryParser.parse("platform:mastodon"), now: now))
    }

    func testAnsweredItemsLeaveWaitingViewsAndSearchFollowsChanges() throws {
        try store.acknowledge([Ref(platform: .mastodon, id: "1")], at: now)
        XCTAssertEqual(try ids("meetup"), ["2"], "the kept result list was dropped by the write")
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

    func testBulkImportsAreSearchableAndCounted() throws {
        var many: [Mention] = []
        for index in 0..<40_000 {
            let platform: Platform = index % 2 == 0 ? .reddit : .github
            let text = index % 1_000 == 0 ? "needle number \(index)" : "hay \(index)"
            let created = now.addingTimeInterval(-Double(index))
            many.append(Mention(platform: platform, id: "b\(index)", author: Author(handle: "bulk\(index % 50)"), text: text, createdAt: created))
        }
        XCTAssertEqual(try put(many).imported, 40_000)
        XCTAssertEqual(try store.unindexedCount(), 0)
        XCTAssertEqual(try count("needle"), 40)
        XCTAssertEqual(try count("platform:reddit"), 20_000)
        XCTAssertEqual(try count("platform:github needle"), 0)
        XCTAssertEqual(try store.summary().waiting, 40_007)
        let counts = Dictionary(uniqueKeysWithValues: try store.platformCounts().map { ($0.platform, $0.waiting) })
        XCTAssertEqual(counts[.reddit], 20_000)
        // "hay" matches most of the store: "30,000+" at once, the exact count after, pages in rank order.
        let hay = try QueryParser.parse("hay")
        let estimate = try store.summary(hay, now: now)
        XCTAssertFalse(estimate.exact)
        XCTAssertEqual(estimate.waiting, 30_000)
        XCTAssertEqual(try store.exactCount(hay, now: now), 39_960)
        let first = try store.page(hay, .first(100), now: now)
        XCTAssertEqual(first.map(\.key), first.map(\.key).sorted())
        XCTAssertEqual(first.first?.mention.id, "b39999")
        let next = try store.page(hay, .after(first[99].key, 100), now: now)
        XCTAssertTrue(next.allSatisfy { $0.key > first[99].key && $0.mention.text.hasPrefix("hay") })
        XCTAssertEqual(try store.rank(of: next[0].key, in: hay, now: now), 100)
        XCTAssertEqual(counts[.mastodon], 3)
        // A facet view past the limit: "30,000+" at once, counted exactly after.
        let notMastodon = try QueryParser.parse("-platform:mastodon")
        XCTAssertEqual(try store.summary(notMastodon, now: now), QueueSummary(waiting: 30_000, oldest: now.addingTimeInterval(-20 * 3_600), exact: false))
        XCTAssertEqual(try store.exactCount(notMastodon, now: now), 40_004)
    }

    func testThreadsListTheConversationAndCountOpenItems() throws {
        let thread = try store.thread(of: Ref(platform: .mastodon, id: "2"))
        XCTAssertEqual(thread.map(\.mention.id), ["1", "2", "7"])
        let page = try store.page(.queue, .first(10), now: now)
        XCTAssertEqual(page.first { $0.mention.id == "1" }?.thread, 3)
        XCTAssertEqual(page.first { $0.mention.id == "3" }?.thread, 1)
        try store.acknowledge([Ref(platform: .mastodon, id: "7")], at: now)
        XCTAssertEqual(try store.page(.queue, .first(10), now: now).first { $0.mention.id == "1" }?.thread, 2)
        XCTAssertEqual(try store.thread(of: Ref(platform: .x, id: "3")).map(\.mention.id), ["3"], "no conversation: the item alone")
    }
}

extension ViewStoreTests {
    func testThreadCountsLookEachConversationUpByIndex() throws {
        let plan = try store.explain("""
            SELECT v.column1, v.column2, COUNT(*) FROM (VALUES ('x', 'c1'), ('mastodon', 'c2')) AS v
            CROSS JOIN mention m ON m.platform = v.column1 AND m.conversation = v.column2
            WHERE m.state IN ('waiting', 'snoozed') GROUP BY 1, 2
            """)
        XCTAssertTrue(plan.contains("SEARCH m USING INDEX mention_thread (platform=? AND conversation=?)"), plan)
        XCTAssertFalse(plan.contains("SCAN mention"), plan)
    }
}
