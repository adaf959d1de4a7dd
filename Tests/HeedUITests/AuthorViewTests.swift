import Foundation
import HeedCore
@testable import HeedUI
import Screen
import XCTest

/// The history with one author rendered to text and compared line by line.
final class AuthorViewTests: XCTestCase {
    /// 2026-11-21 09:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_251_600)

    static func item(_ platform: Platform, _ id: String, handle: String, _ text: String, ago: TimeInterval, answered: (replied: Bool, after: TimeInterval)?) -> Mention {
        let created = now.addingTimeInterval(-ago)
        var state = MentionState.waiting
        if let answered {
            let at = created.addingTimeInterval(answered.after)
            state = answered.replied ? .replied(draft: "d" + id, at: at) : .acknowledged(at: at)
        }
        return Mention(platform: platform, id: id, author: Author(handle: handle), text: text, createdAt: created, state: state)
    }

    /// Alice on Mastodon and X: four items, the newest still waiting.
    static var history: AuthorHistory {
        let recent = [
            item(.x, "a4", handle: "alice", "@you any news on the release?", ago: 3 * 3_600, answered: nil),
            item(.mastodon, "a3", handle: "alice@example.social", "thanks, that worked!", ago: 2 * 86_400, answered: (false, 1_200)),
            item(.x, "a2", handle: "Alice", "is the meetup still on? I'd like to bring two friends from the climbing club", ago: 5 * 86_400, answered: (true, 7_500)),
            item(.mastodon, "a1", handle: "alice@example.social", "first time here, hello", ago: 21 * 86_400, answered: (true, 100_800)),
        ]
        return AuthorHistory(identities: [Identity(platform: .mastodon, handle: "alice@example.social"), Identity(platform: .x, handle: "alice")],
                             asOf: now, total: 4, replied: 2, acknowledged: 1, waiting: 1, snoozed: 0, timed: 3, medianSeconds: 7_500,
                             firstAt: now.addingTimeInterval(-21 * 86_400), recent: recent, lastAnswered: recent[1])
    }

