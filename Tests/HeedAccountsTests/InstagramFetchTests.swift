import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// Instagram against the stand-in: the comments and replies on the account's media, asked
/// again only for media whose comment count changed; the account's own replies answering what
/// they reply to; media older than a first fetch goes back left alone.
final class InstagramFetchTests: FetchCase {
    var comments: String { "/graph/v21.0/\(standIn.instagram.mediaID)/comments" }

    func testAFirstFetchTakesTheMediasCommentsAndRepliesAndASecondAsksOnlyWhereTheCountChanged() throws {
        let first = fetch(instagram)
        XCTAssertNil(first.failure)
        // The recorded media: two visitors' comments, the account's own comment and a reply to it.
        XCTAssertEqual(first.counts.counts.imported, 3, first.line)
        XCTAssertEqual(first.counts.counts.skipped, 1, first.line)
        XCTAssertNil(try state(.instagram, "17892250648466172"), "the account's own comment is not queued")
        let reply = try XCTUnwrap(try store.item(Ref(platform: .instagram, id: "17845747489952795"))).mention
        XCTAssertEqual(reply.inReplyTo, "17892250648466172")
        XCTAssertEqual(reply.conversation, standIn.instagram.mediaID)
        XCTAssertEqual(try store.item(Ref(platform: .instagram, id: "17858154961981086"))?.mention.author.handle, "lixiangguodu123")
        let asked = try XCTUnwrap(standIn.requests(to: comments).first)
        XCTAssertEqual(asked.value("fields"), "id,text,timestamp,username,user,replies{id,text,timestamp,username,user}")
        XCTAssertEqual(asked.bearer, standIn.instagram.token)

        standIn.clearRequests()
        let second = fetch(instagram)
        XCTAssertEqual(second.line, "instagram 17841406338772941: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0")
        XCTAssertEqual(standIn.requests(to: "/graph/v21.0/\(standIn.instagram.userID)/media").count, 1)
        XCTAssertTrue(standIn.requests(to: comments).isEmpty, "no media has a new comment")

        let new = standIn.instagram.addComment("where was this taken?")
        let third = fetch(instagram)
        XCTAssertEqual(third.counts.counts.imported, 1, third.line)
        XCTAssertEqual(try state(.instagram, new), "waiting")
    }

    func testTheAccountsReplyInInstagramMarksItsCommentAnswered() throws {
        let id = standIn.instagram.addComment("love the colours")
        try assertAnsweredElsewhere(instagram, .instagram, id) { standIn.instagram.addReply(to: id, byAccount: true) }
    }

    func testManyCommentsArePagedByCursor() throws {
        for index in 0..<150 { standIn.instagram.addComment("comment \(index)", at: Date().addingTimeInterval(Double(index - 150))) }
        let outcome = fetch(instagram)
        XCTAssertEqual(outcome.counts.counts.imported, 153, outcome.line)
        XCTAssertEqual(standIn.requests(to: comments).map { $0.value("after") == nil }, [true, false])
    }

    func testMediaOlderThanAFirstFetchGoesBackAreNotRead() throws {
        let media = standIn.instagram.addMedia(at: Date().addingTimeInterval(-3_600))
        let comment = standIn.instagram.addComment("first!", on: media)
        let outcome = fetch(instagram, since: 86_400)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.instagram, comment), "waiting")
        XCTAssertTrue(standIn.requests(to: comments).isEmpty, "the recorded media is from 2020")
    }

    func testABadTokenIsNamedWithGraphsReasonAndNeverShown() throws {
        try assertRefused(instagram, wrong: "token", saying: "Invalid OAuth access token - Cannot parse access token")
    }
}
