import Foundation
import HeedCore
import HeedStorage
import XCTest

/// Working as a team on one store: assignment and its search terms, who gave each answer, undo
/// taking back one's own actions only, and a whole store copied record by record.
extension StoreConformanceCase {
    func checkAssignmentIsJournaledSearchedAndUndone() throws {
        // Given the fixture, nothing assigned.
        try fill()
        XCTAssertEqual(try ids("is:unassigned"), ["1", "2", "3", "4", "5", "6", "7"])
        // When two items go to ben and one to the store's own person.
        let two = try store.assign(.refs([ref(.x, "3"), ref(.x, "5")]), to: "ben", at: now)
        XCTAssertEqual(two.changedCount, 2)
        try store.assign(.refs([ref(.bluesky, "4")]), to: store.person, at: now)
        // Then the search terms find them, names compared without case.
        XCTAssertEqual(try store.item(ref(.x, "3"))?.assignee, "ben")
        XCTAssertEqual(try ids("assignee:ben"), ["3", "5"])
        XCTAssertEqual(try ids("assignee:BEN platform:x"), ["3", "5"])
        XCTAssertEqual(try ids("is:mine"), ["4"])
        XCTAssertEqual(try ids("is:unassigned"), ["1", "2", "6", "7"])
        XCTAssertEqual(try count("assignee:ben"), 2)
        XCTAssertTrue(try store.teammates().contains("ben"))
        XCTAssertTrue(try store.teammates().contains(store.person))
        // Assigning to whom it is assigned already changes nothing; an answered item is reported.
        XCTAssertEqual(try store.assign(.refs([ref(.x, "3")]), to: "ben", at: now).changedCount, 0)
        try store.acknowledge([ref(.mastodon, "1")], at: now)
        XCTAssertEqual(try store.assign(.refs([ref(.mastodon, "1")]), to: "ben", at: now).alreadyAnswered, [ref(.mastodon, "1")])
        // When undone (the acknowledge, then the assignments), Then each comes back as it was.
        XCTAssertEqual(try store.undoLast()?.kind, .acknowledge)
        let mine = try XCTUnwrap(store.undoLast())
        XCTAssertEqual([mine.kind], [.assign])
        XCTAssertEqual(mine.refs, [ref(.bluesky, "4")])
        XCTAssertEqual(try ids("is:mine"), [])
        XCTAssertEqual(try store.undoLast()?.count, 2)
        XCTAssertEqual(try ids("is:unassigned"), ["1", "2", "3", "4", "5", "6", "7"])
        // And an assignment to nobody is one too.
        try store.assign(.view(QueryParser.parse("platform:mastodon")), to: "cleo", at: now)
        XCTAssertEqual(try store.assign(.refs([ref(.mastodon, "2")]), to: nil, at: now).changedCount, 1)
        XCTAssertEqual(try ids("assignee:cleo"), ["1", "7"])
    }

    func checkWhoAnsweredIsRecordedAndCounted() throws {
        // Given items answered by the store's person.
        try fillStats()
        let mine = try XCTUnwrap(store.item(ref(.mastodon, "m1")))
        XCTAssertEqual(mine.stateBy, store.person)
        XCTAssertNil(try store.item(ref(.mastodon, "m4"))?.stateBy, "a waiting item was answered by no one")
        // Then the figures per person count their answers and times (as in checkStatsPerPlatformAndAll).
        let people = try store.personStats(since: nil, now: Self.morning)
        XCTAssertEqual(people.map(\.person), [store.person])
        XCTAssertEqual([people[0].answered, people[0].replied, people[0].acknowledged], [4, 2, 2])
        XCTAssertEqual(people[0].medianSeconds, 4_500)
        // An item imported answered was answered by no one named.
        _ = try put([Mention(platform: .x, id: "old", text: "hi", createdAt: Self.morning.addingTimeInterval(-7_200),
                             state: .acknowledged(at: Self.morning.addingTimeInterval(-3_600)))])
        let again = try store.personStats(since: nil, now: Self.morning)
        XCTAssertEqual(again.map(\.person), [store.person, nil])
        XCTAssertEqual(again[1].answered, 1)
        XCTAssertEqual(try store.personStats(since: Self.morning.addingTimeInterval(-2.5 * Self.day), now: Self.morning).first?.answered, 2)
    }

    func checkUndoTakesBackOnesOwnActionsOnly() throws {
        // Given ben's acknowledgement, then the store's person's.
        try fill()
        let ben = try openAgain(store, as: "ben")
        try ben.acknowledge([ref(.x, "3")], at: now)
        XCTAssertEqual(try store.item(ref(.x, "3"))?.stateBy, "ben")
        try store.acknowledge([ref(.x, "5")], at: now)
        // When each undoes, Then each takes back their own, and then has nothing left.
        XCTAssertEqual(try ben.undoLast()?.refs, [ref(.x, "3")])
        XCTAssertEqual(try store.item(ref(.x, "5"))?.mention.state, .acknowledged(at: now))
        XCTAssertEqual(try store.undoLast()?.refs, [ref(.x, "5")])
        XCTAssertNil(try store.undoLast())
        XCTAssertNil(try ben.undoLast())
        XCTAssertEqual(try store.summary().waiting, 7)
    }

