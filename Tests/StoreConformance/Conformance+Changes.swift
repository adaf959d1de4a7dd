import Foundation
import HeedCore
import HeedStorage
import XCTest

/// What another heed on the same data sees: its changes are noticed, kept query results are
/// forgotten on request; and failures are explained in the store's words.
extension StoreConformanceCase {
    func checkOthersChangesAreNoticed() throws {
        // Given two stores on the same data.
        try fill()
        let other = try openAgain(store)
        let before = try store.othersChanges()
        // When this store writes, Then it does not count as someone else's change.
        try store.acknowledge([ref(.x, "3")], at: now)
        XCTAssertEqual(try store.othersChanges(), before)
        // When the other writes, Then this store notices, and sees the change.
        try other.acknowledge([ref(.x, "5")], at: now)
        let after = try store.othersChanges()
        XCTAssertNotEqual(after, before)
        XCTAssertEqual(try store.othersChanges(), after, "noticed once")
        XCTAssertEqual(try store.item(ref(.x, "5"))?.mention.state, .acknowledged(at: now))
        XCTAssertEqual(try store.summary().waiting, 5)
    }

    func checkCachedQueriesAreForgottenOnRequest() throws {
        // Given a search this store has run.
        try fill()
        let other = try openAgain(store)
        XCTAssertEqual(try ids("meetup"), ["1", "2"])
        // When another heed answers one of its items and this store is told to forget,
        // Then the search is run again.
        try other.acknowledge([ref(.mastodon, "1")], at: now)
        store.forgetCachedQueries()
        XCTAssertEqual(try ids("meetup"), ["2"])
        XCTAssertEqual(try count("meetup"), 1)
        XCTAssertEqual(try store.rank(of: XCTUnwrap(store.item(ref(.mastodon, "2"))).key, in: QueryParser.parse("meetup"), now: now), 0)
    }

    func checkFailuresAreExplained() throws {
        struct Odd: Error, CustomStringConvertible { var description: String { "an odd failure" } }
        let known = StoreError("already in words")
        XCTAssertEqual(store.explaining(known).description, "already in words")
        XCTAssertTrue(store.explaining(Odd()).description.contains("an odd failure"), store.explaining(Odd()).description)
    }
}
