import Foundation
import StandIn
import TestSupport
import XCTest

/// `heed send`, the real binary against the stand-in: a reply saved in the queue is posted once
/// to the right status with the draft's key, the outbox says where it went, a second send posts
/// nothing, a heed killed between the request and its record posts nothing again, and the
/// platform's refusals leave the draft pending with the reason.
final class SendE2ETests: StandInE2ECase {
    /// `heed send` with `arguments` (`--yes` unless told), its output kept.
    func send(_ arguments: [String] = ["--yes"]) throws -> SpawnResult {
        let result = try Spawn.run([heed, "send"] + arguments, environment: fetchEnvironment)
        outputs += [result.stdout, result.stderr]
        return result
    }

    /// `heed outbox`'s rows, piped: draft, status, platform, ref, and where it went or why
    /// not before the text, tab-separated.
    func outbox() throws -> String {
        let result = try Spawn.run([heed, "outbox"], environment: fetchEnvironment)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    /// The status column of `heed outbox`'s rows, counted.
    func states() throws -> [String: Int] {
        try outbox().split(separator: "\n").reduce(into: [:]) { counts, row in
            counts[String(row.split(separator: "\t", omittingEmptySubsequences: false)[1]), default: 0] += 1
        }
    }

    /// The POSTs that made statuses (the context look-ups are another path).
    var statusPosts: [LoggedRequest] { standIn.requests(to: "/api/v1/statuses").filter { $0.method == "POST" } }

    /// Fetches a new Mention from the stand-in's Mastodon and puts a draft answering it in the
    /// outbox, written as the composer writes one; returns the status id.
    func fetchedDraft(_ id: String, text: String) throws -> String {
        try writeConfig(["mastodon"])
        let status = standIn.mastodon.addMention("@noiob when is the release?")
        XCTAssertEqual(try fetch().status, 0)
        let line = #"{"record":"draft","draft":"\#(id)","at":"2026-12-01T10:00:00Z","ref":"mastodon:\#(status)","platform":"mastodon","in_reply_to":"\#(status)","reply_target":{"in_reply_to_id":"\#(status)","visibility":"public"},"author":"admin","text":"\#(text)"}"#
        try (line + "\n").write(toFile: outboxPath, atomically: true, encoding: .utf8)
        return status
    }

    /// Opens the queue on the fetched mention "when is the release?" and saves `text` as the reply.
    func saveReplyInTheQueue(_ text: String) throws {
        try openFetchingQueue()
        try tmux.press("/")
        try tmux.type("release")
        try tmux.waitForText("1 found")
        try tmux.press("Enter")
        try tmux.waitFor("the search line closed") { !$0.contains("Enter keep") }
        try tmux.press("r")
        try tmux.waitForText("Reply to admin on mastodon")
        try tmux.type(text)
        try tmux.press("C-s")
        try tmux.waitForText("saved to the outbox")
    }

    func testAReplySavedInTheQueueIsPostedOnceAndTheOutboxSaysWhereItWent() throws {
        try writeConfig(["mastodon"], extra: "[fetch]\nsince = \"10y\"\n")
        let status = standIn.mastodon.addMention("@noiob when is the release?")
        XCTAssertEqual(try fetch().status, 0)
        try saveReplyInTheQueue("Friday, all going well")
        try tmux.press("q")
        try tmux.waitUntilGone()
        let draft = try XCTUnwrap(outboxRecords().first?["draft"] as? String)

        let sent = try send()
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertEqual(sent.stdout, "mastodon noiob@127.0.0.1: sent 1, failed 0, unknown 0\n")
        XCTAssertEqual(statusPosts.count, 1)
        let post = try XCTUnwrap(statusPosts.first)
        XCTAssertEqual(post.headers["idempotency-key"], draft)
        XCTAssertEqual(post.bearer, standIn.mastodon.token)
        XCTAssertEqual(post.json?["in_reply_to_id"] as? String, status)
        XCTAssertEqual(post.json?["visibility"] as? String, "public")
        XCTAssertEqual(post.json?["status"] as? String, "@admin @mastodonpy_test Friday, all going well")
        let made = try XCTUnwrap(standIn.mastodon.posts.first?["id"] as? String)
        let link = "\(standIn.base)/@noiob/\(made)"
        XCTAssertTrue(sent.stderr.contains("draft \(draft) (mastodon:\(status)) sent: \(link)"), sent.stderr)

        let listed = try outbox()
        XCTAssertTrue(listed.hasPrefix("\(draft)\tsent\tmastodon\t"), listed)
        XCTAssertTrue(listed.contains("mastodon:\(status)\t\(link) · @admin @mastodonpy_test Friday, all going well\n"), listed)
        XCTAssertEqual(try states(), ["sent": 1], listed)
        let record = try XCTUnwrap(outboxRecords().last)
        XCTAssertEqual(record["record"] as? String, "sent")
        XCTAssertEqual(record["remote_id"] as? String, made)
        XCTAssertEqual(record["url"] as? String, link)

        let again = try send()
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stderr, "heed: nothing to send\n")
        XCTAssertEqual(statusPosts.count, 1, "a sent draft is never posted again")
        let stats = try Spawn.run([heed, "stats", "--json"], environment: fetchEnvironment)
        let counted = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(counted["outbox"] as? [String: Int], ["sent": 1, "pending": 0, "failed": 0, "unknown": 0], stats.stderr)
        for output in outputs { XCTAssertFalse(output.contains(standIn.mastodon.token), output) }

        // The item's detail pane says where the answer went.
        try openFetchingQueue()
        try tmux.press("/")
        try tmux.type("is:replied")
        try tmux.waitForText("1 answered")
        try tmux.press("Enter")
        let screen = try tmux.waitForText(": \(link)")
        XCTAssertTrue(screen.contains(" UTC: \(link)\n"), screen)
        XCTAssertTrue(screen.contains(" sent 20"), screen)
        try tmux.press("q")
        try tmux.waitUntilGone()
    }

