import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// Response targets and tags on the queue screen, rendered to text and compared line by line:
/// the time left or how late on each row, ages coloured by the target, tags on rows and in
/// the detail pane, the tag prompt with its completion, and undoing a rule.
final class TargetsScreenTests: XCTestCase {
    /// A day for everything, four hours for X, an hour for DMs.
    static func targets(hours: BusinessHours? = nil) throws -> ResponseTargets {
        ResponseTargets(keys: [
            .init(name: "default", query: Query(), seconds: 86_400),
            .init(name: "platform:x", query: try QueryParser.parse("platform:x"), seconds: 14_400),
            .init(name: "kind:dm", query: try QueryParser.parse("kind:dm"), seconds: 3_600),
        ], hours: hours)
    }

    static var items: [Mention] {
        var items = Sample.three
        items[2].kind = .dm
        items[2].text = "is the event free?"
        items[0].tags = ["meetup"]
        items.append(Sample.mention("4", .youtube, handle: "MariaSantos", text: "Great walkthrough", minutesAgo: 20 * 60))
        return items
    }

    func harness(_ mentions: [Mention] = items, tags: [TagCount] = []) throws -> Harness {
        Harness(mentions, settings: Settings(targets: try Self.targets())) { $0.tags = { tags } }
    }

    func testRowsShowTheTimeLeftOrHowLate() throws {
        let harness = try harness()
        XCTAssertEqual(Array(harness.screen.prefix(6)), [
            " heed  4 waiting · oldest 3d 4h                                             1/4",
            "   3d 4h  late 2d   mastodon   alice@example.s… #meetup @you is the meetup sti…",
            "     20h  due 4h    youtube    MariaSantos      Great walkthrough",
            "      5h  late 1h   x          kenji_t          返信ありがとうございます！😀",
            "     12m  due 48m   bluesky    noor.bsky.social is the event free?",
            "",
        ])
        // The age and the label take the target's colour: late by more than the target again,
        // due soon (less than a quarter left), late, fresh.
        let frame = Views.render(harness.state)
        XCTAssertEqual((2...4).map { frame[0, $0].role }, [.ageDue, .ageLate, .ageFresh])
        XCTAssertEqual((2...4).map { frame[10, $0].role }, [.ageDue, .ageLate, .ageFresh])
        XCTAssertEqual(frame[10, 1].role, .selected)
    }

    func testWithoutTargetsRowsAreAsBefore() throws {
        let harness = Harness(Self.items)
        XCTAssertEqual(harness.screen[3], "      5h  x          kenji_t          返信ありがとうございます！😀")
        XCTAssertEqual(Views.render(harness.state)[0, 3].role, .ageLate, "the fixed thresholds: 4 to 24 hours is late")
    }

    func testTheDetailPaneSaysTheTargetPointsAndTags() throws {
        var items = Self.items
        items[0].priority = 5
        let harness = try harness(items)
        XCTAssertEqual(Array(harness.screen[12...15]), [
            "─ Alice @alice@example.social ──────────────────────────────────────────────────",
            " mastodon · mention · 2026-11-17 05:14 UTC · waited 3d 4h",
            " late 2d (target 1d) · priority 5 · #meetup",
            " https://example.social/@alice@example.social/1",
        ])
    }

    func testNarrowScreensKeepTheColourAndDropTheLabel() throws {
        let harness = Harness(Self.items, settings: Settings(targets: try Self.targets()), width: 60)
        XCTAssertEqual(harness.screen[3], "      5h  x          kenji_t      返信ありがとうございます…")
        XCTAssertEqual(Views.render(harness.state)[0, 3].role, .ageLate, "an hour late of four")
    }

    func testTheStatsSayHowItemsFaredAgainstTheirTargets() {
        var stats = StatsViewTests.stats
        let mastodon = TargetFigures(platform: .mastodon, within: 2, answeredLate: 1, openLate: 1), x = TargetFigures(platform: .x, within: 0, answeredLate: 1, openLate: 0)
        let weeks = [WeekTargets(start: Date(timeIntervalSince1970: 1_794_182_400), figures: TargetFigures(platform: nil, within: 1, answeredLate: 0, openLate: 0)),
                     WeekTargets(start: Date(timeIntervalSince1970: 1_794_787_200), figures: TargetFigures(platform: nil, within: 1, answeredLate: 2, openLate: 1))]
        stats.targets = TargetStats(all: TargetFigures(platform: nil, within: 2, answeredLate: 2, openLate: 1), platforms: [mastodon, x], weeks: weeks)
        let lines = StatsView.text(stats)
        let start = lines.firstIndex(of: "Response targets") ?? 0
        XCTAssertEqual(Array(lines[start...].prefix(9)), [
            "Response targets",
            "           within  late  open late  breaches  in target",
            "all             2     2          1         3        40%",
            "mastodon        2     1          1         2        50%",
            "x               0     1          0         1         0%",
            "",
            "                     within  breaches  in target",
            "week of 2026-11-09        1         0       100%",
            "week of 2026-11-16        1         3        25%",
        ])
        XCTAssertGreaterThan(start, lines.firstIndex(of: "Time to answer") ?? .max, "after the times")
    }

