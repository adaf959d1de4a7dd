import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// The queue of a team, rendered to text: who has a composer open on a row, whom an item is
/// assigned to, the assignment picker, what a second answer is told, and the figures per person.
final class TeamScreenTests: XCTestCase {
    let alice = Ref(platform: .mastodon, id: "1")

    func testRowsShowWhoIsWritingAndWhomItemsAreAssignedTo() {
        var harness = Harness(Sample.three, now: Sample.now)
        var items = harness.state.queue.items
        items[0].composing = "ana"
        items[1].assignee = "ben"
        harness.send(.windowReplaced(items: items, offset: 0, focus: alice))
        XCTAssertEqual(Array(harness.screen[1...3]), [
            "   3d 4h  mastodon   alice@example.s… ✎ ana @you is the meetup still on?",
            "      5h  x          kenji_t          → ben 返信ありがとうございます！😀",
            "     12m  bluesky    noor.bsky.social line one line two safe",
        ])
        XCTAssertEqual(Array(harness.screen[13...15]), [
            " mastodon · mention · 2026-11-17 05:14 UTC · waited 3d 4h",
            " ana is writing a reply",
            " https://example.social/@alice@example.social/1",
        ])
    }

    func testEqualsAssignsFromThePicker() {
        var harness = Harness(Sample.three, now: Sample.now)
        XCTAssertEqual(harness.effects(of: { $0.press(.character("=")) }), [.loadTeammates])
        XCTAssertEqual(Array(harness.screen[12...15]), [" Assign to", "  nobody (unassign)", "  ana", "  ben"])
        XCTAssertEqual(harness.screen.last, " j/k choose  Enter assign  Esc cancel")
        harness.press(.character("j"), .character("j"))
        let assigning = harness.effects(of: { $0.press(.enter) })
        XCTAssertEqual(assigning.first, .act(.assign(.refs([alice]), to: "ben")))
        XCTAssertEqual(harness.said, "Assigned 1 item to ben (u undoes)")
        XCTAssertEqual(harness.state.queue.cursor, 0, "the cursor stays on the item")
        XCTAssertTrue(harness.screen[1].contains("→ ben @you is the meetup"), harness.screen[1])
        XCTAssertEqual(harness.queue.all.first { $0.mention.ref == alice }?.assignee, "ben")
        // Esc leaves the items as they are.
        harness.press(.character("="), .escape)
        XCTAssertNil(harness.state.prompt)
    }

    func testMarkedItemsAreAssignedTogether() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("x"), .character("x"), .character("="), .character("j"))
        let assigning = harness.effects(of: { $0.press(.enter) })
        XCTAssertEqual(assigning.first, .act(.assign(.refs([alice, Ref(platform: .x, id: "2")]), to: "ana")))
        XCTAssertEqual(harness.said, "Assigned 2 items to ana (u undoes)")
        XCTAssertTrue(harness.state.marks.isEmpty)
    }

    func testASecondReplyIsToldWhoAnsweredAndKeepsItsText() {
        var harness = Harness(Sample.three, now: Sample.now) { services in
            services.saveReply = { _, _ in .answeredBy("ana", at: Sample.now.addingTimeInterval(-120)) }
        }
        harness.press(.character("r"))
        harness.type("Yes!")
        harness.press(.control("s"))
        XCTAssertEqual(harness.said, "error: ana answered alice@example.social 2m ago (09:12); this reply was not saved and is still here (Esc leaves)")
        XCTAssertEqual(harness.text, "@alice@example.social Yes!")
    }

    func testAnAcknowledgementThatCameSecondSaysWho() {
        var harness = Harness(Sample.three, now: Sample.now) { services in
            services.act = { _, _ in ActOutcome(changed: 0, alreadyAnswered: 1, answeredBy: "ben", answeredAt: Sample.now.addingTimeInterval(-3_600)) }
        }
        harness.press(.character("a"))
        XCTAssertEqual(harness.said, "error: ben answered alice@example.social 1h ago (08:14); nothing changed")
    }

    func testTheStatsScreenHasEachPersonsFigures() {
        var stats = ResponseStats(now: Sample.now, since: nil, all: AnswerFigures(platform: nil, received: 3, replied: 2, acknowledged: 1, waiting: 0, snoozed: 0,
                                                                            durations: [60, 600, 3_600], unansweredOlder: []),
                                  platforms: [], waitingAges: AgeBucket.empty, days: [])
        stats.people = PersonFigures.ranked([
            PersonFigures(person: "ben", replied: 0, acknowledged: 1, durations: [3_600]),
            PersonFigures(person: "ana", replied: 2, acknowledged: 0, durations: [60, 600]),
        ])
        let lines = StatsView.text(stats, width: 80)
        let start = try? XCTUnwrap(lines.firstIndex(of: "By person"))
        XCTAssertEqual(Array(lines[(start ?? 0)...((start ?? 0) + 3)]), [
            "By person",
            "           answered  replied  acknowledged  median  p90",
            "ana               2        2             0      5m   9m",
            "ben               1        0             1      1h   1h",
        ])
    }
}
