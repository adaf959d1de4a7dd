import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Tags: added and removed as one action each, found by `tag:`, counted, undone, kept after
/// reopening; imported tags and points are honoured for new items only.
extension StoreConformanceCase {
    func checkTagsAreAddedFoundCountedAndUndone() throws {
        try fill()
        let one = ref(.mastodon, "1"), three = ref(.x, "3")
        XCTAssertEqual(try store.tag(.refs([one, three]), adding: ["press"], removing: [], at: now).changed, [one, three])
        XCTAssertEqual(try store.tag(.refs([three]), adding: ["vip"], removing: [], at: now).changedCount, 1)
        XCTAssertEqual(try store.tag(.refs([three]), adding: ["vip"], removing: [], at: now).changedCount, 0, "tagged already: nothing to do, nothing journaled")
        XCTAssertEqual(try store.item(three)?.mention.tags, ["press", "vip"])
        XCTAssertEqual(try ids("tag:press"), ["1", "3"])
        XCTAssertEqual(try count("tag:press"), 2)
        XCTAssertEqual(try ids("tag:press tag:vip"), ["3"])
        XCTAssertEqual(try ids("-tag:press"), ["2", "4", "5", "6", "7"])
        XCTAssertEqual(try ids("tag:press platform:x"), ["3"])
        XCTAssertEqual(try ids("tag:press meetup"), ["1"], "a tag with words")
        XCTAssertEqual(try store.tagCounts(), [TagCount(tag: "press", count: 2), TagCount(tag: "vip", count: 1)])
        XCTAssertEqual(try store.tag(.refs([one]), adding: [], removing: ["press"], at: now).changedCount, 1)
        XCTAssertEqual(try ids("tag:press"), ["3"])
        try reopen()
        // When undone, Then each tag action comes back off in turn, the item's state untouched.
        let removal = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(removal.kind, .tag)
        XCTAssertEqual(removal.detail, "-press")
        XCTAssertEqual(removal.refs, [one])
        XCTAssertEqual(try ids("tag:press"), ["1", "3"])
        XCTAssertEqual(try store.undoLast()?.detail, "+vip")
        XCTAssertEqual(try store.undoLast()?.count, 2)
        XCTAssertEqual(try store.tagCounts(), [])
        XCTAssertEqual(try store.item(three)?.mention.tags, [])
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6", "7"])
        XCTAssertNil(try store.undoLast())
    }

    func checkTagsOfAViewOfAnsweredItemsAndOfUnknownOnes() throws {
        try fill()
        try store.acknowledge([ref(.mastodon, "2")], at: now)
        let view = try store.tag(.view(QueryParser.parse("is:all platform:mastodon")), adding: ["meetup"], removing: [], at: now)
        XCTAssertEqual(view.changedCount, 3, "every item of the view, the acknowledged one too")
        XCTAssertEqual(try ids("is:all tag:meetup"), ["1", "2", "7"])
        XCTAssertEqual(try ids("tag:meetup"), ["1", "7"], "tag: keeps the query's scope")
        XCTAssertEqual(try store.tag(.refs([ref(.x, "99")]), adding: ["a"], removing: [], at: now).unknown, [ref(.x, "99")])
        _ = try store.undoLast()
        XCTAssertEqual(try store.item(ref(.mastodon, "2"))?.mention.state, .acknowledged(at: now), "undoing a tag leaves the state alone")
        XCTAssertEqual(try ids("is:all tag:meetup"), [])
    }

    func checkImportedTagsAndPointsAreHonouredForNewItemsOnly() throws {
        var tagged = mention("1", minutesAgo: 10)
        tagged.tags = ["press"]
        tagged.priority = 3
        _ = try put([tagged])
        var again = tagged
        again.tags = ["other"]
        again.priority = 9
        _ = try put([again])
        let item = try XCTUnwrap(store.item(tagged.ref))
        XCTAssertEqual(item.mention.tags, ["press"])
        XCTAssertEqual(item.mention.priority, 3)
        XCTAssertEqual(try ids("tag:press"), ["1"])
        XCTAssertNil(try store.undoLast(), "an import is not an action")
    }
}
