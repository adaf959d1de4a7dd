import Foundation
import HeedCore
@testable import HeedPostgres
import HeedStorage
import TestSupport
import XCTest

/// What the others see live: an open composer on an item's row while it lasts (and not after
/// its heed died), and every change announced as it is committed.
final class PresenceAndChangesTests: PostgresStoreCase {
    func testAnOpenComposerIsShownToOthersUntilClosed() throws {
        // Given ana and ben on the fixture.
        try fill()
        let ana = try openAgain(store, as: "ana"), ben = try openAgain(store, as: "ben")
        let three = ref(.x, "3")
        // When ana opens the composer on "3", Then ben sees it on the item and its row; ana does not see herself.
        let before = try ben.othersChanges()
        try ana.composing(three)
        XCTAssertEqual(try ben.item(three)?.composing, "ana")
        XCTAssertEqual(try ben.page(.queue, .first(10), now: now).first { $0.mention.ref == three }?.composing, "ana")
        XCTAssertNil(try ana.item(three)?.composing)
        XCTAssertNotEqual(try ben.othersChanges(), before, "an open composer is a change for the others")
        // When she moves to "5", then closes it, Then it follows.
        try ana.composing(ref(.x, "5"))
        XCTAssertNil(try ben.item(three)?.composing)
        XCTAssertEqual(try ben.item(ref(.x, "5"))?.composing, "ana")
        try ana.composing(nil)
        XCTAssertNil(try ben.item(ref(.x, "5"))?.composing)
    }

    func testAComposerNotHeardFromEnds() throws {
        // Given ana's composer open on "3" and her heed gone silent for longer than the expiry.
        try fill()
        let ana = try openAgain(store, as: "ana")
        try ana.composing(ref(.x, "3"))
        let seen = try store.othersChanges()
        XCTAssertEqual(try store.item(ref(.x, "3"))?.composing, "ana")
        try team.links.with { try $0.execute("UPDATE presence SET seen = now() - interval '\(Presence.expiry + 1) seconds'") }
        // Then nobody sees it any more, and the others' change number says so.
        XCTAssertNil(try store.item(ref(.x, "3"))?.composing)
        XCTAssertNotEqual(try store.othersChanges(), seen)
    }

    func testAnotherHeedsChangeIsHeardWhenCommitted() throws {
        // Given ben listening for changes (heard once when the listener is ready).
        try fill()
        let ana = try openAgain(store, as: "ana")
        let heard = Heard()
        team.whenOthersChange { heard.note() }
        XCTAssertTrue(heard.wait(for: 1), "the listener says once it listens")
        // When ana acknowledges, Then it is heard, and the change is there to read.
        let before = try store.othersChanges()
        try ana.acknowledge([ref(.x, "3")], at: now)
        XCTAssertTrue(heard.wait(for: 2))
        XCTAssertNotEqual(try store.othersChanges(), before)
        XCTAssertEqual(try store.item(ref(.x, "3"))?.stateBy, "ana")
    }
}

/// Counts the calls of a change hook, and waits for them.
final class Heard: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0

    func note() {
        condition.lock()
        count += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Whether `calls` calls came in all, waiting up to ten seconds for them.
    func wait(for calls: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(10)
        while count < calls {
            if !condition.wait(until: deadline) { return count >= calls }
        }
        return true
    }
}
