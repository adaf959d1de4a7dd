import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Fetched pages: mentions, answers given elsewhere and cursors in one transaction, so a page
/// that fails leaves neither its items nor a moved cursor.
extension StoreConformanceCase {
    func checkAFetchedPageKeepsItsCursorsWithItsItems() throws {
        XCTAssertEqual(try store.cursors(account: "mastodon:me"), [:])
        let page = try store.fetching(account: "mastodon:me", now: now) { sink in
            try sink.put(self.mention("1", minutesAgo: 30))
            try sink.put(self.mention("2", minutesAgo: 20))
            sink.skip()
            sink.setCursor("min_id", to: "2")
        }
        XCTAssertEqual([page.counts.imported, page.counts.skipped, page.answeredElsewhere], [2, 1, 0])
        XCTAssertEqual(try store.cursors(account: "mastodon:me"), ["min_id": "2"])
        XCTAssertEqual(try store.cursors(account: "bluesky:me"), [:], "cursors are kept per account")
        XCTAssertEqual(try store.summary().waiting, 2)

        struct Dropped: Error {}
        XCTAssertThrowsError(try store.fetching(account: "mastodon:me", now: now) { sink in
            try sink.put(self.mention("3", minutesAgo: 10))
            sink.setCursor("min_id", to: "3")
            throw Dropped()
        })
        XCTAssertNil(try store.item(ref(.mastodon, "3")), "nothing of a failed page is kept")
        XCTAssertEqual(try store.cursors(account: "mastodon:me"), ["min_id": "2"], "nor its cursor")

        try store.forgetCursors(account: "mastodon:me")
        XCTAssertEqual(try store.cursors(account: "mastodon:me"), [:])
        XCTAssertEqual(try store.summary().waiting, 2, "forgetting cursors keeps the items")
    }

    func checkAnswersGivenElsewhereAnswerItemsAndConversations() throws {
        var first = mention("1", minutesAgo: 50)
        first.conversation = "c-1"
        var second = mention("2", minutesAgo: 40)
        second.conversation = "c-1"
        var later = mention("3", minutesAgo: 5)
        later.conversation = "c-1"
        _ = try put([first, second, later, mention("4", minutesAgo: 30)])
        try store.snooze(.refs([ref(.mastodon, "4")]), until: now.addingTimeInterval(3600), at: now)
        let answered = now.addingTimeInterval(-20 * 60)
        let page = try store.fetching(account: "mastodon:me", now: now) { sink in
            try sink.answered(self.ref(.mastodon, "4"), at: answered)
            try sink.answered(self.ref(.mastodon, "9"), at: answered)
            sink.answered(conversation: ["c-1"], on: .mastodon, at: answered)
        }
        XCTAssertEqual(page.answeredElsewhere, 3, "the snoozed item and the two items of the conversation that came before the answer")
        XCTAssertEqual(try store.item(ref(.mastodon, "3"))?.mention.state, .waiting, "what came after the answer still waits")
        XCTAssertEqual(try store.item(ref(.mastodon, "4"))?.mention.state.isWaiting, false)
        _ = try put([mention("9", minutesAgo: 25)])
        XCTAssertEqual(try store.item(ref(.mastodon, "9"))?.mention.state.isWaiting, false, "an answer to an item not fetched yet marks it when it arrives")
        XCTAssertEqual(try store.summary().waiting, 1)
    }
}