    func testSInTheOutboxScreenPostsTheSelectedDraftOnce() throws {
        try writeConfig(["mastodon"], extra: "[fetch]\nsince = \"10y\"\n")
        let status = standIn.mastodon.addMention("@noiob when is the release?")
        XCTAssertEqual(try fetch().status, 0)
        try saveReplyInTheQueue("on Friday")
        let draft = try XCTUnwrap(outboxRecords().first?["draft"] as? String)
        try tmux.press("o")
        try tmux.waitForText("d discard  s send")
        try tmux.press("s")
        try tmux.waitForText("Post this reply to mastodon now? y posts it, n keeps it in the outbox")
        try tmux.press("y")
        try tmux.waitForText("Sent with mastodon noiob@127.0.0.1: \(standIn.base)/@noiob/")
        try tmux.waitForText("0 pending · 0 exported · 1 sent", " Sent: \(standIn.base)/@noiob/")
        try tmux.press("s")
        try tmux.waitForText("This draft was sent already")
        try tmux.press("Escape")
        try tmux.waitForText("q quit")
        try tmux.press("q")
        try tmux.waitUntilGone()
        XCTAssertEqual(statusPosts.count, 1)
        XCTAssertEqual(statusPosts.first?.json?["in_reply_to_id"] as? String, status)
        XCTAssertEqual(statusPosts.first?.headers["idempotency-key"], draft)
        XCTAssertEqual(try outboxRecords().map { $0["record"] as? String }, ["draft", "sending", "sent"])
    }

    func testAHeedKilledBetweenTheRequestAndItsRecordPostsNothingTheNextTime() throws {
        let status = try fetchedDraft("d-crash", text: "@admin on Friday")
        standIn.fail("/api/v1/statuses", with: .hold)
        let child = try startHeed(["send", "--yes"], environment: fetchEnvironment)
        try waitUntil("the post is made and its answer held") { self.standIn.held == 1 }
        child.killNow()
        _ = child.wait()
        standIn.release()
        XCTAssertEqual(try outboxRecords().last?["record"] as? String, "sending", "the record before the request, and nothing after")
        XCTAssertTrue(try outbox().contains("d-crash\tunknown\t"))

        let next = try send()
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(next.stdout, "mastodon noiob@127.0.0.1: sent 1, failed 0, unknown 0\n")
        XCTAssertEqual(statusPosts.count, 1, "found on the platform, not posted again")
        XCTAssertEqual(standIn.mastodon.posts.count, 1)
        XCTAssertEqual(standIn.requests(to: "/api/v1/statuses/\(status)/context").count, 1, "the earlier try was looked for")
        let record = try XCTUnwrap(outboxRecords().last)
        XCTAssertEqual(record["record"] as? String, "sent")
        XCTAssertEqual(record["remote_id"] as? String, standIn.mastodon.posts.first?["id"] as? String)
    }

