import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Every action and its undo: refs, threads, whole queries, snoozes and discards; the journal
/// survives opening the store again.
extension StoreConformanceCase {
    func checkAcknowledgeTwiceGivesOneResult() throws {
        _ = try put([mention("1", minutesAgo: 10)])
        let one = ref(.mastodon, "1")
        XCTAssertEqual(try store.acknowledge([one], at: now).changed, [one])
        let second = try store.acknowledge([one], at: now)
        XCTAssertEqual(second.changed, [])
        XCTAssertEqual(second.alreadyAnswered, [one])
        XCTAssertEqual(try store.acknowledge([ref(.x, "9")], at: now).unknown, [ref(.x, "9")])
    }

    func checkUndoRestoresInReverseOrderAndSurvivesReopening() throws {
        // Given an acknowledgement then a reply, and the store opened again.
        _ = try put([mention("1", minutesAgo: 10), mention("2", minutesAgo: 5)])
        try store.acknowledge([ref(.mastodon, "1")], at: now)
        try store.markReplied(ref(.mastodon, "2"), draft: "d7", at: now)
        try reopen()
        // When undone twice, Then the reply goes first, then the acknowledgement, then nothing.
        let reply = try XCTUnwrap(store.undoLast())
        XCTAssertEqual([reply.kind], [.reply])
        XCTAssertEqual(reply.refs, [ref(.mastodon, "2")])
        XCTAssertEqual(reply.drafts, ["d7"])
        XCTAssertEqual(reply.keys, [try XCTUnwrap(store.item(ref(.mastodon, "2"))).key])
        let acknowledge = try XCTUnwrap(store.undoLast())
        XCTAssertEqual([acknowledge.kind], [.acknowledge])
        XCTAssertEqual(acknowledge.refs, [ref(.mastodon, "1")])
        XCTAssertNil(try store.undoLast())
        XCTAssertEqual(try store.summary().waiting, 2)
    }

    func checkAcknowledgeOlderThan() throws {
        _ = try put([mention("1", minutesAgo: 60 * 24 * 40), mention("2", minutesAgo: 60 * 24 * 31), mention("3", minutesAgo: 60)])
        XCTAssertEqual(try store.acknowledge(createdBefore: now.addingTimeInterval(-30 * 86_400), at: now), 2)
        XCTAssertEqual(try store.list(all: false, limit: nil).map(\.mention.id), ["3"])
    }

    func checkSnoozedItemsLeaveAndComeBackAtTheirPlace() throws {
        try fill()
        let until = now.addingTimeInterval(3_600)
        let result = try store.snooze(.refs([ref(.x, "3")]), until: until, at: now)
        XCTAssertEqual(result.changedCount, 1)
        XCTAssertEqual(try waiting(), ["1", "2", "4", "5", "6", "7"])
        XCTAssertEqual(try store.summary().waiting, 6)
        XCTAssertEqual(try store.page(QueryParser.parse("is:snoozed"), .first(10), now: now).map(\.mention.id), ["3"])
        XCTAssertEqual(try store.item(ref(.x, "3"))?.mention.state, .snoozed(until: until))
        XCTAssertEqual(try store.wakeSnoozed(now: now.addingTimeInterval(3_599)), 0)
        XCTAssertEqual(try store.wakeSnoozed(now: until), 1)
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6", "7"], "back at its old place")
        XCTAssertEqual(try store.summary().waiting, 7)
    }

