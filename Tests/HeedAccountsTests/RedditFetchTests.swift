import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// Reddit against the stand-in: a script app's token by the password grant, the inbox
/// walked newest first and then forward from the newest item kept, the user's comments and
/// messages answering what they reply to, Reddit's rate-limit headers and its refusals.
final class RedditFetchTests: FetchCase {
    func testAFirstFetchTakesTheInboxAndASecondAsksOnlyForWhatCameAfterTheNewest() throws {
        let first = fetch(reddit)
        XCTAssertNil(first.failure)
        // 100 recorded inbox items and 16 mentions: 2 replies, 16 mentions and 98 messages.
        XCTAssertEqual(first.counts.counts.imported, 116, first.line)
        XCTAssertEqual(try state(.reddit, "t1_myngt77"), "waiting")
        let token = try XCTUnwrap(standIn.requests(to: "/reddit-www/api/v1/access_token").first)
        XCTAssertEqual(token.method, "POST")
        XCTAssertEqual(String(decoding: token.body, as: UTF8.self),
                       "grant_type=password&username=heed_tester&password=reddit-password%26%3D%2B&scope=history%20privatemessages")
        let inbox = standIn.requests(to: "/reddit/message/inbox")
        XCTAssertEqual(inbox.map { $0.value("mark") }, ["false", "false"], "read but never marked read")
        XCTAssertEqual(inbox.first?.value("limit"), "100")
        XCTAssertNil(inbox.first?.value("before"), "a first fetch starts at the newest page")
        XCTAssertEqual(inbox.count, 2, "116 items, 100 a page")
        XCTAssertNotNil(inbox.last?.value("after"), "the second page is the one after the first")
        for request in standIn.requests {
            XCTAssertEqual(request.headers["user-agent"], "cli:heed:1.0 (by /u/heed_tester)", request.path)
        }

        standIn.clearRequests()
        let second = fetch(reddit)
        XCTAssertEqual(second.line, "reddit heed_tester: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0")
        let again = standIn.requests(to: "/reddit/message/inbox")
        XCTAssertEqual(again.first?.value("before"), "t1_myngt77", "the second fetch asks only after the newest item seen")
    }

    func testAFirstFetchGoesBackNoFurtherThanSince() throws {
        let recent = standIn.reddit.addReply("@heed_tester recent", at: Date().addingTimeInterval(-3_600))
        let outcome = fetch(reddit, since: 86_400)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.reddit, recent), "waiting")
        XCTAssertTrue(outcome.notes.contains { $0.contains("older than a first fetch goes back") }, "\(outcome.notes)")
        XCTAssertEqual(standIn.requests(to: "/reddit/message/inbox").count, 1, "the first page reached since")
    }

    func testNewRepliesArePagedForwardEachPageWithItsCursor() throws {
        _ = fetch(reddit)
        standIn.reddit.addReplies(250)
        standIn.clearRequests()
        let outcome = fetch(reddit)
        XCTAssertEqual(outcome.counts.counts.imported, 250, outcome.line)
        let pages = standIn.requests(to: "/reddit/message/inbox")
        XCTAssertEqual(pages.count, 3, "100, 100 and 50, then Reddit says there is nothing before")
        XCTAssertEqual(Set(pages.compactMap { $0.value("before") }).count, 3, "each page starts where the one before ended")
        standIn.clearRequests()
        XCTAssertEqual(fetch(reddit).counts.counts.imported, 0)
        XCTAssertEqual(standIn.requests(to: "/reddit/message/inbox").count, 2, "the kept newest, then a look at the newest")
    }

    func testAKeptItemDeletedSinceIsWalkedPastByTime() throws {
        let kept = standIn.reddit.addReply("soon deleted", at: Date().addingTimeInterval(-60))
        _ = fetch(reddit)
        standIn.reddit.remove(kept)
        let newer = standIn.reddit.addReply("after the deleted one")
        let outcome = fetch(reddit)
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.reddit, newer), "waiting")
    }

    func testACommentOrMessageGivenOnRedditMarksWhatItAnswers() throws {
        let reply = standIn.reddit.addReply("@heed_tester what do you think?")
        try assertAnsweredElsewhere(reddit, .reddit, reply) { standIn.reddit.addComment(answering: reply) }
        XCTAssertEqual(standIn.requests(to: "/reddit/user/heed_tester/comments").last?.value("sort"), "new")
        // A recorded message, answered from Reddit's own messages.
        XCTAssertEqual(try state(.reddit, "t4_2r17c8r"), "waiting")
        standIn.reddit.addMessage(answering: "t4_2r17c8r")
        XCTAssertEqual(fetch(reddit).counts.answeredElsewhere, 1)
        XCTAssertEqual(try state(.reddit, "t4_2r17c8r"), "replied")
    }

    func testASpentLimitWaitsForItsResetBeforeTheNextRequest() throws {
        standIn.reddit.rate = .init(limit: 100, remaining: 1, resetIn: 30)
        let reddit = standIn.reddit
        let outcome = fetch(self.reddit) { reddit.rate = .init(limit: 100, remaining: 100, resetIn: 600) }
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(slept.values.count, 1)
        XCTAssertEqual(slept.values.first ?? 0, 30, accuracy: 1.5, "X-Ratelimit-Reset: seconds to the window's end")
        XCTAssertTrue(told.values.contains { $0.hasPrefix("reddit heed_tester: 127.0.0.1 limits requests; waiting ") }, "\(told.values)")
    }

    func testAWrongAppSecretOrPasswordIsNamedWithRedditsReasonAndNoSecret() throws {
        var account = reddit
        account.secrets["client_secret"] = printed("not-the-secret-zqxj")
        let secret = fetch(account)
        XCTAssertEqual(secret.failure, "bad token or password (401 Unauthorized: Unauthorized)")
        account = reddit
        account.secrets["password"] = printed("wrong-password-qjxw")
        let password = fetch(account)
        XCTAssertEqual(password.failure?.hasPrefix("Reddit refused to sign in (invalid_grant)"), true, password.failure ?? "")
        XCTAssertTrue(standIn.requests(to: "/reddit/message/inbox").isEmpty, "nothing asked without a token")
        for text in [secret.line, password.line] + secret.notes + password.notes + told.values {
            XCTAssertFalse(text.contains("zqxj") || text.contains("qjxw") || text.contains(standIn.reddit.clientSecret), text)
        }
    }

    func testNoSecretOrTokenReachesTheStore() throws {
        let reply = standIn.reddit.addReply("hello")
        _ = fetch(reddit)
        standIn.reddit.addComment(answering: reply)
        _ = fetch(reddit)
        let bytes = try storeBytes()
        for secret in [standIn.reddit.password, standIn.reddit.clientSecret, "reddit-access-1", "reddit-access-2"] {
            XCTAssertFalse(bytes.contains(secret), secret)
        }
    }
}