    func testWhereThePlatformCannotBeAskedAKilledSendLeavesItUnknownUntilTheUserSays() throws {
        try writeConfig([], extra: "[[accounts]]\nplatform = \"x\"\nhandle = \"you\"\nserver = \"\(standIn.base)/2\"\ntoken_command = \"printf '%s' \(standIn.posting.xToken)\"\n")
        let line = #"{"record":"draft","draft":"d-x","at":"2026-12-01T10:00:00Z","ref":"x:1460323737035677698","platform":"x","in_reply_to":"1460323737035677698","reply_target":{"in_reply_to_tweet_id":"1460323737035677698"},"author":"kenji_t","text":"@kenji_t thanks!"}"#
        try (line + "\n").write(toFile: outboxPath, atomically: true, encoding: .utf8)
        standIn.fail("/2/tweets", with: .hold)
        let child = try startHeed(["send", "--yes"], environment: fetchEnvironment)
        try waitUntil("the post is made and its answer held") { self.standIn.held == 1 }
        child.killNow()
        _ = child.wait()
        standIn.release()

        let next = try send()
        XCTAssertEqual(next.status, 1)
        XCTAssertEqual(next.stdout, "")
        XCTAssertTrue(next.stderr.contains("unknown: draft d-x (x:1460323737035677698): a heed stopped while posting it; unknown — check before sending again, "
                                           + "then heed send --retry-unknown d-x (it is not there) or --mark-sent d-x (it is)"), next.stderr)
        XCTAssertEqual(standIn.posting.posts("x").count, 1, "never posted blindly again")
        XCTAssertEqual(standIn.requests(to: "/2/tweets").count, 1)
        XCTAssertTrue(try outbox().contains("d-x\tunknown\t"))

        let marked = try send(["--yes", "--mark-sent", "d-x"])
        XCTAssertEqual(marked.status, 0, marked.stderr)
        XCTAssertTrue(marked.stderr.contains("draft d-x recorded as sent"), marked.stderr)
        XCTAssertTrue(try outbox().contains("d-x\tsent\t"))
        XCTAssertEqual(standIn.requests(to: "/2/tweets").count, 1)
    }

