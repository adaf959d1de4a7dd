import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// `F` and `[fetch] every`: a fetch in the background, its progress on the status row, its
/// result after, and the new items in the queue with the cursor left where it was.
final class FetchKeyTests: XCTestCase {
    /// A fetch service that reports what the test scripts, one report a poll.
    final class FakeFetch: @unchecked Sendable {
        var started = 0
        var reports: [FetchReport] = []
        var onStart: () -> Void = {}

        func install(_ services: inout Services) {
            services.startFetch = {
                self.started += 1
                self.onStart()
                return nil
            }
            services.fetchReport = { self.reports.isEmpty ? nil : self.reports.removeFirst() }
        }
    }

    func harness(_ fetch: FakeFetch, accounts: Int = 2, every: TimeInterval? = nil) -> Harness {
        var settings = Settings()
        settings.accounts = accounts
        settings.fetchEvery = every
        return Harness(settings: settings) { fetch.install(&$0) }
    }

    func testWithoutAccountsFSaysHowToAddOne() {
        let fetch = FakeFetch()
        var harness = harness(fetch, accounts: 0)
        harness.press(.character("F"))
        XCTAssertEqual(harness.said, "No accounts to fetch from: add [[accounts]] to config.toml (see the README's Accounts)")
        XCTAssertEqual(fetch.started, 0)
    }

    func testTheStatusRowSaysFetchingBeforeTheFetchStartsThenItsProgressThenItsResult() {
        let fetch = FakeFetch()
        var harness = harness(fetch)
        // The key alone: the frame that says so comes first; the fetch starts after it.
        harness.runtime.keyPressed(.character("F"))
        XCTAssertEqual(harness.screen[22], " Fetching…")
        XCTAssertEqual(fetch.started, 0)
        harness.settle()
        XCTAssertEqual(fetch.started, 1)

        fetch.reports = [FetchReport(line: "Fetching mastodon you@example.social: 2 pages, 80 items…", finished: false)]
        harness.send(.ticked(Sample.now.addingTimeInterval(1)))
        XCTAssertEqual(harness.screen[22], " Fetching mastodon you@example.social: 2 pages, 80 items…")

        harness.press(.character("F"))
        XCTAssertEqual(harness.said, "Fetching already: Fetching mastodon you@example.social: 2 pages, 80 items…")
        XCTAssertEqual(fetch.started, 1)

        fetch.reports = [FetchReport(line: "Fetched 2 accounts: 0 new, 0 updated, 0 answered elsewhere", finished: true)]
        harness.send(.ticked(Sample.now.addingTimeInterval(2)))
        XCTAssertEqual(harness.screen[22], " Fetched 2 accounts: 0 new, 0 updated, 0 answered elsewhere")
        XCTAssertNil(harness.state.fetch)
    }

    func testNewItemsAppearWithTheCursorOnItsItem() {
        let fetch = FakeFetch()
        var harness = harness(fetch)
        harness.press(.character("j"))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "2")
        let queue = harness.queue
        fetch.onStart = {
            queue.add(Sample.mention("9", handle: "olek@mastodon.social", text: "Дякую! waited longest", minutesAgo: 10 * 1440))
        }
        harness.press(.character("F"))
        fetch.reports = [FetchReport(line: "Fetched 2 accounts: 1 new, 0 updated, 0 answered elsewhere", finished: true, changed: true)]
        harness.send(.ticked(Sample.now.addingTimeInterval(1)))
        XCTAssertEqual(harness.state.queue.selected?.mention.id, "2", "the cursor stays on its item")
        XCTAssertEqual(harness.state.queue.items.map(\.mention.id), ["9", "1", "2", "3"])
        XCTAssertEqual(harness.screen[1], "   1w 3d  mastodon   olek@mastodon.s… Дякую! waited longest", "the new item took its place by age")
        XCTAssertEqual(harness.said, "Fetched 2 accounts: 1 new, 0 updated, 0 answered elsewhere")
    }

    func testFetchEveryStartsQuietlyAndSaysOnlyNewsOrFailures() {
        let fetch = FakeFetch()
        var harness = harness(fetch, every: 600)
        harness.send(.ticked(Sample.now))
        XCTAssertEqual(fetch.started, 1, "the first tick of an open queue fetches")
        XCTAssertEqual(harness.state.fetch?.background, true)
        fetch.reports = [FetchReport(line: "Fetching mastodon you@example.social…", finished: false)]
        harness.send(.ticked(Sample.now.addingTimeInterval(1)))
        XCTAssertEqual(harness.screen[22], "", "a background fetch shows no progress")
        fetch.reports = [FetchReport(line: "Fetched 2 accounts: 0 new, 0 updated, 0 answered elsewhere", finished: true)]
        harness.send(.ticked(Sample.now.addingTimeInterval(5)))
        XCTAssertNil(harness.said, "nothing new, nothing said")

        harness.send(.ticked(Sample.now.addingTimeInterval(300)))
        XCTAssertEqual(fetch.started, 1, "not before ten minutes")
        harness.send(.ticked(Sample.now.addingTimeInterval(606)))
        XCTAssertEqual(fetch.started, 2)
        fetch.reports = [FetchReport(line: "Fetched 2 accounts: 0 new, 0 updated, 0 answered elsewhere; bluesky you.bsky.social failed: network: could not connect (refused)",
                                     finished: true, failed: true)]
        harness.send(.ticked(Sample.now.addingTimeInterval(607)))
        XCTAssertEqual(harness.said, "error: Fetched 2 accounts: 0 new, 0 updated, 0 answered elsewhere; bluesky you.bsky.social failed: network: could not connect (refused)")
    }

    func testFDuringABackgroundFetchShowsItInsteadOfStartingAnother() {
        let fetch = FakeFetch()
        var harness = harness(fetch, every: 600)
        harness.send(.ticked(Sample.now))
        harness.press(.character("F"))
        XCTAssertEqual(fetch.started, 1)
        XCTAssertEqual(harness.state.fetch?.background, false)
        fetch.reports = [FetchReport(line: "Fetched 2 accounts: 0 new, 0 updated, 0 answered elsewhere", finished: true)]
        harness.send(.ticked(Sample.now.addingTimeInterval(1)))
        XCTAssertEqual(harness.said, "Fetched 2 accounts: 0 new, 0 updated, 0 answered elsewhere", "asked for with F: said even when nothing came")
    }

    func testTheHelpScreenListsF() {
        var harness = Harness(width: 120, height: 70)
        harness.press(.character("?"))
        XCTAssertTrue(harness.screen.contains { $0.contains("F                   fetch               fetch now from every account in config.toml") },
                      harness.screen.joined(separator: "\n"))
    }
}
