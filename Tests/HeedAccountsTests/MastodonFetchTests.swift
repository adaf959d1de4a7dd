import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// Mastodon against the stand-in: the recorded notifications, conversations and the user's
/// own replies, fetched page by page with the cursor kept in the page's transaction.
final class MastodonFetchTests: FetchCase {
    func testAFirstFetchTakesTheRecordedMentionsAndASecondAsksOnlyForWhatIsNew() throws {
        let first = fetch(mastodon)
        XCTAssertNil(first.failure)
        // The recorded mentions: one on localhost, one in the docs (the docs' favourite is
        // filtered out by types[]), 40 on mastodon.social of which 39 lost their status; the
        // two recorded conversations end with the user's own messages (skipped, written by you).
        XCTAssertEqual(first.counts.counts.imported, 3, first.line)
        XCTAssertEqual(first.counts.counts.skipped, 41, first.line)
        XCTAssertEqual(try state(.mastodon, "117020576916218297"), "waiting")
        let asked = standIn.requests(to: "/api/v1/notifications")
        XCTAssertEqual(asked.first?.values("types[]"), ["mention", "quote"])
        XCTAssertNil(asked.first?.value("min_id"), "a first fetch starts at the newest page")

        standIn.clearRequests()
        let second = fetch(mastodon)
        XCTAssertEqual(second.line, "mastodon noiob@127.0.0.1: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0")
        let again = standIn.requests(to: "/api/v1/notifications")
        XCTAssertEqual(again.count, 1, "nothing new: one empty page")
        XCTAssertEqual(again.first?.value("min_id"), "550622655", "the second fetch starts after the newest notification seen")
    }

    func testAMentionAddedBetweenFetchesIsTheOnlyOneTakenTheSecondTime() throws {
        _ = fetch(mastodon)
        let id = standIn.mastodon.addMention("@noiob is the meetup still on?")
        let second = fetch(mastodon)
        XCTAssertEqual(second.counts.counts.imported, 1, second.line)
        XCTAssertEqual(second.counts.counts.unchanged, 0, second.line)
        XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: id))?.mention.text, "@noiob is the meetup still on?")
    }

    func testAReplyGivenInMastodonMarksItsItemAnsweredElsewhere() throws {
        let id = standIn.mastodon.addMention("@noiob question?")
        try assertAnsweredElsewhere(mastodon, .mastodon, id) { standIn.mastodon.addReply(to: id) }
        let statuses = standIn.requests.filter { $0.path == "/api/v1/accounts/23634/statuses" }
        XCTAssertEqual(statuses.last?.value("exclude_reblogs"), "true")
    }

    func testAFirstFetchGoesBackNoFurtherThanSince() throws {
        let recent = standIn.mastodon.addMention("@noiob recent", at: Date().addingTimeInterval(-3_600))
        let outcome = fetch(mastodon, since: 86_400)
        XCTAssertEqual(outcome.counts.counts.imported, 1, outcome.line)
        XCTAssertEqual(try state(.mastodon, recent), "waiting")
        XCTAssertNil(try state(.mastodon, "117020576916218297"), "the recorded mention is months old")
        XCTAssertTrue(outcome.notes.contains { $0.contains("older than a first fetch goes back") }, "\(outcome.notes)")
    }

    func testPagesFollowTheLinkHeaderAndEachCarriesItsCursor() throws {
        _ = fetch(mastodon)
        standIn.mastodon.addMentions(200)
        standIn.clearRequests()
        let outcome = fetch(mastodon)
        XCTAssertEqual(outcome.counts.counts.imported, 200, outcome.line)
        let pages = standIn.requests(to: "/api/v1/notifications")
        // 80 a page, forward from the kept min_id, then an empty page.
        XCTAssertEqual(pages.count, 4)
        XCTAssertEqual(Set(pages.map { $0.value("limit") }), ["80"])
        XCTAssertEqual(Set(pages.compactMap { $0.value("min_id") }).count, 4, "each page starts where the one before ended")
    }

    func testAConnectionDroppedMidPageLeavesNothingOfItAndTheCursorWhereItWas() throws {
        _ = fetch(mastodon)
        let id = standIn.mastodon.addMention("@noiob lost in transit?")
        standIn.fail("/api/v1/notifications", with: .dropMidBody, times: 4)
        let dropped = fetch(mastodon)
        XCTAssertEqual(dropped.failure?.hasPrefix("network: the connection was lost"), true, dropped.failure ?? "no failure")
        XCTAssertNil(try state(.mastodon, id), "nothing of the page was imported")
        XCTAssertEqual(slept.values, [1, 2, 4], "three retries with exponential backoff")
        standIn.clearRequests()
        let next = fetch(mastodon)
        XCTAssertNil(next.failure)
        XCTAssertEqual(next.counts.counts.imported, 1, next.line)
        XCTAssertEqual(standIn.requests(to: "/api/v1/notifications").first?.value("min_id"), "550622655", "the cursor had not moved")
        XCTAssertEqual(try state(.mastodon, id), "waiting")
    }

    func testABadTokenFailsNamedWithTheServersReasonAndWithoutTheToken() throws {
        var account = mastodon
        account.secrets["token"] = .command("printf 'wrong-token-zqxj'")
        let outcome = fetch(account)
        XCTAssertEqual(outcome.failure, "bad token or password (401 Unauthorized: The access token is invalid)")
        XCTAssertEqual(standIn.requests.count, 1, "a 401 is never retried")
        XCTAssertEqual(standIn.requests.first?.bearer, "wrong-token-zqxj")
        XCTAssertFalse(outcome.line.contains("zqxj"))
    }

    func testAnOpenQueueReadsASecretOnceAndAgainAfterAFailure() throws {
        let runs = directory.appendingPathComponent("runs").path
        var account = mastodon
        account.secrets["token"] = .command("echo run >> '\(runs)'; printf '%s' \"$MASTODON_TOKEN\"")
        let cache = SecretCache()
        XCTAssertNil(fetch(account, cache: cache).failure)
        XCTAssertNil(fetch(account, cache: cache).failure)
        XCTAssertEqual(try String(contentsOfFile: runs, encoding: .utf8), "run\n", "the second fetch used the kept token")
        // The token was renewed: the kept one fails once, and the next fetch reads the new one.
        standIn.mastodon.token = "renewed-token"
        XCTAssertNotNil(fetch(account, cache: cache).failure)
        XCTAssertNil(fetch(account, cache: cache).failure)
        XCTAssertEqual(try String(contentsOfFile: runs, encoding: .utf8), "run\nrun\n")
    }

    func testNoSecretReachesTheStore() throws {
        standIn.mastodon.addMention("@noiob hello")
        _ = fetch(mastodon)
        standIn.mastodon.addReply(to: "117020576916218297")
        _ = fetch(mastodon)
        XCTAssertFalse(try storeBytes().contains(standIn.mastodon.token))
    }
}