    func screen(_ history: AuthorHistory?, scroll: Int = 0, width: Int = 80, height: Int = 24) -> [String] {
        var buffer = ScreenBuffer(width: width, height: height)
        AuthorView.render(history, name: "alice", scroll: scroll, width: width, height: height, now: Self.now, settings: Settings(), into: &buffer)
        return buffer.lines().map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    func testAt80x24() {
        XCTAssertEqual(screen(Self.history), [
            " heed  history with alice",
            " Accounts: mastodon:alice@example.social · x:alice",
            "",
            " They wrote 4 times, first on 2026-10-31 09:00 UTC. Answered 3 (75%): 2",
            " replied, 1 acknowledged. 1 waiting.",
            " Median time to answer: 2h 5m (of 3 answered with a known time).",
            "",
            " Last exchange",
            " They wrote on x, 2026-11-21 06:00 UTC: @you any news on the release?",
            " Not answered yet: waiting for 3h.",
            " Before that, on mastodon, 2026-11-19 09:00 UTC: thanks, that worked!",
            " You acknowledged it 20m later (2026-11-19 09:20 UTC).",
            "",
            " Recent  newest first",
            "      3h  waiting          x          @you any news on the release?",
            "      2d  acked in 20m     mastodon   thanks, that worked!",
            "      5d  replied in 2h 5m x          is the meetup still on? I'd like to brin…",
            "      3w  replied in 1d 4h mastodon   first time here, hello",
            "",
            "",
            "",
            "",
            "",
            "",
        ])
    }

    func testTheLastItemAnsweredNeedsNoEarlierOne() {
        var history = Self.history
        history.recent.removeFirst()
        history.waiting = 0
        history.total = 3
        let lines = screen(history)
        XCTAssertEqual(Array(lines[7...10]), [
            " Last exchange",
            " They wrote on mastodon, 2026-11-19 09:00 UTC: thanks, that worked!",
            " You acknowledged it 20m later (2026-11-19 09:20 UTC).",
            "",
        ])
    }

    func testSomeoneNewAndCounting() {
        let empty = AuthorHistory(identities: [Identity(platform: .bluesky, handle: "@noor.bsky.social")], asOf: Self.now, total: 0, replied: 0, acknowledged: 0,
                                  waiting: 0, snoozed: 0, timed: 0, medianSeconds: nil, firstAt: nil, recent: [], lastAnswered: nil)
        XCTAssertEqual(Array(screen(empty).prefix(5)), [" heed  history with alice", " Accounts: bluesky:noor.bsky.social", "", " Nothing from them in the store.", ""])
        XCTAssertEqual(Array(screen(nil).prefix(4)), [" heed  history with alice", "", " Counting…", ""])
    }

    func testNothingOverflowsAt40x10() {
        let end = AuthorView.maxScroll(Self.history, width: 40, height: 10, now: Self.now, settings: Settings())
        XCTAssertGreaterThan(end, 0)
        for scroll in 0...end {
            let lines = screen(Self.history, scroll: scroll, width: 40, height: 10)
            XCTAssertTrue(lines.allSatisfy { Glyphs.width($0) <= 39 }, "scroll \(scroll): \(lines)")
            XCTAssertEqual(lines[8...9], ["", ""])
        }
        XCTAssertEqual(screen(Self.history, scroll: end, width: 40, height: 10)[2...7], [
            "",
            " Recent  newest first",
            "      3h  waiting          @you any ne…",
            "      2d  acked in 20m     thanks, tha…",
            "      5d  replied in 2h 5m is the meet…",
            "      3w  replied in 1d 4h first time …",
        ], "the platform column makes way below 60 columns")
    }

    /// While the search index catches up with a large import, the history says it may be short,
    /// and the queue's detail pane leaves its author line out.
    func testAHistoryCountedSoFarSaysSo() {
        var history = Self.history
        history.complete = false
        XCTAssertEqual(Array(screen(history)[2...5]), [
            "",
            " Counted so far: their items are found through the search index, which is still",
            " taking in a large import.",
            "",
        ])
        var detail = ScreenBuffer(width: 80, height: 8)
        let item = QueueItem(key: RankKey(createdAt: 0, row: 1), mention: history.recent[0])
        DetailView.render(item, author: AuthorLine(ref: item.mention.ref, history: history, loading: false), now: Self.now, top: 0, height: 8, into: &detail)
        XCTAssertFalse(detail.lines().contains { $0.contains("They wrote") })
        history.complete = true
        detail = ScreenBuffer(width: 80, height: 8)
        DetailView.render(item, author: AuthorLine(ref: item.mention.ref, history: history, loading: false), now: Self.now, top: 0, height: 8, into: &detail)
        XCTAssertTrue(detail.lines().contains { $0.hasPrefix(" They wrote 4 times · answered 3 (75%), in 2h 5m by median") }, detail.lines().joined(separator: "\n"))
    }

    /// While the line loads the pane keeps its row free: the text does not move when it comes.
    func testTheAuthorLineKeepsItsRowWhileItLoads() {
        let item = QueueItem(key: RankKey(createdAt: 0, row: 1), mention: Self.history.recent[0])
        func rows(_ line: AuthorLine) -> [String] {
            var buffer = ScreenBuffer(width: 60, height: 7)
            DetailView.render(item, author: line, now: Self.now, top: 0, height: 7, into: &buffer)
            return buffer.lines().map { String($0.reversed().drop { $0 == " " }.reversed()) }
        }
        let loading = rows(AuthorLine(ref: item.mention.ref, history: nil, loading: true))
        let loaded = rows(AuthorLine(ref: item.mention.ref, history: Self.history, loading: false))
        XCTAssertEqual(loading[2], "")
        XCTAssertTrue(loaded[2].hasPrefix(" They wrote 4 times"), loaded[2])
        XCTAssertEqual(loading.firstIndex { $0.contains("any news on the release") }, loaded.firstIndex { $0.contains("any news on the release") })
    }
}