    func testA401LeavesTheDraftPendingWithTheReason() throws {
        _ = try fetchedDraft("d-401", text: "@admin soon")
        try "not-the-token".write(toFile: directory.appendingPathComponent("mastodon-token").path, atomically: true, encoding: .utf8)
        let result = try send()
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "mastodon noiob@127.0.0.1: sent 0, failed 1, unknown 0; failed: bad token or password (401 Unauthorized: The access token is invalid)\n")
        XCTAssertTrue(result.stderr.contains("draft d-401 (mastodon:"), result.stderr)
        XCTAssertEqual(statusPosts.count, 1, "tried once, never again after a 401")
        XCTAssertTrue(standIn.mastodon.posts.isEmpty)
        let listed = try outbox()
        XCTAssertTrue(listed.hasPrefix("d-401\tfailed\t"), listed)
        XCTAssertTrue(listed.contains("\t401: bad token or password (401 Unauthorized: The access token is invalid) · @admin soon"), listed)
        XCTAssertEqual(try states(), ["failed": 1], listed)
        let stats = try Spawn.run([heed, "stats"], environment: fetchEnvironment)
        XCTAssertTrue(stats.stdout.contains("Replies heed posted: 0 sent · 1 pending (1 failed) · 0 unknown\n"), stats.stdout)
    }

    func testA422LeavesTheDraftPendingWithThePlatformsReasonAndIsNotRetried() throws {
        _ = try fetchedDraft("d-422", text: "@admin soon")
        standIn.fail("/api/v1/statuses", with: .status(422, headers: ["Content-Type": "application/json"], body: #"{"error":"Validation failed: Text character limit of 500 exceeded"}"#))
        let result = try send()
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "mastodon noiob@127.0.0.1: sent 0, failed 1, unknown 0\n")
        XCTAssertTrue(result.stderr.contains("draft d-422 (mastodon:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Validation failed: Text character limit of 500 exceeded"), result.stderr)
        XCTAssertEqual(statusPosts.count, 1, "a 4xx is not retried")
        let record = try XCTUnwrap(outboxRecords().last)
        XCTAssertEqual(record["record"] as? String, "failed")
        XCTAssertEqual(record["status"] as? Int, 422)
        let listed = try outbox()
        XCTAssertTrue(listed.hasPrefix("d-422\tfailed\t"), listed)
        XCTAssertTrue(listed.contains("Validation failed: Text character limit of 500 exceeded"), listed)

        // The next send tries it again (nothing can have been posted: the platform refused it).
        let next = try send()
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(standIn.mastodon.posts.count, 1)
        XCTAssertEqual(try states(), ["sent": 1])
    }

    func testMastodonAndBlueskyRepliesGoOutOnceEachInOneSend() throws {
        try writeConfig(["mastodon", "bluesky"])
        let status = standIn.mastodon.addMention("@noiob when is the release?")
        let uri = standIn.bluesky.addMention("@you.bsky.social is it out?")
        XCTAssertEqual(try fetch().status, 0)
        let cid = "bafystandin1"  // the cid the stand-in gives the first post a test adds
        let lines = [
            #"{"record":"draft","draft":"d-m","at":"2026-12-01T10:00:00Z","ref":"mastodon:\#(status)","platform":"mastodon","in_reply_to":"\#(status)","reply_target":{"in_reply_to_id":"\#(status)","visibility":"public"},"author":"admin","text":"@admin Friday"}"#,
            #"{"record":"draft","draft":"d-b","at":"2026-12-01T10:01:00Z","ref":"bluesky:\#(uri)","platform":"bluesky","in_reply_to":"\#(uri)","reply_target":{"parent_uri":"\#(uri)","parent_cid":"\#(cid)","root_uri":"\#(uri)","root_cid":"\#(cid)"},"text":"Yes, since Monday"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: outboxPath, atomically: true, encoding: .utf8)
        let result = try send()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "mastodon noiob@127.0.0.1: sent 1, failed 0, unknown 0\nbluesky you.bsky.social: sent 1, failed 0, unknown 0\n")
        XCTAssertEqual(standIn.mastodon.posts.count, 1)
        XCTAssertEqual(standIn.bluesky.posts.count, 1)
        XCTAssertEqual((standIn.bluesky.posts.first?.record["reply"] as? [String: [String: String]])?["parent"]?["uri"], uri)
        let listed = try outbox()
        XCTAssertTrue(listed.contains("d-b\tsent\t"), listed)
        XCTAssertTrue(listed.contains("https://bsky.app/profile/you.bsky.social/post/\(standIn.bluesky.posts.first?.rkey ?? "")"), listed)
        XCTAssertEqual(try send().stderr, "heed: nothing to send\n")
        XCTAssertEqual(standIn.bluesky.posts.count + standIn.mastodon.posts.count, 2)
        for output in outputs { XCTAssertFalse(output.contains(standIn.bluesky.password), output) }
    }

    func testWithoutATerminalItAsksForYes() throws {
        _ = try fetchedDraft("d-ask", text: "@admin soon")
        let result = try send([])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("add --yes to post without asking"), result.stderr)
        XCTAssertTrue(statusPosts.isEmpty)
        let dry = try send(["--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let request = try XCTUnwrap(jsonLines(dry.stdout).first)
        XCTAssertEqual(request["url"] as? String, "\(standIn.base)/api/v1/statuses")
        XCTAssertEqual(request["headers"] as? [String: String], ["Authorization": "Bearer ••••", "Content-Type": "application/json", "Idempotency-Key": "d-ask"])
        XCTAssertFalse(dry.stdout.contains(standIn.mastodon.token), dry.stdout)
        XCTAssertTrue(statusPosts.isEmpty)
        XCTAssertEqual(try outboxRecords().count, 1, "a dry run changes nothing")
    }
}
