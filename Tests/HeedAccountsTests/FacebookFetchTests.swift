import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// A Facebook Page against the stand-in: the comments and replies on its posts, asked again
/// only for posts a new comment moved; the Page's own replies answering what they reply to;
/// posts older than a first fetch goes back left alone; Graph's refusal of a bad token.
final class FacebookFetchTests: FetchCase {
    var comments: String { "/graph/v21.0/\(standIn.facebook.postID)/comments" }
    let posts = "/graph/v21.0/19292868552/posts"

    func testAFirstFetchTakesThePostsCommentsWithThePagesRepliesAsAnswersAndASecondImportsNothing() throws {
        let first = fetch(facebook)
        XCTAssertNil(first.failure)
        // The recorded post: seven comments and replies by visitors, three replies by the Page.
        XCTAssertEqual(first.counts.counts.imported, 7, first.line)
        XCTAssertEqual(first.counts.counts.skipped, 3, first.line)
        XCTAssertEqual(try state(.facebook, "10158407654328553_10158407835073553"), "replied", "the Page answered it")
        XCTAssertEqual(try state(.facebook, "10158407654328553_10158408043788553"), "waiting")
        let reply = try XCTUnwrap(try store.item(Ref(platform: .facebook, id: "10158407654328553_10158409984053553"))).mention
        XCTAssertEqual(reply.inReplyTo, "10158407654328553_10158407903973553")
        XCTAssertEqual(reply.author.name, "A visitor")
        let asked = try XCTUnwrap(standIn.requests(to: comments).first)
        XCTAssertEqual(asked.value("filter"), "stream", "replies too")
        XCTAssertEqual(asked.value("order"), "reverse_chronological")
        XCTAssertEqual(asked.bearer, standIn.facebook.token)
        XCTAssertNil(asked.value("access_token"), "the token goes in a header, never in an address")

        standIn.clearRequests()
        let second = fetch(facebook)
        XCTAssertNil(second.failure)
        XCTAssertEqual(second.counts.counts.imported, 0, second.line)
        XCTAssertEqual(second.counts.counts.updated, 0, second.line)
        XCTAssertEqual(standIn.requests(to: posts).count, 1)
        // Graph's times are whole seconds: the post with the newest comment is read again, once.
        XCTAssertEqual(standIn.requests(to: comments).count, 1)
        let other = standIn.facebook.addPost(at: Date().addingTimeInterval(-86_400))
        standIn.facebook.addComment("on another post", on: other, at: Date().addingTimeInterval(-86_000))
        _ = fetch(facebook)
        standIn.clearRequests()
        _ = fetch(facebook)
        XCTAssertTrue(standIn.requests(to: comments).isEmpty, "the recorded post has no comment as new as the newest kept")
    }

    func testANewCommentOnAnOldPostIsFetchedDownToTheNewestKept() throws {
        _ = fetch(facebook)
        standIn.facebook.addComments(150)
        standIn.clearRequests()
        let outcome = fetch(facebook)
        XCTAssertEqual(outcome.counts.counts.imported, 150, outcome.line)
        XCTAssertEqual(standIn.requests(to: comments).map { $0.value("after") == nil }, [true, false], "two pages, the second reaching the kept ones")
    }

    func testAPageOverItsCallLimitIsWaitedOutForTheTimeGraphSays() throws {
        standIn.facebook.usage = 100
        standIn.facebook.regainMinutes = 3
        let facebookStandIn = standIn.facebook
        let outcome = fetch(facebook, restored: { facebookStandIn.usage = 5 })
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(outcome.counts.counts.imported, 7, outcome.line)
        XCTAssertEqual(slept.values.count, 1)
        XCTAssertEqual(slept.values.first ?? 0, 180, accuracy: 1, "estimated_time_to_regain_access, in minutes")
        XCTAssertEqual(standIn.requests(to: posts).count, 2, "refused once, then asked again")
    }

    func testThePagesReplyInFacebookMarksItsCommentAnswered() throws {
        let id = standIn.facebook.addComment("Is the API down?")
        try assertAnsweredElsewhere(facebook, .facebook, id) { standIn.facebook.addReply(to: id, "Not any more.", byPage: true) }
    }

    func testPostsOlderThanAFirstFetchGoesBackAreNotRead() throws {
        let post = standIn.facebook.addPost(at: Date().addingTimeInterval(-3_600))
        let comment = standIn.facebook.addComment("first!", on: post)
        let outcome = fetch(facebook, since: 86_400)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.facebook, comment), "waiting")
        XCTAssertTrue(standIn.requests(to: comments).isEmpty, "the recorded post is from 2021")
    }

    func testABadTokenIsNamedWithGraphsReasonAndNeverShown() throws {
        try assertRefused(facebook, wrong: "token", saying: "Invalid OAuth access token - Cannot parse access token")
    }
}
