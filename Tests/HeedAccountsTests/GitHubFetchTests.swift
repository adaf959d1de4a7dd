import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// GitHub against the stand-in: participating threads with `since` and `If-Modified-Since`,
/// `X-Poll-Interval` respected, and the user's comments (their events) answering threads.
final class GitHubFetchTests: FetchCase {
    func testThreadsTheUserTakesPartInAreFetchedThenA304SaysNothingIsNew() throws {
        standIn.github.pollInterval = 0
        let id = standIn.github.addThread("Please review the parser", issue: 7)
        let first = fetch(github)
        XCTAssertNil(first.failure)
        // The recorded thread is `subscribed`: participating=true leaves it out.
        XCTAssertEqual(first.counts.counts.imported, 1, first.line)
        XCTAssertEqual(try state(.github, id), "waiting")
        // Who wrote what: the thread's latest comment, fetched beside it.
        let item = try XCTUnwrap(try store.item(Ref(platform: .github, id: id))).mention
        XCTAssertEqual(item.author.handle, "hubot")
        XCTAssertEqual(item.text, "Issue: Please review the parser (octocat/Hello-World)\n\n@octocat could you look at this?")
        XCTAssertEqual(item.url, "https://github.com/octocat/Hello-World/issues/7#issuecomment-\(id)")
        XCTAssertTrue(first.notes.allSatisfy { !$0.contains("latest_comment_url") }, "\(first.notes)")
        let asked = try XCTUnwrap(standIn.requests(to: "/notifications").first)
        XCTAssertEqual(asked.value("participating"), "true")
        XCTAssertEqual(asked.value("all"), "true")
        XCTAssertNotNil(asked.value("since"))

        clock.advance(1)
        standIn.clearRequests()
        let second = fetch(github)
        XCTAssertEqual(second.line, "github octocat: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0")
        let again = try XCTUnwrap(standIn.requests(to: "/notifications").first)
        XCTAssertNotNil(again.headers["if-modified-since"])
    }

    func testTheNextFetchWaitsForThePollInterval() throws {
        standIn.github.pollInterval = 60
        _ = fetch(github)
        standIn.clearRequests()
        let early = fetch(github)
        XCTAssertNil(early.failure)
        XCTAssertTrue(standIn.requests.isEmpty, "asked nothing before the poll interval passed")
        XCTAssertTrue(early.notes.contains { $0.contains("X-Poll-Interval") }, "\(early.notes)")
        clock.advance(61)
        _ = fetch(github)
        XCTAssertFalse(standIn.requests(to: "/notifications").isEmpty)
    }

    func testACommentGivenOnGitHubMarksItsThreadAnsweredElsewhere() throws {
        standIn.github.pollInterval = 0
        let id = standIn.github.addThread("Question about the API", issue: 12, at: Date().addingTimeInterval(-600))
        let other = standIn.github.addThread("Another issue", issue: 13, at: Date().addingTimeInterval(-600))
        _ = fetch(github)
        standIn.github.addComment(onIssue: 12)
        clock.advance(1)
        let outcome = fetch(github)
        XCTAssertEqual(outcome.counts.answeredElsewhere, 1, outcome.line)
        XCTAssertEqual(try state(.github, id), "replied")
        XCTAssertEqual(try state(.github, other), "waiting")
    }

    func testTheLoginComesFromTheTokenWhenNoHandleIsGiven() throws {
        standIn.github.pollInterval = 0
        let outcome = fetch(github)
        XCTAssertEqual(outcome.account, "github octocat", "named by the login the API gave")
        XCTAssertEqual(standIn.requests(to: "/user").count, 1)
        XCTAssertEqual(standIn.requests(to: "/users/octocat/events").count, 1)
    }

    func testASpentRateLimitIsWaitedOutUntilItsReset() throws {
        standIn.github.pollInterval = 0
        standIn.github.rate = .init(limit: 5_000, remaining: 0, resetIn: 3_000)
        let outcome = fetch(github)
        XCTAssertEqual(outcome.failure?.hasPrefix("rate limited until"), true, outcome.failure ?? "")
        XCTAssertTrue(outcome.failure?.contains("API rate limit exceeded") ?? false, outcome.failure ?? "")
        XCTAssertTrue(slept.values.isEmpty, "50 minutes is over the longest wait: nothing waited")
    }
}
