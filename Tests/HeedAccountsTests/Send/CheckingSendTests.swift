import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import HeedOutbox
import StandIn
import XCTest

/// Sending on the platforms whose API can tell whether an earlier try posted (Mastodon, Bluesky,
/// GitHub): each post as strict a server as the API takes it, once; an answer lost on the way
/// meets the first post (Mastodon's Idempotency-Key, Bluesky's record key) or is found there.
final class CheckingSendTests: SendCase {
    func testMastodonPostsTheReplyOnceWithTheDraftAsItsKey() throws {
        let status = standIn.mastodon.addMention("@noiob when?")
        try draft("d1", .mastodon, status, target: ["in_reply_to_id": status, "visibility": "unlisted"], text: "@halcy Friday")
        // The answer is lost once: the client asks again with the same key and gets the same status.
        standIn.fail("/api/v1/statuses", with: .dropMidBody)
        let outcome = try XCTUnwrap(try send([mastodon]).first)
        XCTAssertEqual(outcome.line, "mastodon noiob@127.0.0.1: sent 1, failed 0, unknown 0")
        XCTAssertEqual(standIn.requests(to: "/api/v1/statuses").map { $0.headers["idempotency-key"] }, ["d1", "d1"])
        XCTAssertEqual(standIn.mastodon.posts.count, 1)
        let post = try XCTUnwrap(standIn.mastodon.posts.first)
        XCTAssertEqual(post["in_reply_to_id"] as? String, status)
        XCTAssertEqual(post["visibility"] as? String, "unlisted")
        let sent = try stored("d1")
        XCTAssertEqual(sent.status, .sent)
        XCTAssertEqual(sent.delivery?.remoteID, post["id"] as? String)
        XCTAssertEqual(sent.delivery?.url, "\(standIn.base)/@noiob/\(post["id"] as? String ?? "")")
    }

    func testMastodonRefusesWhatItsAPIRefuses() throws {
        try draft("d1", .mastodon, "404404", target: ["in_reply_to_id": "404404", "visibility": "public"], text: "@halcy to nowhere")
        let outcome = try XCTUnwrap(try send([mastodon]).first)
        XCTAssertEqual(outcome.line, "mastodon noiob@127.0.0.1: sent 0, failed 1, unknown 0")
        let failed = try stored("d1")
        XCTAssertEqual(failed.status, .pending)
        XCTAssertEqual(failed.failure?.status, 404)
        XCTAssertEqual(failed.failure?.message, "not found (404: Record not found) at \(standIn.base)/api/v1/statuses: what it answers may be deleted, or server = is wrong")
        XCTAssertTrue(standIn.mastodon.posts.isEmpty)
    }

    func testEveryAnswerLostTheReplyIsFoundOnMastodonAndRecordedSent() throws {
        let status = standIn.mastodon.addMention("@noiob when?")
        try draft("d1", .mastodon, status, target: ["in_reply_to_id": status, "visibility": "public"], text: "@halcy Friday")
        standIn.fail("/api/v1/statuses", with: .dropMidBody, times: 20)
        let outcome = try XCTUnwrap(try send([mastodon]).first)
        XCTAssertEqual(outcome.line, "mastodon noiob@127.0.0.1: sent 1, failed 0, unknown 0")
        XCTAssertEqual(standIn.mastodon.posts.count, 1)
        XCTAssertEqual(standIn.requests(to: "/api/v1/statuses/\(status)/context").count, 1, "looked for after the last lost answer")
        XCTAssertEqual(try stored("d1").delivery?.remoteID, standIn.mastodon.posts.first?["id"] as? String)
    }

    func testBlueskyPostsARecordTheLexiconTakesAtTheDraftsKeyAndALostAnswerMeetsIt() throws {
        let uri = standIn.bluesky.addMention("@you.bsky.social is it out?")
        let cid = "bafystandin1"
        try draft("d1", .bluesky, uri, target: ["parent_uri": uri, "parent_cid": cid, "root_uri": uri, "root_cid": cid], text: "Yes, see https://example.com #release")
        standIn.fail("/xrpc/com.atproto.repo.createRecord", with: .dropMidBody)
        let outcome = try XCTUnwrap(try send([bluesky]).first)
        XCTAssertEqual(outcome.line, "bluesky you.bsky.social: sent 1, failed 0, unknown 0", told.values.joined(separator: "\n"))
        XCTAssertEqual(standIn.bluesky.posts.count, 1, "the second try met the first record")
        let post = try XCTUnwrap(standIn.bluesky.posts.first)
        XCTAssertNil(BlueskyStandIn.problem(post: post.record))
        let keys = standIn.requests(to: "/xrpc/com.atproto.repo.createRecord").compactMap { $0.json?["rkey"] as? String }
        XCTAssertGreaterThan(keys.count, 1)
        XCTAssertEqual(Set(keys), [post.rkey], "every try at the draft's one key")
        XCTAssertEqual(standIn.requests(to: "/xrpc/com.atproto.repo.createRecord").first?.json?["repo"] as? String, standIn.bluesky.did)
        XCTAssertEqual((post.record["reply"] as? [String: [String: String]])?["parent"], ["uri": uri, "cid": cid])
        XCTAssertEqual((post.record["facets"] as? [[String: Any]])?.count, 2)
        let sent = try stored("d1")
        XCTAssertEqual(sent.delivery?.remoteID, "at://\(standIn.bluesky.did)/app.bsky.feed.post/\(post.rkey)")
        XCTAssertEqual(sent.delivery?.url, "https://bsky.app/profile/you.bsky.social/post/\(post.rkey)")
    }

    func testGitHubCommentsOnTheIssueAndALeftSendingDraftIsFoundAmongItsComments() throws {
        let target = ["comments_url": "https://api.github.com/repos/octocat/Hello-World/issues/3/comments"]
        try draft("d1", .github, "octocat/Hello-World#3", target: target, text: "Merged, thanks")
        let outcome = try XCTUnwrap(try send([github]).first)
        XCTAssertEqual(outcome.line, "github: sent 1, failed 0, unknown 0")
        XCTAssertEqual(standIn.github.posts.count, 1)
        XCTAssertEqual(standIn.github.posts.first?["body"] as? String, "Merged, thanks")
        let id = try XCTUnwrap(standIn.github.posts.first?["id"] as? Int)
        XCTAssertEqual(try stored("d1").delivery?.url, "https://github.com/octocat/Hello-World/issues/3#issuecomment-\(id)")

        // Left sending by a heed that stopped before its request went: looked for, not there, posted once.
        let other = ["comments_url": "https://api.github.com/repos/octocat/Hello-World/issues/4/comments"]
        try self.draft("d2", .github, "octocat/Hello-World#4", target: other, text: "Looking into it")
        try outbox.append([.sending(draft: "d2", at: clock.now)])
        let second = try XCTUnwrap(try send([github]).first)
        XCTAssertEqual(second.line, "github: sent 1, failed 0, unknown 0")
        XCTAssertEqual(standIn.requests(to: "/repos/octocat/Hello-World/issues/4/comments").map(\.method), ["GET", "POST"])
        XCTAssertEqual(standIn.github.posts.count, 2)
        XCTAssertEqual(try stored("d2").status, .sent)
    }
}