    func checkAWholeStoreIsCopiedRecordByRecord() throws {
        // Given a store with states, an assignment, a reply made elsewhere waiting for its item,
        // a discard and undone actions.
        try fill()
        try store.markReplied(ref(.mastodon, "1"), draft: "d1", at: now)
        try store.acknowledge(.refs([ref(.x, "3"), ref(.x, "5")]), at: now)
        try store.snooze(.refs([ref(.bluesky, "4")]), until: now.addingTimeInterval(600), at: now)
        try store.assign(.refs([ref(.youtube, "6")]), to: "ben", at: now)
        try store.reopen(ref(.mastodon, "1"), draft: "d1", at: now)
        try store.undoLast()
        _ = try store.importing(now: now) { try $0.answered(ref(.reddit, "later"), at: now) }
        // When it is copied into an empty store.
        let copy = try makeStore()
        let counts = try copy.copyIn { sink in try store.copyOut { try sink.put($0) } }
        XCTAssertEqual([counts.items, counts.kept, counts.answers, counts.actions], [7, 0, 1, 5])
        // Then every item is there as it was, in the same rank, searchable.
        func whole(_ store: any MentionStore) throws -> [String] {
            try store.list(all: true, limit: nil).map { "\($0.mention.ref) \($0.mention.state) \($0.stateBy ?? "-") \($0.assignee ?? "-") \($0.mention.text)" }
        }
        XCTAssertEqual(try whole(copy), try whole(store))
        XCTAssertEqual(try copy.summary(), try store.summary())
        XCTAssertEqual(try copy.page(QueryParser.parse("meetup is:all"), .first(10), now: now).map(\.mention.id), ["1", "2"])
        XCTAssertEqual(try copy.page(QueryParser.parse("東京 is:all"), .first(10), now: now).map(\.mention.id), ["3"])
        XCTAssertEqual(try copy.page(QueryParser.parse("café is:all"), .first(10), now: now).map(\.mention.id), ["4"])
        // And undo goes on in the copy where it stopped in the original.
        XCTAssertEqual(try copy.undoLast(), try store.undoLast())
        XCTAssertEqual(try whole(copy), try whole(store))
        // And the reply made elsewhere still waits for its item.
        _ = try copy.importing(now: now) { try $0.put(mention("later", minutesAgo: 1, platform: .reddit)) }
        XCTAssertEqual(try copy.item(ref(.reddit, "later"))?.mention.state, .replied(draft: "", at: now))
        // When copied again into the copy, Then everything is kept as it is.
        let again = try copy.copyIn { sink in try store.copyOut { try sink.put($0) } }
        XCTAssertEqual([again.items, again.kept], [0, 7])
    }

    func checkTagsPointsAndRulesAreCopied() throws {
        // Given an import whose rules tagged, gave points and acknowledged, then a tag by hand.
        _ = try store.importing(now: now) { sink in
            try sink.put(mention("1", minutesAgo: 30), ruled: [step(1, [.tag("press")]), step(2, [.acknowledge])], at: now)
            try sink.put(mention("2", minutesAgo: 20), ruled: [step(1, [.tag("press")]), step(3, [.priority(5)])], at: now)
            try sink.put(mention("3", minutesAgo: 10), ruled: [], at: now)
        }
        try store.tag(.refs([ref(.mastodon, "2"), ref(.mastodon, "3")]), adding: ["vip", "ärger"], removing: [], at: now)
        // When it is copied into an empty store.
        let copy = try makeStore()
        let counts = try copy.copyIn { sink in try store.copyOut { try sink.put($0) } }
        XCTAssertEqual([counts.items, counts.actions], [3, 4])
        // Then every item carries its tags and points, found by tag as in the original.
        func marks(_ store: any MentionStore) throws -> [String] {
            try store.list(all: true, limit: nil).map { "\($0.mention.id) \($0.mention.state) \($0.mention.tags) \($0.mention.priority)" }
        }
        XCTAssertEqual(try marks(copy), try marks(store))
        XCTAssertEqual(try copy.tagCounts(), try store.tagCounts())
        XCTAssertEqual(try copy.page(QueryParser.parse("is:all tag:press"), .first(10), now: now).map(\.mention.id), ["1", "2"])
        // And undo goes on in the copy: the hand's tags, then each rule with its label.
        for _ in 0..<4 {
            let (original, copied) = (try store.undoLast(), try copy.undoLast())
            XCTAssertEqual(copied?.detail, original?.detail)
            XCTAssertEqual(copied?.refs, original?.refs)
            XCTAssertEqual(try marks(copy), try marks(store))
        }
        XCTAssertEqual(try copy.tagCounts(), [])
        XCTAssertNil(try copy.undoLast())
    }
}
