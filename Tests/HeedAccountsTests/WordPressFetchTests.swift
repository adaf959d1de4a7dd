import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// WordPress against the stand-in: comments oldest first after the newest kept (in the
/// site's own time), paged as `X-WP-TotalPages` says; an application password for held
/// comments and private posts; the user's own comments answering what they reply to.
final class WordPressFetchTests: FetchCase {
    func testAFirstFetchTakesTheCommentsAndASecondAsksOnlyAfterTheNewest() throws {
        let first = fetch(wordpress)
        XCTAssertNil(first.failure)
        // The recorded thread: a comment and its reply, by another user of the site.
        XCTAssertEqual(first.counts.counts.imported, 2, first.line)
        XCTAssertEqual(try state(.wordpress, "3"), "waiting")
        XCTAssertEqual(try store.item(Ref(platform: .wordpress, id: "3"))?.mention.inReplyTo, "2")
        XCTAssertEqual(standIn.requests(to: "/wp/wp-json/wp/v2/users/me").count, 1)
        let asked = try XCTUnwrap(standIn.requests(to: "/wp/wp-json/wp/v2/comments").first)
        XCTAssertEqual(asked.value("orderby"), "date_gmt")
        XCTAssertEqual(asked.value("order"), "asc")
        XCTAssertEqual(asked.value("per_page"), "100")
        XCTAssertEqual(asked.value("status"), "all", "with an application password, held comments too")
        XCTAssertNotNil(asked.headers["authorization"])

        standIn.clearRequests()
        let second = fetch(wordpress)
        // `after` is exclusive, in whole seconds: asked from a second before the newest kept.
        XCTAssertEqual(second.line, "wordpress heed-editor: imported 0, updated 0, unchanged 1, skipped 0, answered elsewhere 0")
        XCTAssertEqual(standIn.requests(to: "/wp/wp-json/wp/v2/comments").map { $0.value("after") }, ["2025-08-28T08:34:47"])
    }

    func testACommentInTheSameSecondAsTheNewestKeptIsNotLost() throws {
        let second = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 600).rounded(.down))
        standIn.wordpress.addComment("first in this second", at: second)
        _ = fetch(wordpress)
        let late = standIn.wordpress.addComment("later in the same second", at: second.addingTimeInterval(0.5))
        let outcome = fetch(wordpress)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.wordpress, late), "waiting")
    }

    func testAFirstFetchGoesBackNoFurtherThanSince() throws {
        let recent = standIn.wordpress.addComment("recent", at: Date().addingTimeInterval(-3_600))
        let outcome = fetch(wordpress, since: 86_400)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.wordpress, recent), "waiting")
        XCTAssertNil(try state(.wordpress, "3"), "the recorded thread is older")
    }

    func testPagesFollowTotalPagesWithTheSameBound() throws {
        _ = fetch(wordpress)
        standIn.wordpress.addComments(250)
        standIn.clearRequests()
        let outcome = fetch(wordpress)
        XCTAssertEqual(outcome.counts.counts.imported, 250, outcome.line)
        let pages = standIn.requests(to: "/wp/wp-json/wp/v2/comments")
        XCTAssertEqual(pages.map { $0.value("page") }, ["1", "2", "3"])
        XCTAssertEqual(Set(pages.map { $0.value("after") }), ["2025-08-28T08:34:47"])
        standIn.clearRequests()
        XCTAssertEqual(fetch(wordpress).counts.counts.imported, 0)
        XCTAssertEqual(standIn.requests(to: "/wp/wp-json/wp/v2/comments").count, 1)
    }

    func testOnASiteWestOfUTCTheCursorIsTheSitesOwnTime() throws {
        standIn.wordpress.offset = -5 * 3_600
        let earlier = standIn.wordpress.addComment("earlier", at: Date().addingTimeInterval(-3_600))
        _ = fetch(wordpress)
        XCTAssertEqual(try state(.wordpress, earlier), "waiting")
        // Five hours behind: compared with UTC, this comment would seem older than the last one.
        let later = standIn.wordpress.addComment("later", at: Date().addingTimeInterval(-1_800))
        let outcome = fetch(wordpress)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.wordpress, later), "waiting")
    }

    func testWithoutAPasswordOnlyPublishedPublicCommentsAreSeen() throws {
        standIn.wordpress.makePrivate(12)
        let held = standIn.wordpress.addComment("awaiting moderation", status: "hold")
        let hidden = standIn.wordpress.addComment("on a private post", on: 12)
        var account = wordpress
        account.secrets = [:]
        let outcome = fetch(account)
        XCTAssertNil(outcome.failure)
        XCTAssertNil(standIn.requests(to: "/wp/wp-json/wp/v2/comments").first?.value("status"))
        XCTAssertEqual(standIn.requests(to: "/wp/wp-json/wp/v2/users").first?.value("slug"), "heed-editor", "the public author by handle")
        XCTAssertNil(try state(.wordpress, held))
        XCTAssertNil(try state(.wordpress, hidden))
        try store.forgetCursors(account: account.key)
        _ = fetch(wordpress)
        XCTAssertEqual(try state(.wordpress, held), "waiting")
        XCTAssertEqual(try state(.wordpress, hidden), "waiting")
    }

    func testAReplyGivenInWordPressMarksItsCommentAnsweredAndIsNotQueued() throws {
        let id = standIn.wordpress.addComment("does this work on PHP 8?")
        try assertAnsweredElsewhere(wordpress, .wordpress, id) { standIn.wordpress.addReply(to: id) }
        XCTAssertEqual(try count(.wordpress), 3, "the recorded two and the reader's comment; the user's reply is an answer")
    }

    func testAWrongApplicationPasswordIsNamedWithTheSitesReason() throws {
        var account = wordpress
        account.secrets["password"] = printed("wrong pass zqxj")
        let outcome = fetch(account)
        XCTAssertEqual(outcome.failure, "bad token or password (401 Unauthorized: The provided password is an invalid application password.)")
        XCTAssertFalse((outcome.line + outcome.notes.joined()).contains("zqxj"))
    }

    func testWithoutAHandleTheUsersOwnCommentsCannotBeToldApart() throws {
        var account = wordpress
        account.secrets = [:]
        account.handle = nil
        let outcome = fetch(account)
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(outcome.account, "wordpress")
        XCTAssertTrue(outcome.notes.contains { $0.hasPrefix("without handle") }, "\(outcome.notes)")
    }
}
