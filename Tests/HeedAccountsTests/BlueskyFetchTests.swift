import Foundation
import HeedAccounts
import HeedCore
import XCTest

/// Bluesky against the stand-in: sessions made, kept owner-only, refreshed and made again as
/// the API says; the recorded notifications and the user's own replies.
final class BlueskyFetchTests: FetchCase {
    var sessionFile: String { directory.appendingPathComponent("data/sessions/bluesky-you.bsky.social-127.0.0.1.json").path }

    func testAFirstFetchTakesTheRecordedMentionsRepliesAndQuotesThenNothingNew() throws {
        let first = fetch(bluesky)
        XCTAssertNil(first.failure)
        // The recorded page: 3 mentions, 17 replies, 4 quotes (the reasons filter leaves the rest out).
        XCTAssertEqual(first.counts.counts.imported, 24, first.line)
        let asked = try XCTUnwrap(standIn.requests(to: "/xrpc/app.bsky.notification.listNotifications").first)
        XCTAssertEqual(asked.values("reasons"), ["mention", "reply", "quote"])
        XCTAssertEqual(asked.value("limit"), "100")

        let second = fetch(bluesky)
        XCTAssertEqual(second.counts.counts.imported, 0, second.line)
        // The API has no "since": the newest page comes again, and the walk stops there, at the newest kept.
        XCTAssertEqual(second.counts.counts.unchanged, 24, second.line)
        XCTAssertEqual(standIn.requests(to: "/xrpc/app.bsky.notification.listNotifications").count, 2)
        XCTAssertEqual(standIn.bluesky.sessionsCreated, 1, "the kept session is used again")
    }

    func testTheSessionIsKeptOwnerOnlyAndHoldsNoPassword() throws {
        _ = fetch(bluesky)
        var info = stat()
        XCTAssertEqual(stat(sessionFile, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat((sessionFile as NSString).deletingLastPathComponent, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o700)
        let kept = try String(contentsOfFile: sessionFile, encoding: .utf8)
        XCTAssertTrue(kept.contains("accessJwt"))
        XCTAssertFalse(kept.contains(standIn.bluesky.password))
        XCTAssertFalse(try storeBytes().contains("accessJwt"))
    }

    func testAnExpiredAccessTokenIsRefreshedAndARevokedRefreshTokenSignsInAgain() throws {
        _ = fetch(bluesky)
        standIn.bluesky.expireAccessTokens()
        let refreshed = fetch(bluesky)
        XCTAssertNil(refreshed.failure)
        XCTAssertEqual(standIn.bluesky.refreshes, 1)
        XCTAssertEqual(standIn.bluesky.sessionsCreated, 1)

        // A session file whose refresh token the server no longer takes.
        let kept = try String(contentsOfFile: sessionFile, encoding: .utf8)
        standIn.bluesky.expireAccessTokens()
        _ = fetch(bluesky)
        try kept.write(toFile: sessionFile, atomically: true, encoding: .utf8)
        standIn.bluesky.expireAccessTokens()
        let again = fetch(bluesky)
        XCTAssertNil(again.failure)
        XCTAssertEqual(standIn.bluesky.sessionsCreated, 2, "signed in again with the app password")
    }

    func testAnAccessTokenAboutToExpireIsRefreshedBeforeItIsUsed() throws {
        standIn.bluesky.accessLifetime = 30
        _ = fetch(bluesky)
        standIn.clearRequests()
        _ = fetch(bluesky)
        XCTAssertEqual(standIn.requests.first?.path, "/xrpc/com.atproto.server.refreshSession")
        XCTAssertEqual(standIn.requests.filter { $0.path.hasSuffix("listNotifications") }.count, 1, "no request was refused first")
    }

    func testAReplyGivenInBlueskyMarksItsItemAnsweredElsewhere() throws {
        let uri = standIn.bluesky.addMention("@you.bsky.social are you coming?")
        try assertAnsweredElsewhere(bluesky, .bluesky, uri) { standIn.bluesky.addReply(to: uri) }
        let feed = standIn.requests(to: "/xrpc/app.bsky.feed.getAuthorFeed").last
        XCTAssertEqual(feed?.value("actor"), standIn.bluesky.did)
        XCTAssertEqual(feed?.value("filter"), "posts_with_replies")
    }

    func testAWrongAppPasswordFailsWithTheServersReason() throws {
        var account = bluesky
        account.secrets["password"] = .command("echo not-the-password")
        let outcome = fetch(account)
        XCTAssertEqual(outcome.failure, "bad token or password (401 Unauthorized: AuthenticationRequired: Invalid identifier or password)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sessionFile))
    }
}
