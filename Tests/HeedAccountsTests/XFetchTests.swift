import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// X against the stand-in: the user looked up by handle, mentions with the fields and
/// authors the reader needs, asked from `since_id` after the first fetch, paged by
/// `pagination_token`; the user's own replies answering what they reply to; X's limits.
final class XFetchTests: FetchCase {
    func testAFirstFetchTakesTheMentionsWithTheirAuthorsAndASecondAsksFromTheNewestID() throws {
        let first = fetch(x)
        XCTAssertNil(first.failure)
        // The recorded conversation mentions @snowman twice; his own two posts are answers.
        XCTAssertEqual(first.counts.counts.imported, 2, first.line)
        let item = try XCTUnwrap(try store.item(Ref(platform: .x, id: "1276035977375477760"))).mention
        XCTAssertEqual(item.author.handle, "happycamper")
        XCTAssertEqual(item.author.name, "Emily Waligoske 🏕")
        XCTAssertEqual(item.inReplyTo, "1275653067283759104")
        XCTAssertEqual(standIn.requests(to: "/x/2/users/by/username/snowman").count, 1, "the id, looked up by handle")
        let mentions = try XCTUnwrap(standIn.requests(to: "/x/2/users/17200003/mentions").first)
        XCTAssertEqual(mentions.value("expansions"), "author_id")
        XCTAssertEqual(mentions.value("max_results"), "100")
        XCTAssertNotNil(mentions.value("start_time"), "a first fetch goes back to since")
        XCTAssertNil(mentions.value("since_id"))
        XCTAssertFalse(first.notes.contains { $0.hasPrefix("X:") }, "the fields the reader needs were asked for: \(first.notes)")

        standIn.clearRequests()
        let second = fetch(x)
        XCTAssertEqual(second.line, "x snowman: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0")
        XCTAssertEqual(standIn.requests(to: "/x/2/users/17200003/mentions").first?.value("since_id"), "1276035977375477760")
        XCTAssertEqual(standIn.requests(to: "/x/2/users/17200003/tweets").first?.value("since_id"), "1275882613572583424")
    }

    func testAFirstFetchGoesBackNoFurtherThanSince() throws {
        let recent = standIn.x.addMention("recent", at: Date().addingTimeInterval(-3_600))
        let outcome = fetch(x, since: 86_400)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.x, recent), "waiting")
        let start = try XCTUnwrap(standIn.requests(to: "/x/2/users/17200003/mentions").first?.value("start_time"))
        XCTAssertEqual(Timestamp.parseISO(start)?.timeIntervalSinceNow ?? 0, -86_400, accuracy: 60)
    }

    func testNewMentionsArePagedByTokenAllFromTheKeptID() throws {
        _ = fetch(x)
        standIn.x.addMentions(250)
        standIn.clearRequests()
        let outcome = fetch(x)
        XCTAssertEqual(outcome.counts.counts.imported, 250, outcome.line)
        let pages = standIn.requests(to: "/x/2/users/17200003/mentions")
        XCTAssertEqual(pages.count, 3)
        XCTAssertEqual(pages.map { $0.value("since_id") }, Array(repeating: "1276035977375477760", count: 3))
        XCTAssertEqual(pages.map { $0.value("pagination_token") == nil }, [true, false, false])
        standIn.clearRequests()
        XCTAssertEqual(fetch(x).counts.counts.imported, 0)
        XCTAssertEqual(standIn.requests(to: "/x/2/users/17200003/mentions").count, 1)
    }

    func testAUserIDSkipsTheLookupAndWithoutAHandleNamesTheAccountByTheAPIsOwn() throws {
        var account = x
        account.settings["user_id"] = standIn.x.userID
        XCTAssertNil(fetch(account).failure)
        XCTAssertTrue(standIn.requests.filter { $0.path.hasPrefix("/x/2/users/by/") || $0.path == "/x/2/users/17200003" }.isEmpty)
        account.handle = nil
        let unnamed = fetch(account)
        XCTAssertEqual(unnamed.account, "x snowman")
        XCTAssertEqual(standIn.requests(to: "/x/2/users/17200003").count, 1)
    }

    func testAnUnknownHandleIsNamedWithXsReason() throws {
        var account = x
        account.handle = "nobody_here"
        let outcome = fetch(account)
        XCTAssertEqual(outcome.failure, "X does not know the user (Could not find user with username: [nobody_here].): is handle = or user_id = right?")
    }

    func testAReplyGivenOnXMarksItsMentionAnsweredElsewhere() throws {
        let id = standIn.x.addMention("is the release out?")
        try assertAnsweredElsewhere(x, .x, id) { standIn.x.addReply(to: id) }
        XCTAssertEqual(standIn.requests(to: "/x/2/users/17200003/tweets").last?.value("exclude"), "retweets")
    }

    func testASpentLimitWaitsForTheResetItNames() throws {
        standIn.x.rate = .init(limit: 450, remaining: 1, resetIn: 40)
        let x = standIn.x
        let outcome = fetch(self.x) { x.rate = .init(limit: 450, remaining: 450, resetIn: 900) }
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(slept.values.count, 1)
        XCTAssertEqual(slept.values.first ?? 0, 40, accuracy: 1.5, "x-rate-limit-reset: the epoch second the window starts again")
    }

    func testABadTokenIsNamedWithXsReasonAndWithoutTheToken() throws {
        var account = x
        account.secrets["token"] = printed("wrong-bearer-zqxj")
        let outcome = fetch(account)
        XCTAssertEqual(outcome.failure, "bad token or password (401 Unauthorized: Unauthorized)")
        XCTAssertEqual(standIn.requests.count, 1, "a 401 is never retried")
        XCTAssertFalse((outcome.line + outcome.notes.joined()).contains("zqxj"))
        XCTAssertFalse(try storeBytes().contains("zqxj"))
    }
}
