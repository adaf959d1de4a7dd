import Foundation
import HeedCore
@testable import HeedImport
import XCTest

/// Shapes users really save, through detection and the reader (never the format named):
/// Mastodon's grouped notifications, what `jq .notifications` leaves of a Bluesky page, one
/// FriendFeed entry, Reddit's older inbox without `type`, GitHub Enterprise's notification URLs,
/// X's reposts fetched with default fields.
final class SavedShapesTests: XCTestCase {
    typealias F = SocialFixtures

    /// What a file of `text` (or `value`) is read as, its format detected.
    func outcome(_ text: String) throws -> SocialOutcome {
        var outcome = SocialOutcome()
        try MentionFile.read(bytes: Array(text.utf8), file: "f") { outcome.take($0) }
        return outcome
    }

    func outcome(_ value: JSON) throws -> SocialOutcome {
        try outcome(String(decoding: try JSONSerialization.data(withJSONObject: value.foundation), as: UTF8.self))
    }

    // MARK: - Mastodon, GET /api/v2/notifications

    static func status(_ id: String, acct: String, url: String, text: String, visibility: String = "public", reply: String? = nil) -> String {
        let replyField = reply.map { "\"\($0)\"" } ?? "null"
        return #"{"id":"\#(id)","created_at":"2026-11-20T09:00:00.000Z","in_reply_to_id":\#(replyField),"visibility":"\#(visibility)","spoiler_text":"","content":"<p>\#(text)</p>","url":"\#(url)/\#(id)","uri":"\#(url)/statuses/\#(id)","account":{"id":"a-\#(acct)","username":"\#(acct.split(separator: "@")[0])","acct":"\#(acct)","display_name":"","url":"\#(url)"},"mentions":[{"id":"43","username":"you","url":"https://mastodon.social/@you","acct":"you"},{"id":"44","username":"bo","url":"https://x.social/@bo","acct":"bo@x.social"}],"media_attachments":[]}"#
    }

