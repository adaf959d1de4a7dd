import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import HeedOutbox
import StandIn
import XCTest

/// Sending where heed only posts (X, YouTube, Reddit, WordPress, the Graph API), each to a
/// stand-in as strict as the API about what a reply must carry; where the API cannot tell
/// whether a lost answer's post was made, the draft is left unknown, never posted again.
final class PostingSendTests: SendCase {
    func testXRepliesWithInReplyToTweetID() throws {
        try draft("d1", .x, "1460323737035677698", target: ["in_reply_to_tweet_id": "1460323737035677698"], text: "@kenji_t thanks!")
        let outcome = try XCTUnwrap(try send([xPoster]).first)
        XCTAssertEqual(outcome.line, "x: sent 1, failed 0, unknown 0")
        let post = try XCTUnwrap(standIn.posting.posts("x").first)
        XCTAssertEqual(post["reply"] as? [String: String], ["in_reply_to_tweet_id": "1460323737035677698"])
        XCTAssertEqual(post["text"] as? String, "@kenji_t thanks!")
        let sent = try stored("d1")
        XCTAssertEqual(sent.delivery?.url, "https://x.com/i/web/status/\(sent.delivery?.remoteID ?? "")")
    }

    func testAnXPostWhoseAnswerWasLostIsLeftUnknownAndNotPostedAgain() throws {
        try draft("d1", .x, "1460323737035677698", target: ["in_reply_to_tweet_id": "1460323737035677698"], text: "@kenji_t thanks!")
        standIn.fail("/2/tweets", with: .dropMidBody)
        let outcome = try XCTUnwrap(try send([xPoster]).first)
        XCTAssertEqual(outcome.line, "x: sent 0, failed 0, unknown 1")
        XCTAssertEqual(standIn.requests(to: "/2/tweets").count, 1, "a post is not sent again after an answer that may have come too late")
        XCTAssertEqual(try stored("d1").status, .sending)
        let plan = SendPlan.make(try outbox.drafts(), accounts: [xPoster])
        XCTAssertEqual(plan.count, 0)
        XCTAssertEqual(plan.unknown.map(\.id), ["d1"])
        XCTAssertEqual(SendPlan.make(try outbox.drafts(), accounts: [xPoster], retryUnknown: ["d1"]).count, 1, "only when the user says so")
    }

    func testXRefusesAReplyWithoutItsTweetID() throws {
        try draft("d1", .x, "abc", target: ["in_reply_to_tweet_id": "abc"], text: "@kenji_t thanks!")
        let outcome = try XCTUnwrap(try send([xPoster]).first)
        XCTAssertEqual(outcome.line, "x: sent 0, failed 1, unknown 0")
        let failure = try stored("d1").failure
        XCTAssertEqual(failure?.status, 400)
        XCTAssertTrue(failure?.message.contains("reply.in_reply_to_tweet_id") == true, failure?.message ?? "")
        XCTAssertTrue(standIn.posting.posts("x").isEmpty)
    }

    func testYouTubeRepliesWithSnippetParentID() throws {
        try draft("d1", .youtube, "UgzDE2tasfmrYLyNkGt4AaABAg", target: ["parent_id": "UgzDE2tasfmrYLyNkGt4AaABAg"], text: "Glad it helped")
        let outcome = try XCTUnwrap(try send([youtubePoster]).first)
        XCTAssertEqual(outcome.line, "youtube: sent 1, failed 0, unknown 0")
        XCTAssertEqual(standIn.posting.posts("youtube").first?["snippet"] as? [String: String], ["parentId": "UgzDE2tasfmrYLyNkGt4AaABAg", "textOriginal": "Glad it helped"])
        XCTAssertEqual(standIn.requests(to: "/youtube/v3/comments").first?.value("part"), "snippet")
        XCTAssertTrue(try stored("d1").delivery?.remoteID?.hasPrefix("UgzDE2tasfmrYLyNkGt4AaABAg.") == true)
    }