    func checkUndoOfASnooze() throws {
        try fill()
        try store.snooze(.refs([ref(.x, "3")]), until: now.addingTimeInterval(600), at: now)
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.kind, .snooze)
        XCTAssertEqual(undone.refs, [ref(.x, "3")])
        XCTAssertEqual(try store.item(ref(.x, "3"))?.mention.state, .waiting)
    }

    func checkAThreadIsAcknowledgedAsOneActionAndUndoneAsOne() throws {
        try fill()
        try store.snooze(.refs([ref(.mastodon, "7")]), until: now.addingTimeInterval(600), at: now)
        let result = try store.acknowledge(.threads([ref(.mastodon, "2")]), at: now)
        XCTAssertEqual(result.changedCount, 3, "waiting and snoozed items of the conversation")
        XCTAssertEqual(try waiting(), ["3", "4", "5", "6"])
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.count, 3)
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6"])
        XCTAssertEqual(try store.item(ref(.mastodon, "7"))?.mention.state, .snoozed(until: now.addingTimeInterval(600)), "each item back as it was")
        XCTAssertEqual(undone.named.map(\.mention.id), ["1", "2", "7"], "the items put back, read with the undo, in rank order")
        XCTAssertEqual(undone.named.map(\.mention.state), [.waiting, .waiting, .snoozed(until: now.addingTimeInterval(600))], "as they are now")
        XCTAssertEqual(undone.named.map(\.mention.author.handle), ["alice@example.social", "bob@example.social", "carol@example.social"])
        XCTAssertEqual(undone.named.map(\.key), undone.keys)
    }

    func checkAReplyToAThreadAnswersEveryOpenItem() throws {
        try fill()
        let result = try store.markReplied(.threads([ref(.mastodon, "7")]), draft: "d1", at: now)
        XCTAssertEqual(result.changedCount, 3)
        XCTAssertEqual(try store.item(ref(.mastodon, "1"))?.mention.state, .replied(draft: "d1", at: now))
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.kind, .reply)
        XCTAssertEqual(undone.drafts, ["d1"])
        XCTAssertEqual(undone.count, 3)
        XCTAssertNil(try store.undoLast(), "nothing is left to undo")
    }

    func checkAQueryIsAcknowledgedWholeAndComesBackWithOneUndoAfterReopening() throws {
        try fill()
        let result = try store.acknowledge(.view(QueryParser.parse("platform:mastodon,x")), at: now)
        XCTAssertEqual(result.changedCount, 5)
        XCTAssertEqual(try waiting(), ["4", "6"])
        XCTAssertEqual(try store.summary().waiting, 2)
        XCTAssertEqual(try store.summary(QueryParser.parse("platform:mastodon"), now: now).waiting, 0, "per-platform counts follow")
        try reopen()
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.count, 5)
        XCTAssertEqual(try waiting(), ["1", "2", "3", "4", "5", "6", "7"])
        XCTAssertEqual(try store.summary(QueryParser.parse("platform:mastodon"), now: now).waiting, 3)
    }

    func checkASearchIsActedOnAsSearched() throws {
        try fill()
        let result = try store.acknowledge(.view(QueryParser.parse("thursday")), at: now)
        XCTAssertEqual(result.changedCount, 2)
        XCTAssertEqual(try waiting(), ["2", "3", "4", "5", "6"])
    }

    func checkUndoLeavesItemsSomeoneChangedSince() throws {
        try fill()
        try store.acknowledge(.refs([ref(.x, "3"), ref(.x, "5")]), at: now)
        try store.undoLast()
        try store.acknowledge(.refs([ref(.x, "3")]), at: now)
        try store.markReplied(.refs([ref(.x, "5")]), draft: "d9", at: now)
        // Undo the reply, then the second acknowledge: the first acknowledge was undone already.
        XCTAssertEqual(try store.undoLast()?.kind, .reply)
        XCTAssertEqual(try store.undoLast()?.refs, [ref(.x, "3")])
        XCTAssertEqual(try store.undoLast(), nil)
    }

    func checkADiscardReopensTheItemAndIsUndone() throws {
        // Given an item replied with draft d1.
        try fill()
        let four = ref(.bluesky, "4")
        try store.markReplied(four, draft: "d1", at: now)
        // When another draft's discard reopens it, Then nothing changes; when d1's does, it waits again.
        XCTAssertFalse(try store.reopen(four, draft: "d2", at: now))
        XCTAssertFalse(try store.reopen(ref(.bluesky, "99"), draft: "d1", at: now))
        XCTAssertTrue(try store.reopen(four, draft: "d1", at: now))
        XCTAssertEqual(try store.item(four)?.mention.state, .waiting)
        XCTAssertEqual(try store.summary().waiting, 7)
        XCTAssertFalse(try store.reopen(four, draft: "d1", at: now), "only an item still replied with the draft")
        // When the discard is undone, Then the item is replied with d1 again.
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.kind, .discard)
        XCTAssertEqual(undone.drafts, ["d1"])
        XCTAssertEqual(undone.refs, [four])
        XCTAssertEqual(try store.item(four)?.mention.state, .replied(draft: "d1", at: now))
    }

    func checkABulkActionCountsEveryItem() throws {
        // Given 1,001 items older than a day and one newer.
        _ = try put((0..<1_001).map { mention("old\($0)", minutesAgo: 2_000 + Double($0)) } + [mention("new", minutesAgo: 5)])
        // When every item older than a day is acknowledged, Then all are counted, a thousand named.
        let result = try store.acknowledge(.view(QueryParser.parse("age>1d")), at: now)
        XCTAssertEqual(result.changedCount, 1_001)
        XCTAssertEqual(result.changed.count, 1_000)
        XCTAssertEqual(try waiting(), ["new"])
        // And one undo brings them all back, the first thousand named in rank order.
        let undone = try XCTUnwrap(store.undoLast())
        XCTAssertEqual(undone.count, 1_001)
        XCTAssertEqual(undone.refs.count, 1_000)
        XCTAssertEqual(undone.refs.first, ref(.mastodon, "old1000"))
        XCTAssertEqual(try store.summary().waiting, 1_002)
        XCTAssertEqual(try store.acknowledge(createdBefore: now.addingTimeInterval(-86_400), at: now), 1_001)
    }
}
