import Foundation
import HeedCore
import HeedOutbox
import TestSupport
import XCTest

/// Export: one post request per platform, field by field; the drafts that cannot be posted; CSV quoting.
final class ExportTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_763_700_000.25)

    func draft(_ platform: Platform, _ target: [String: String], text: String = "thanks, noted", author: String? = "alice") -> Draft {
        Draft(id: "d1", ref: Ref(platform: platform, id: "n1"), replyTarget: target, author: author, text: text, createdAt: at)
    }

    /// The request for a draft that must be postable, with its body parsed.
    func request(_ draft: Draft, repo: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> (PostRequest, [String: Any]) {
        switch PostRequest.make(for: draft, blueskyRepo: repo) {
        case .failure(let problem):
            XCTFail("not postable: \(problem.reason)", file: file, line: line)
            throw problem
        case .success(let request):
            XCTAssertEqual(request.method, "POST", file: file, line: line)
            let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any], file: file, line: line)
            return (request, body)
        }
    }

    /// The reason a draft cannot be posted; fails when it can.
    func reason(_ draft: Draft, file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard case .failure(let problem) = PostRequest.make(for: draft) else { XCTFail("postable", file: file, line: line); return nil }
        return problem.reason
    }

    func testMastodonKeepsTheOriginalsVisibilityAndNeverGuessesOne() throws {
        for visibility in ["public", "unlisted", "private", "direct"] {
            let (request, body) = try self.request(draft(.mastodon, ["in_reply_to_id": "109", "visibility": visibility]))
            XCTAssertEqual(request.path, "/api/v1/statuses")
            XCTAssertEqual(body as NSDictionary, ["status": "thanks, noted", "in_reply_to_id": "109", "visibility": visibility])
            XCTAssertNil(request.note)
        }
        for target in [["in_reply_to_id": "109"], ["in_reply_to_id": "109", "visibility": ""], ["in_reply_to_id": "109", "visibility": "local"]] {
            let (request, body) = try self.request(draft(.mastodon, target))
            XCTAssertEqual(body as NSDictionary, ["status": "thanks, noted", "in_reply_to_id": "109"], "no visibility wider than the original's")
            XCTAssertEqual(request.note, "the original's visibility is unknown: add \"visibility\" (public, unlisted, private or direct) or your default applies")
        }
    }

    func testBlueskyReplyHasTheShapeOfTheSample() throws {
        let target = ["parent_uri": "at://did:plc:a/app.bsky.feed.post/2", "parent_cid": "bafyparent",
                      "root_uri": "at://did:plc:a/app.bsky.feed.post/1", "root_cid": "bafyroot"]
        let (request, body) = try self.request(draft(.bluesky, target))
        XCTAssertEqual(request.path, "/xrpc/com.atproto.repo.createRecord")
        XCTAssertNil(body["repo"])
        XCTAssertEqual(request.note, "add \"repo\": your own DID (or handle) to the body")
        XCTAssertEqual(body["collection"] as? String, "app.bsky.feed.post")
        let record = try XCTUnwrap(body["record"] as? [String: Any])
        XCTAssertEqual(record["$type"] as? String, "app.bsky.feed.post")
        XCTAssertEqual(record["text"] as? String, "thanks, noted")
        XCTAssertEqual(record["createdAt"] as? String, "2025-11-21T04:40:00.250Z")
        XCTAssertNil(record["facets"])
        XCTAssertEqual(record["reply"] as? NSDictionary, ["root": ["uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "bafyroot"],
                                                          "parent": ["uri": "at://did:plc:a/app.bsky.feed.post/2", "cid": "bafyparent"]])
        XCTAssertTrue(request.body.contains("\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":"), "the sample's key order")

        let data = try Data(contentsOf: SharedFiles.url("samples/bluesky/post_record_reply_docs.json"))
        let docs = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(shape(record), shape(docs))

        let (_, withRepo) = try self.request(draft(.bluesky, target), repo: "did:plc:me")
        XCTAssertEqual(withRepo["repo"] as? String, "did:plc:me")
    }

    /// Keys and value types, recursively: what "the same shape" means.
    func shape(_ value: Any) -> String {
        if let object = value as? [String: Any] { return "{" + object.keys.sorted().map { "\($0):\(shape(object[$0]!))" }.joined(separator: ",") + "}" }
        if let array = value as? [Any] { return "[" + array.map(shape).joined(separator: ",") + "]" }
        return value is String ? "s" : "n"
    }

    func testBlueskyFacetsMatchTheDocsExample() throws {
        let data = try Data(contentsOf: SharedFiles.url("samples/bluesky/post_record_mention_facets_docs.json"))
        let docs = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let text = try XCTUnwrap(docs["text"] as? String)
        let facets = BlueskyFacet.detect(in: text, dids: ["atproto.com": "did:plc:ewvi7nxzyoun6zhxrhs64oiz"])
        let ours = try JSONSerialization.jsonObject(with: Data(("[" + facets.map(\.json).joined(separator: ",") + "]").utf8))
        XCTAssertEqual(ours as? NSArray, docs["facets"] as? NSArray)
    }

    func testBlueskyMentionOffsetsAreUTF8Bytes() throws {
        var target = ["parent_uri": "at://p", "parent_cid": "c1", "root_uri": "at://r", "root_cid": "c2", "author_did": "did:plc:alice"]
        let (_, body) = try self.request(draft(.bluesky, target, text: "日本 @alice.bsky.social hi", author: "alice.bsky.social"))
        let facets = try XCTUnwrap((body["record"] as? [String: Any])?["facets"] as? [[String: Any]])
        XCTAssertEqual(facets as NSArray, [["index": ["byteStart": 7, "byteEnd": 25],
                                            "features": [["$type": "app.bsky.richtext.facet#mention", "did": "did:plc:alice"]]]])
        let emoji = BlueskyFacet.detect(in: "👋🏽 @Alice.bsky.social. see (https://example.com/a).", dids: ["alice.bsky.social": "did:plc:alice"])
        XCTAssertEqual(emoji, [BlueskyFacet(byteStart: 9, byteEnd: 27, feature: .mention(did: "did:plc:alice")),
                               BlueskyFacet(byteStart: 34, byteEnd: 55, feature: .link(uri: "https://example.com/a"))])
        XCTAssertEqual(BlueskyFacet.detect(in: "@bob.bsky.social x@alice.bsky.social", dids: ["alice.bsky.social": "did:plc:alice"]), [])
        target["author_did"] = nil
        let (_, unknown) = try self.request(draft(.bluesky, target, text: "@alice.bsky.social hi", author: "alice.bsky.social"))
        XCTAssertNil((unknown["record"] as? [String: Any])?["facets"])
    }

    func testBlueskyFacetsAreWhatTheOfficialClientDetects() throws {
        let target = ["parent_uri": "at://p", "parent_cid": "c1", "root_uri": "at://r", "root_cid": "c2", "author_did": "did:plc:alice"]
        let text = "@alice.bsky.social see example.com/docs, #heed and $AAPL; cc @bob.example.org"
        let (request, body) = try self.request(draft(.bluesky, target, text: text, author: "alice.bsky.social"), repo: "did:plc:me")
        let facets = try XCTUnwrap((body["record"] as? [String: Any])?["facets"] as? [[String: Any]])
        XCTAssertEqual(facets as NSArray, [
            ["index": ["byteStart": 0, "byteEnd": 18], "features": [["$type": "app.bsky.richtext.facet#mention", "did": "did:plc:alice"]]],
            ["index": ["byteStart": 23, "byteEnd": 39], "features": [["$type": "app.bsky.richtext.facet#link", "uri": "https://example.com/docs"]]],
            ["index": ["byteStart": 41, "byteEnd": 46], "features": [["$type": "app.bsky.richtext.facet#tag", "tag": "heed"]]],
            ["index": ["byteStart": 51, "byteEnd": 56], "features": [["$type": "app.bsky.richtext.facet#tag", "tag": "$AAPL"]]],
        ])
        XCTAssertEqual(request.note, "resolve @bob.example.org to a DID (com.atproto.identity.resolveHandle) and add a mention facet, or the name stays plain text")
    }

    func testBlueskyWithoutCIDsCannotBePosted() {
        let reason = "bluesky needs the cid of the post and of the thread root; re-import the notification"
        XCTAssertEqual(self.reason(draft(.bluesky, ["parent_uri": "at://p", "root_uri": "at://r"])), reason)
        XCTAssertEqual(self.reason(draft(.bluesky, ["parent_uri": "at://p", "parent_cid": "c", "root_uri": "at://r"])), reason)
        XCTAssertEqual(self.reason(draft(.bluesky, ["parent_cid": "c", "root_uri": "at://r", "root_cid": "c"])),
                       "the bluesky reply target has no 'parent_uri'; re-import the mention")
    }

    func testXYouTubeRedditWordPress() throws {
        var (request, body) = try self.request(draft(.x, ["in_reply_to_tweet_id": "1273733248749690880"]))
        XCTAssertEqual(request.path, "/2/tweets")
        XCTAssertEqual(body as NSDictionary, ["text": "thanks, noted", "reply": ["in_reply_to_tweet_id": "1273733248749690880"]])
        (request, body) = try self.request(draft(.youtube, ["parent_id": "UgzT"]))
        XCTAssertEqual(request.path, "/youtube/v3/comments?part=snippet")
        XCTAssertEqual(body as NSDictionary, ["snippet": ["parentId": "UgzT", "textOriginal": "thanks, noted"]])
        (request, body) = try self.request(draft(.reddit, ["thing_id": "t1_abc"]))
        XCTAssertEqual(request.path, "/api/comment")
        XCTAssertEqual(body as NSDictionary, ["thing_id": "t1_abc", "text": "thanks, noted"])
        XCTAssertEqual(request.note, "send the body's fields form-encoded, not as JSON")
        (request, body) = try self.request(draft(.wordpress, ["post": "24", "parent": "3"]))
        XCTAssertEqual(request.path, "/wp/v2/comments")
        XCTAssertEqual(request.body, #"{"post":24,"parent":3,"content":"thanks, noted"}"#)
        XCTAssertEqual(reason(draft(.wordpress, ["post": "x", "parent": "3"])), "the wordpress reply target's 'post' is not a number; re-import the comment")
    }

    func testFacebookInstagramGitHub() throws {
        var (request, body) = try self.request(draft(.facebook, ["comment_id": "123_456"]))
        XCTAssertEqual(request.path, "/123_456/comments")
        XCTAssertEqual(body as NSDictionary, ["message": "thanks, noted"])
        (request, body) = try self.request(draft(.instagram, ["comment_id": "178"]))
        XCTAssertEqual(request.path, "/178/replies", "a comment on your own media")
        XCTAssertEqual(body as NSDictionary, ["message": "thanks, noted"])
        XCTAssertNil(request.note)
        (request, body) = try self.request(draft(.instagram, ["comment_id": "178", "media_id": "179", "mention": "comment", "ig_user_id": "1784"]))
        XCTAssertEqual(request.path, "/1784/mentions", "a comment that mentions you")
        XCTAssertEqual(body as NSDictionary, ["media_id": "179", "comment_id": "178", "message": "thanks, noted"])
        XCTAssertNil(request.note)
        (request, body) = try self.request(draft(.instagram, ["comment_id": "178", "media_id": "179"]))
        XCTAssertEqual(request.path, "/{ig-user-id}/mentions", "a mention kept by an earlier heed")
        XCTAssertEqual(body as NSDictionary, ["media_id": "179", "comment_id": "178", "message": "thanks, noted"])
        XCTAssertEqual(request.note, "replace {ig-user-id} with the id of your Instagram professional account")
        (request, body) = try self.request(draft(.instagram, ["media_id": "179", "mention": "media"]))
        XCTAssertEqual(request.path, "/{ig-user-id}/mentions", "a caption that mentions you")
        XCTAssertEqual(body as NSDictionary, ["media_id": "179", "message": "thanks, noted"])
        XCTAssertEqual(reason(draft(.instagram, ["comment_id": "178", "mention": "comment", "ig_user_id": "1784"])),
                       "an Instagram mention is answered through /{ig-user-id}/mentions, which needs the media id; "
                       + "re-import it with fields=mentioned_comment.comment_id(ID){id,text,timestamp,username,media{id}}")
        (request, body) = try self.request(draft(.github, ["comments_url": "https://api.github.com/repos/o/r/issues/7/comments"]))
        XCTAssertEqual(request.path, "/repos/o/r/issues/7/comments")
        XCTAssertEqual(body as NSDictionary, ["body": "thanks, noted"])
    }

    func testLinkedInAndFlickr() throws {
        let comment = "urn:li:comment:(urn:li:activity:7095684521727016961,7095684947448897536)"
        var (request, body) = try self.request(draft(.linkedin, ["parent_urn": comment, "object": "urn:li:activity:7095684521727016961"]))
        XCTAssertEqual(request.path, "/rest/socialActions/urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A7095684521727016961%2C7095684947448897536%29/comments")
        XCTAssertEqual(body as NSDictionary, ["object": "urn:li:activity:7095684521727016961", "message": ["text": "thanks, noted"], "parentComment": comment])
        XCTAssertNil(body["actor"])
        XCTAssertTrue(request.note?.contains("\"actor\"") == true)
        (request, body) = try self.request(draft(.linkedin, ["object": "urn:li:share:1"]))
        XCTAssertEqual(request.path, "/rest/socialActions/urn%3Ali%3Ashare%3A1/comments")
        XCTAssertEqual(body as NSDictionary, ["object": "urn:li:share:1", "message": ["text": "thanks, noted"]])
        (request, body) = try self.request(draft(.flickr, ["photo_id": "52990598628"]))
        XCTAssertEqual(request.path, "/services/rest/?method=flickr.photos.comments.addComment")
        XCTAssertEqual(body as NSDictionary, ["photo_id": "52990598628", "comment_text": "thanks, noted"])
        XCTAssertEqual(request.note, "add api_key and sign the call with OAuth 1.0a (a token with write permission); send the body's fields form-encoded, not as JSON")
    }

    func testWhatCannotBePosted() {
        XCTAssertEqual(reason(draft(.hackernews, ["id": "1"])), "Hacker News has no API for posting replies")
        XCTAssertEqual(reason(draft(.blogger, [:])), "Blogger has no API for posting replies")
        XCTAssertEqual(reason(draft(.friendfeed, [:])), "FriendFeed has no API for posting replies")
        XCTAssertEqual(reason(draft(.mastodon, ["in_reply_to_id": "1"], text: " \n")), "the draft is empty")
        let keys: [(Platform, String)] = [(.mastodon, "in_reply_to_id"), (.x, "in_reply_to_tweet_id"), (.youtube, "parent_id"),
                                          (.reddit, "thing_id"), (.wordpress, "post"), (.facebook, "comment_id"), (.instagram, "comment_id"),
                                          (.github, "comments_url"), (.linkedin, "object"), (.flickr, "photo_id")]
        for (platform, key) in keys {
            XCTAssertEqual(reason(draft(platform, [:])), "the \(platform.rawValue) reply target has no '\(key)'; re-import the mention")
        }
    }

    func testCSVQuotingAndFormulas() {
        let fields: [(String, String)] = [
            ("plain", "plain"),
            ("a, b", "\"a, b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r\nlf", "\"cr\r\nlf\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@alice", "'@alice"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("a=b", "a=b"),
        ]
        for (field, written) in fields {
            XCTAssertEqual(DraftExport.csvField(field), written, field.debugDescription)
        }
        let output = ExportFormat.csv.render([draft(.mastodon, ["in_reply_to_id": "1"], text: "hi, \"you\"\nbye", author: "@bob")])
        XCTAssertEqual(output.text, "draft,ref,platform,in_reply_to,author,text,created_at\r\n"
                       + "d1,mastodon:n1,mastodon,n1,'@bob,\"hi, \"\"you\"\"\nbye\",2025-11-21T04:40:00Z\r\n")
    }

    func testCSVTextIsTheReplyExactlyAndTheSpreadsheetFormatDefusesIt() {
        let replies = ["@alice@example.social thanks!", "=1+1 is two", "+1", "-- signed", "\tindented"]
        let drafts = replies.map { draft(.mastodon, ["in_reply_to_id": "1"], text: $0, author: "=evil") }
        let csv = ExportFormat.csv.render(drafts).text.components(separatedBy: "\r\n").dropFirst().dropLast()
        XCTAssertEqual(csv.map { $0.components(separatedBy: ",")[5] }, replies, "the text column is what gets posted")
        XCTAssertEqual(Set(csv.map { $0.components(separatedBy: ",")[4] }), ["'=evil"], "someone else's text stays defused")
        let sheet = ExportFormat.spreadsheet.render(drafts)
        XCTAssertEqual(sheet.exported, drafts)
        let cells = sheet.text.components(separatedBy: "\r\n").dropFirst().dropLast().map { $0.components(separatedBy: ",")[5] }
        XCTAssertEqual(cells, ["'@alice@example.social thanks!", "'=1+1 is two", "'+1", "'-- signed", "'\tindented"])
        XCTAssertTrue(sheet.text.hasPrefix(DraftExport.csvHeader + "\r\n"))
    }

    func testRequestsLeaveOutWhatCannotBePosted() throws {
        var blog = draft(.blogger, [:])
        blog.id = "d2"
        let output = ExportFormat.requests.render([draft(.reddit, ["thing_id": "t1_a"]), blog, draft(.reddit, ["thing_id": "t1_b"])])
        XCTAssertEqual(output.exported.count, 2)
        XCTAssertEqual(output.refused, [ExportFormat.Refusal(draft: blog, reason: "Blogger has no API for posting replies")])
        XCTAssertEqual(output.notes, ["send the body's fields form-encoded, not as JSON"])
        let lines = output.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(String(lines[0]), #"{"draft":"d1","platform":"reddit","method":"POST","path":"/api/comment","body":{"thing_id":"t1_a","text":"thanks, noted"},"note":"send the body's fields form-encoded, not as JSON"}"#)
        let jsonl = ExportFormat.jsonl.render([blog])
        XCTAssertEqual(jsonl.exported, [blog])
        XCTAssertTrue(jsonl.text.hasPrefix(#"{"draft":"d2","ref":"blogger:n1""#))
    }
}