    func testRedditSignsInThenCommentsWithItsFormFields() throws {
        try draft("d1", .reddit, "t1_abc123", target: ["thing_id": "t1_abc123"], text: "Fixed in 2.1 & later")
        let outcome = try XCTUnwrap(try send([redditPoster]).first)
        XCTAssertEqual(outcome.line, "reddit you_on_reddit: sent 1, failed 0, unknown 0")
        XCTAssertEqual(standIn.posting.posts("reddit").first as? [String: String], ["thing_id": "t1_abc123", "text": "Fixed in 2.1 & later", "api_type": "json"])
        XCTAssertEqual(standIn.requests(to: "/api/v1/access_token").count, 1)
        let sent = try stored("d1")
        XCTAssertTrue(sent.delivery?.remoteID?.hasPrefix("t1_") == true)
        XCTAssertTrue(sent.delivery?.url?.hasPrefix("https://www.reddit.com/r/heed/comments/") == true)
    }

    func testARedditRefusalInItsAnswerLeavesTheDraftPending() throws {
        try draft("d1", .reddit, "t1_abc123", target: ["thing_id": "t1_abc123"], text: "Fixed")
        standIn.posting.redditErrors = [["RATELIMIT", "you are doing that too much. try again in 9 minutes.", "ratelimit"]]
        let outcome = try XCTUnwrap(try send([redditPoster]).first)
        XCTAssertEqual(outcome.line, "reddit you_on_reddit: sent 0, failed 1, unknown 0")
        let failed = try stored("d1")
        XCTAssertEqual(failed.status, .pending)
        XCTAssertEqual(failed.failure?.message, "RATELIMIT: you are doing that too much. try again in 9 minutes.")
    }

    func testWordPressRepliesToTheCommentOnItsPost() throws {
        try draft("d1", .wordpress, "7", target: ["post": "42", "parent": "7"], text: "Thank you")
        let outcome = try XCTUnwrap(try send([wordpressPoster]).first)
        XCTAssertEqual(outcome.line, "wordpress editor: sent 1, failed 0, unknown 0")
        let post = try XCTUnwrap(standIn.posting.posts("wordpress").first)
        XCTAssertEqual(post["post"] as? Int, 42)
        XCTAssertEqual(post["parent"] as? Int, 7)
        XCTAssertTrue(try stored("d1").delivery?.url?.hasPrefix("\(standIn.base)/?p=42#comment-") == true)
    }

    func testFacebookRepliesToTheComment() throws {
        try draft("d1", .facebook, "123_456", target: ["comment_id": "123_456"], text: "Thanks")
        let outcome = try XCTUnwrap(try send([facebookPoster]).first)
        XCTAssertEqual(outcome.line, "facebook: sent 1, failed 0, unknown 0")
        XCTAssertEqual(standIn.posting.posts("graph").first?["edge"] as? String, "123_456/comments")
    }

    func testABadTokenStopsTheAccountAndNoSecretIsSaid() throws {
        try draft("d1", .x, "1", target: ["in_reply_to_tweet_id": "1"], text: "one")
        try draft("d2", .x, "2", target: ["in_reply_to_tweet_id": "2"], text: "two")
        // A token of another platform: X refuses it.
        let wrong = account(.x, server: standIn.base + "/2", secrets: ["token": "GITHUB_TOKEN"])
        let outcome = try XCTUnwrap(try send([wrong]).first)
        XCTAssertEqual(outcome.failed, 1)
        XCTAssertEqual(outcome.notTried, 1, "the other draft would fail the same way")
        XCTAssertTrue(outcome.line.contains("401"), outcome.line)
        XCTAssertFalse(outcome.line.contains(standIn.github.token), outcome.line)
        XCTAssertEqual(try stored("d2").status, .pending)
        XCTAssertNil(try stored("d2").failure)
    }
}