    static let grouped = #"""
        {
          "accounts": [
            {"id": "16", "username": "eve", "acct": "eve", "display_name": "Eve", "url": "https://mastodon.social/@eve"},
            {"id": "3547", "username": "alice", "acct": "alice@example.social", "display_name": "Alice", "url": "https://example.social/@alice"}
          ],
          "partial_accounts": [
            {"id": "31460", "acct": "bob", "locked": false, "bot": false, "url": "https://mastodon.social/@bob", "avatar": "a.png", "avatar_static": "a.png"}
          ],
          "statuses": [
            \#(status("113010503322889311", acct: "you", url: "https://mastodon.social/@you", text: "my own post")),
            \#(status("113010503322889400", acct: "alice@example.social", url: "https://example.social/@alice", text: "@you is the meetup on?")),
            \#(status("113010503322889500", acct: "eve", url: "https://mastodon.social/@eve", text: "@you psst", visibility: "direct", reply: "113010503322889311"))
          ],
          "notification_groups": [
            {"group_key": "favourite-113010503322889311-479000", "notifications_count": 2, "type": "favourite", "most_recent_notification_id": 196014,
             "page_min_id": "196013", "page_max_id": "196014", "latest_page_notification_at": "2024-08-23T08:59:56.743Z",
             "sample_account_ids": ["16", "31460"], "status_id": "113010503322889311"},
            {"group_key": "ungrouped-196010", "notifications_count": 1, "type": "mention", "most_recent_notification_id": "196010",
             "sample_account_ids": ["3547"], "status_id": "113010503322889400"},
            {"group_key": "ungrouped-196009", "notifications_count": 1, "type": "mention", "most_recent_notification_id": "196009",
             "sample_account_ids": ["16"], "status_id": "113010503322889500"},
            {"group_key": "follow-479001", "notifications_count": 3, "type": "follow", "most_recent_notification_id": "196008",
             "sample_account_ids": ["31460", "16"]},
            {"group_key": "ungrouped-196007", "notifications_count": 1, "type": "mention", "most_recent_notification_id": "196007",
             "sample_account_ids": ["16"], "status_id": null},
            {"group_key": "ungrouped-196006", "notifications_count": 1, "type": "mention", "most_recent_notification_id": "196006",
             "sample_account_ids": ["16"], "status_id": "999"}
          ]
        }
        """#

    func testMastodonGroupedNotifications() throws {
        let out = try outcome(Self.grouped)
        XCTAssertEqual(out.mentions.map(\.id), ["113010503322889400", "113010503322889500"])
        XCTAssertEqual(out.skipped, ["like": 1, "follow": 1, "deleted post": 1])
        XCTAssertEqual(out.rejected.map(\.description), ["f:notification_groups[5]: status 999 is not among the page's 'statuses'"])
        let meetup = out.mentions[0]
        XCTAssertEqual(meetup.author, Author(handle: "alice@example.social", name: nil, url: "https://example.social/@alice"))
        XCTAssertEqual(meetup.text, "@you is the meetup on?")
        XCTAssertEqual(meetup.kind, .mention)
        XCTAssertEqual(meetup.replyTarget["in_reply_to_id"], "113010503322889400")
        XCTAssertEqual(out.mentions[1].kind, .dm)
        XCTAssertEqual(out.mentions[1].replyTarget["visibility"], "direct")
        XCTAssertEqual(out.mentions[1].inReplyTo, "113010503322889311")
    }

    func testOneMastodonGroupAloneAndGroupsOfTheFourPointThreePreviews() throws {
        // GET /api/v2/notifications/:group_key: the same shape, one group, no page ids.
        let one = #"{"accounts":[{"id":"3547","acct":"alice@example.social","username":"alice","url":"https://example.social/@alice"}],"statuses":[\#(Self.status("7", acct: "alice@example.social", url: "https://example.social/@alice", text: "hi"))],"notification_groups":[{"group_key":"ungrouped-1","notifications_count":1,"type":"mention","most_recent_notification_id":"1","sample_account_ids":["3547"],"status_id":"7"}]}"#
        XCTAssertEqual(try outcome(one).mentions.map(\.id), ["7"])
        // Groups that embed their status and accounts.
        let embedded = #"{"notification_groups":[{"group_key":"ungrouped-2","notifications_count":1,"type":"quote","most_recent_notification_id":"2","sample_accounts":[{"id":"9","acct":"q@quote.example","url":"https://quote.example/@q"}],"status":\#(Self.status("8", acct: "q@quote.example", url: "https://quote.example/@q", text: "look"))}]}"#
        let quoted = try outcome(embedded)
        XCTAssertEqual(quoted.mentions.map(\.kind), [.quote])
        XCTAssertEqual(quoted.mentions.first?.author.handle, "q@quote.example")
        let empty = try outcome(#"{"accounts":[],"statuses":[],"notification_groups":[]}"#)
        XCTAssertEqual(empty.events, 0)
    }

    // MARK: - Bluesky, what jq leaves

    func testABlueskyPagesNotificationsBareOrOneAtATime() throws {
        let page = try F.sample("bluesky/listNotifications_atprotodart.json")
        let whole = try outcome(page)
        let bare = try outcome(try XCTUnwrap(page["notifications"]))
        XCTAssertEqual([bare.mentions.count, bare.skippedCount, bare.rejected.count], [24, 176, 0])
        XCTAssertEqual(bare.mentions, whole.mentions)
        let first = try XCTUnwrap(page["notifications"]?.array?.first { $0["reason"]?.string == "mention" })
        let alone = try outcome(first)
        XCTAssertEqual(alone.mentions.map(\.id), [try XCTUnwrap(first["uri"]?.string)])
        let broken = try outcome(#"{"uri":"at://did:plc:a/app.bsky.feed.post/1","reason":"reply"}"#)
        XCTAssertEqual(broken.rejected.map(\.description), ["f:notification: missing 'record'"])
    }

    // MARK: - FriendFeed, one entry

    func testOneFriendFeedEntryReadsAsAFeedOfOne() throws {
        let feed = try F.sample("friendfeed/entries_v1_friendfeed_pyapi_2008.json")
        let entry = try XCTUnwrap(feed["entries"]?[0])
        let alone = try outcome(entry)
        let whole = try outcome(feed)
        XCTAssertEqual([alone.mentions.count, alone.skippedCount, alone.rejected.count], [1, 3, 0])
        XCTAssertEqual(alone.mentions, whole.mentions)
        XCTAssertEqual(try outcome(#"{"id":"e1","user":{"nickname":"ann"},"likes":[]}"#).skipped, ["written by you": 1])
    }

    // MARK: - Reddit, the older inbox

    func testRedditListingsWithoutTypeTellWhatEachIsBySubject() throws {
        let listing = #"""
            {"kind":"Listing","data":{"after":null,"children":[
             {"kind":"t1","data":{"name":"t1_a1","id":"a1","author":"ann","body":"good point","subject":"comment reply","was_comment":true,
              "created_utc":1488000000.0,"context":"/r/swift/comments/5x1/title/a1/?context=3","parent_id":"t1_p1","link_title":"Title"}},
             {"kind":"t1","data":{"name":"t1_a2","id":"a2","author":"bo","body":"on your post","subject":"post reply","was_comment":true,
              "created_utc":1488000100.0,"context":"/r/swift/comments/5x1/title/a2/?context=3","parent_id":"t3_5x1"}},
             {"kind":"t1","data":{"name":"t1_a3","id":"a3","author":"cy","body":"/u/you see this","subject":"username mention","was_comment":true,
              "created_utc":1488000200.0,"context":"/r/swift/comments/5x2/other/a3/?context=3","parent_id":"t3_5x2"}},
             {"kind":"t4","data":{"name":"t4_m1","id":"m1","author":"dee","body":"hello","subject":"a question","was_comment":false,
              "created_utc":1488000300.0,"context":"","parent_id":null,"first_message_name":null}}
            ]}}
            """#
        let out = try outcome(listing)
        XCTAssertEqual(out.mentions.map(\.id), ["t1_a1", "t1_a2", "t1_a3", "t4_m1"])
        XCTAssertEqual(out.mentions.map(\.kind), [.reply, .reply, .mention, .dm])
        XCTAssertEqual(out.mentions[0].conversation, "t3_5x1")
        XCTAssertEqual(out.mentions[0].replyTarget, ["thing_id": "t1_a1"])

        // PRAW's recorded inbox, its `type` taken out: every item reads as before.
        let recorded = try F.sample("reddit/message_inbox_praw.json")
        let untyped = try outcome(Self.removing("type", from: recorded))
        let typed = try outcome(recorded)
        XCTAssertEqual(untyped.mentions.map(\.kind), typed.mentions.map(\.kind))
        XCTAssertEqual(untyped.mentions.count, 100)
    }

    /// A JSON value with every member named `key` taken out, at any depth.
    static func removing(_ key: String, from value: JSON) -> JSON {
        switch value {
        case .object(let object): .object(object.filter { $0.key != key }.mapValues { removing(key, from: $0) })
        case .array(let items): .array(items.map { removing(key, from: $0) })
        default: value
        }
    }

    // MARK: - GitHub Enterprise

    func testGitHubEnterpriseNotificationsKeepTheirLinkAndReplyTarget() throws {
        let docs = try F.sample("github/notifications_docs_example_thread_items.json")
        let text = String(decoding: try JSONSerialization.data(withJSONObject: docs.foundation), as: UTF8.self)
            .replacingOccurrences(of: "https:\\/\\/api.github.com\\/", with: "https:\\/\\/ghe.example.com\\/api\\/v3\\/")
            .replacingOccurrences(of: "https://api.github.com/", with: "https://ghe.example.com/api/v3/")
            .replacingOccurrences(of: "\"subscribed\"", with: "\"mention\"")
        let out = try outcome(text)
        let thread = try XCTUnwrap(out.mentions.first)
        XCTAssertEqual(thread.url, "https://ghe.example.com/octokit/octokit.rb/issues/123")
        XCTAssertEqual(thread.replyTarget, ["comments_url": "https://ghe.example.com/api/v3/repos/octokit/octokit.rb/issues/123/comments"])
        XCTAssertEqual(GitHubFormat.webURL("https://ghe.example.com:8443/api/v3/repos/o/r/pulls/7"), "https://ghe.example.com:8443/o/r/pull/7")
        XCTAssertEqual(GitHubFormat.commentsURL("https://ghe.example.com/api/v3/repos/o/r/pulls/7"), "https://ghe.example.com/api/v3/repos/o/r/issues/7/comments")
        XCTAssertEqual(GitHubFormat.webURL("https://api.github.com/repos/o/r/commits/abc"), "https://github.com/o/r/commit/abc")
        XCTAssertNil(GitHubFormat.webURL("https://ghe.example.com/repos/o/r/issues/1"), "an Enterprise API lives under /api/v3")
    }

    // MARK: - X with default fields

    func testXRepostsWithDefaultFieldsAreSkippedAndTheAdviceSaysWhatWasMissing() throws {
        let defaults = #"{"data":[{"edit_history_tweet_ids":["1578516220231397376"],"id":"1578516220231397376","text":"RT @Twitter: make it so"},{"edit_history_tweet_ids":["1578516220231397377"],"id":"1578516220231397377","text":"@Twitter RT @ this"}],"meta":{"result_count":2}}"#
        let out = try outcome(defaults)
        XCTAssertEqual(out.skipped, ["repost": 1])
        XCTAssertEqual(out.mentions.map(\.id), ["1578516220231397377"])
        XCTAssertEqual(out.advice, ["X: the posts came without their time or author; request tweet.fields=created_at,author_id,conversation_id,referenced_tweets&expansions=author_id (and user.fields=username,name) next time."])

        let timed = #"{"data":[{"id":"1","text":"@you hi","created_at":"2026-01-01T00:00:00.000Z","edit_history_tweet_ids":["1"]}],"meta":{"result_count":1}}"#
        XCTAssertEqual(try outcome(timed).advice, ["X: the posts came without their author; request tweet.fields=created_at,author_id,conversation_id,referenced_tweets&expansions=author_id (and user.fields=username,name) next time."])
        let authored = #"{"data":[{"id":"1578516220231397376","text":"@you hi","author_id":"5","edit_history_tweet_ids":["1"]}],"includes":{"users":[{"id":"5","username":"ann","name":"Ann"}]},"meta":{"result_count":1}}"#
        XCTAssertEqual(try outcome(authored).advice, ["X: the posts came without their time; request tweet.fields=created_at,author_id,conversation_id,referenced_tweets&expansions=author_id (and user.fields=username,name) next time."])
        let unnamed = #"{"data":[{"id":"1","text":"@you hi","author_id":"5","created_at":"2026-01-01T00:00:00.000Z"}],"meta":{"result_count":1}}"#
        XCTAssertEqual(try outcome(unnamed).advice, ["X: the posts named their authors by id only; request expansions=author_id (and user.fields=username,name) next time, so includes.users names them."])
        let complete = #"{"data":[{"id":"1","text":"@you hi","author_id":"5","created_at":"2026-01-01T00:00:00.000Z"}],"includes":{"users":[{"id":"5","username":"ann"}]},"meta":{"result_count":1}}"#
        XCTAssertEqual(try outcome(complete).advice, [])
    }
}

extension JSON {
    /// The value as JSONSerialization writes it (for fixtures built from samples).
    var foundation: Any {
        switch self {
        case .object(let object): object.mapValues(\.foundation)
        case .array(let items): items.map(\.foundation)
        case .string(let text): text
        case .integer(let digits): Int64(digits).map { NSNumber(value: $0) } ?? NSDecimalNumber(string: digits)
        case .number(let value): value
        case .bool(let flag): flag
        case .null: NSNull()
        }
    }
}