    func testBusinessHoursCountOnlyTheirTime() throws {
        // Friday 2026-11-20 09:14 UTC, hours 09:00 to 17:00 UTC: kenji's five hours since
        // Friday 04:14 are 14 minutes of business time.
        let hours = BusinessHours(days: [2, 3, 4, 5, 6], from: 540, to: 1_020, zone: TimeZone(identifier: "UTC")!)
        let harness = Harness(Self.items, settings: Settings(targets: try Self.targets(hours: hours)))
        XCTAssertEqual(harness.screen[3], "      5h  due 3h    x          kenji_t          返信ありがとうございます！😀")
    }

    func testTheTagPromptCompletesAndTags() throws {
        var harness = try harness(tags: [TagCount(tag: "press", count: 12), TagCount(tag: "preview", count: 3), TagCount(tag: "meetup", count: 1)])
        harness.press(.character("t"))
        XCTAssertEqual(Array(harness.screen.suffix(2)), [
            " Tag: ▏  press 12 · preview 3 · meetup 1",
            " Enter tag  Tab complete  Esc cancel  -name removes a tag",
        ])
        harness.type("pr")
        harness.press(.tab)
        XCTAssertEqual(harness.screen[22], " Tag: press▏  press 12")
        harness.press(.tab)
        XCTAssertEqual(harness.screen[22], " Tag: press▏  press 12", "press is the only tag that starts with press")
        harness.press(.backspace, .backspace, .backspace, .tab)
        XCTAssertEqual(harness.screen[22], " Tag: press▏  press 12")
        harness.press(.enter)
        XCTAssertEqual(harness.queue.acts.last, .tag(.refs([Ref(platform: .mastodon, id: "1")]), adding: ["press"], removing: []))
        XCTAssertEqual(harness.said, "Tagged 1 item #press (u undoes)")
        XCTAssertEqual(harness.screen[1], "   3d 4h  late 2d   mastodon   alice@example.s… #meetup #press @you is the mee…")
        // When -meetup is typed, Then the tag comes off; a word that is no tag is refused.
        harness.press(.character("t"))
        harness.type("-meetup")
        harness.press(.enter)
        XCTAssertEqual(harness.said, "Removed #meetup from 1 item (u undoes)")
        harness.press(.character("t"))
        harness.type("a,b")
        harness.press(.enter)
        XCTAssertEqual(harness.screen[22], #" Tag: a,b▏  "a,b" is not a tag: one word of letters, digits, - _ or ., at most …"#)
        harness.press(.escape)
        XCTAssertNil(harness.state.prompt)
    }

    func testMarkedItemsAreTaggedTogether() throws {
        var harness = try harness()
        harness.press(.character("x"), .character("x"), .character("t"))
        harness.type("batch")
        harness.press(.enter)
        XCTAssertEqual(harness.said, "Tagged 2 items #batch (u undoes)")
        XCTAssertTrue(harness.state.marks.isEmpty)
        XCTAssertEqual(harness.queue.all.filter { $0.mention.tags.contains("batch") }.count, 2)
    }

    func testTagIsRefusedWithNothingToTag() {
        var harness = Harness([])
        harness.press(.character("t"))
        XCTAssertEqual(harness.said, "Nothing is waiting")
        XCTAssertNil(harness.state.prompt)
    }

    func testUndoingARuleSaysWhichRule() throws {
        var harness = try harness()
        // Named by author, as every undo names what it put back.
        let item = try XCTUnwrap(harness.queue.all.first { $0.mention.ref == Ref(platform: .mastodon, id: "1") })
        var rule = UndoneAction(kind: .rule, refs: [item.mention.ref], drafts: [], detail: "rule 2 (from:spammer → ack)")
        rule.named = [item]
        harness.send(.undone(rule))
        XCTAssertEqual(harness.said, "Undid rule 2 (from:spammer → ack) on \(item.mention.author.shownName)")
        harness.send(.undone(UndoneAction(kind: .tag, refs: [Ref(platform: .mastodon, id: "1"), Ref(platform: .x, id: "2")], drafts: [], detail: "+press")))
        XCTAssertEqual(harness.said, "Undid the tags +press of 2 items")
    }
}
