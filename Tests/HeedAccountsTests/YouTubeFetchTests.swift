import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// YouTube against the stand-in: the channel's comment threads newest first, read down to a
/// week before the newest kept; a thread's replies beyond those inlined asked for by
/// `comments.list`; the channel's own replies answering what they reply to; an API key or an
/// OAuth token, and Google's refusals.
final class YouTubeFetchTests: FetchCase {
    let threads = "/youtube/v3/commentThreads"
    let comments = "/youtube/v3/comments"

    func testAFirstFetchTakesTheChannelsThreadsWithTheirRepliesAndASecondImportsNothing() throws {
        let first = fetch(youtube)
        XCTAssertNil(first.failure)
        // The recorded channel: four threads, one with the two recorded replies.
        XCTAssertEqual(first.counts.counts.imported, 6, first.line)
        let reply = try XCTUnwrap(try store.item(Ref(platform: .youtube, id: "Ugw5zYU6n9pmIgAZWvN4AaABAg.91zT3cYb5B291za6voUoRh"))).mention
        XCTAssertEqual(reply.inReplyTo, "Ugw5zYU6n9pmIgAZWvN4AaABAg")
        XCTAssertEqual(reply.text, "this is the third reply!")
        let asked = try XCTUnwrap(standIn.requests(to: threads).first)
        XCTAssertEqual(asked.value("part"), "snippet,replies")
        XCTAssertEqual(asked.value("allThreadsRelatedToChannelId"), standIn.youtube.channelID)
        XCTAssertEqual(asked.value("order"), "time")
        XCTAssertEqual(asked.value("maxResults"), "100")
        XCTAssertEqual(asked.value("key"), standIn.youtube.apiKey, "an API key goes as key=")
        XCTAssertNil(asked.headers["authorization"])
        XCTAssertTrue(standIn.requests(to: comments).isEmpty, "every reply was inlined")

        let second = fetch(youtube)
        XCTAssertNil(second.failure)
        XCTAssertEqual(second.counts.counts.imported, 0, second.line)
        XCTAssertEqual(second.counts.counts.updated, 0, second.line)
    }

    func testASecondFetchReadsBackAWeekBeforeTheNewestThreadKeptAndNoFurther() throws {
        standIn.youtube.addComments(150, at: Date().addingTimeInterval(-3 * 86_400))
        standIn.youtube.addComments(150, at: Date().addingTimeInterval(-60 * 86_400))
        let first = fetch(youtube)
        XCTAssertEqual(first.counts.counts.imported, 306, first.line)
        XCTAssertEqual(standIn.requests(to: threads).map { $0.value("pageToken") == nil }, [true, false, false, false])
        let new = standIn.youtube.addComment("a new question")
        standIn.clearRequests()
        let second = fetch(youtube)
        XCTAssertEqual(second.counts.counts.imported, 1, second.line)
        XCTAssertEqual(try state(.youtube, new), "waiting")
        // Page one: the new thread and 99 of three days ago; page two reaches the older ones.
        XCTAssertEqual(standIn.requests(to: threads).count, 2)
    }

    func testAFirstFetchGoesBackNoFurtherThanSince() throws {
        let recent = standIn.youtube.addComment("recent", at: Date().addingTimeInterval(-3_600))
        let outcome = fetch(youtube, since: 86_400)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.youtube, recent), "waiting")
        XCTAssertNil(try state(.youtube, "UgyWeTdgc4sc1xgmbld4AaABAg"), "the recorded threads are older")
        XCTAssertEqual(standIn.requests(to: threads).count, 1, "the first page already reaches past since")
    }

    func testRepliesBeyondThoseInlinedAreAskedForPageByPage() throws {
        let thread = standIn.youtube.addComment("a busy thread")
        let replies = (0..<130).map { standIn.youtube.addReply(to: thread, "reply \($0)") }
        let outcome = fetch(youtube)
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(try state(.youtube, try XCTUnwrap(replies.last)), "waiting")
        XCTAssertEqual(try count(.youtube), 6 + 1 + 130)
        let asked = standIn.requests(to: comments)
        XCTAssertEqual(asked.map { $0.value("parentId") }, [thread, thread])
        XCTAssertEqual(asked.map { $0.value("maxResults") }, ["100", "100"])
    }

    func testTheChannelsReplyInYouTubeMarksItsThreadAnsweredAndIsNotQueued() throws {
        let id = standIn.youtube.addComment("will there be a part two?")
        try assertAnsweredElsewhere(youtube, .youtube, id) { standIn.youtube.addReply(to: id, byChannel: true) }
        XCTAssertEqual(try count(.youtube), 7, "the recorded six and the viewer's comment; the channel's reply is an answer")
    }

    func testAnOAuthTokenIsSentAsABearerAndNeverAsAKey() throws {
        var account = youtube
        account.secrets = ["token": printed(standIn.youtube.token)]
        let outcome = fetch(account)
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(outcome.counts.counts.imported, 6, outcome.line)
        let asked = try XCTUnwrap(standIn.requests(to: threads).first)
        XCTAssertNil(asked.value("key"))
        XCTAssertEqual(asked.bearer, standIn.youtube.token)
    }

    func testAWrongKeyIsNamedWithGooglesReasonAndNeverShown() throws {
        try assertRefused(youtube, wrong: "api_key", saying: "400: API key not valid. Please pass a valid API key.")
        XCTAssertEqual(try count(.youtube), 0)
    }

    func testASpentQuotaFailsTheAccountWithGooglesReason() throws {
        standIn.youtube.quota = 0
        let outcome = fetch(youtube)
        let failure = try XCTUnwrap(outcome.failure)
        XCTAssertTrue(failure.hasPrefix("refused (403 Forbidden: The request cannot be completed because you have exceeded your"), failure)
        XCTAssertEqual(standIn.requests(to: threads).count, 1, "a 403 is not retried")
    }
}
