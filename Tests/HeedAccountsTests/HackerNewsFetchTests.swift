import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// Hacker News against the stand-in: the user's recent items and the replies to them, only
/// replies newer than the newest kept asked again; the user's own comments answering what they
/// reply to; items older than the watch left alone; an unknown user named.
final class HackerNewsFetchTests: FetchCase {
    func item(_ id: Int) -> String { "/hn/v0/item/\(id).json" }

    func testAFirstFetchTakesTheRepliesToTheUsersItemsAndASecondAsksOnlyForNewOnes() throws {
        let first = fetch(hackernews)
        XCTAssertNil(first.failure)
        // The recorded comment has seven replies; the comment itself is the user's.
        XCTAssertEqual(first.counts.counts.imported, 7, first.line)
        let reply = try XCTUnwrap(try store.item(Ref(platform: .hackernews, id: "2922097"))).mention
        XCTAssertEqual(reply.inReplyTo, "2921983")
        XCTAssertEqual(reply.author.handle, "reader0")
        XCTAssertNil(try state(.hackernews, "2921983"), "the user's own comment is not queued")
        XCTAssertEqual(standIn.requests(to: "/hn/v0/user/norvig.json").count, 1)
        XCTAssertTrue(standIn.requests.allSatisfy { $0.headers["authorization"] == nil }, "Hacker News takes no secret")

        standIn.clearRequests()
        let second = fetch(hackernews)
        XCTAssertEqual(second.line, "hackernews norvig: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0")
        XCTAssertEqual(standIn.requests.map(\.path), ["/hn/v0/user/norvig.json", item(standIn.hackernews.recordedID)],
                       "the user's item is read again, its known replies are not")

        let new = standIn.hackernews.addReply(to: standIn.hackernews.recordedID, "A late reply")
        standIn.clearRequests()
        let third = fetch(hackernews)
        XCTAssertEqual(third.counts.counts.imported, 1, third.line)
        XCTAssertEqual(try state(.hackernews, "\(new)"), "waiting")
        XCTAssertEqual(standIn.requests.map(\.path).filter { $0.hasPrefix("/hn/v0/item/") }, [item(standIn.hackernews.recordedID), item(new)])
    }

    func testRepliesToAStoryAreTakenAndItsDeletedRepliesSkipped() throws {
        let story = standIn.hackernews.addStory("Show HN: heed")
        let kept = standIn.hackernews.addReply(to: story, "Nice work")
        let gone = standIn.hackernews.addReply(to: story, "spam")
        standIn.hackernews.delete(gone)
        let outcome = fetch(hackernews)
        XCTAssertEqual(outcome.counts.counts.imported, 8, outcome.line)
        XCTAssertEqual(outcome.counts.counts.skipped, 1, outcome.line)
        XCTAssertEqual(try state(.hackernews, "\(kept)"), "waiting")
        XCTAssertNil(try state(.hackernews, "\(gone)"))
    }

    func testTheUsersReplyOnHackerNewsMarksWhatItAnswers() throws {
        let story = standIn.hackernews.addStory("Ask HN: terminal inboxes?")
        let question = standIn.hackernews.addReply(to: story, "Does it work over ssh?")
        try assertAnsweredElsewhere(hackernews, .hackernews, "\(question)") {
            standIn.hackernews.addReply(to: question, "Yes, it is a terminal program.", by: standIn.hackernews.username)
        }
        XCTAssertEqual(try count(.hackernews), 8, "the recorded replies and the question; the user's answer is not queued")
    }

    func testItemsOlderThanAFirstFetchGoesBackAreNotRead() throws {
        let story = standIn.hackernews.addStory("recent")
        let reply = standIn.hackernews.addReply(to: story)
        let outcome = fetch(hackernews, since: 3_600)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.hackernews, "\(reply)"), "waiting")
        XCTAssertTrue(standIn.requests(to: item(2_922_097)).isEmpty, "the recorded comment, a day old, is past since")
    }

    func testAnUnknownUserIsNamed() throws {
        var account = hackernews
        account.handle = "nobody-here"
        let outcome = fetch(account)
        XCTAssertEqual(outcome.failure, "Hacker News has no user nobody-here: is handle = right?")
    }
}
