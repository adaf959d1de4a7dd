import XCTest
import HeedCore
@testable import HeedImport
import TestSupport

/// What a reader made of one page, gathered for assertions.
struct SocialOutcome {
    var mentions: [Mention] = []
    var skipped: [String: Int] = [:]
    var rejected: [ImportProblem] = []
    var answered: [(Ref, Date)] = []
    var advice: [String] = []

    /// How many events there were in all.
    var events = 0

    var skippedCount: Int { skipped.values.reduce(0, +) }

    /// Nothing read yet.
    init() {}

    init(_ format: any PlatformFormat.Type, _ page: JSON, file: String = "test.json") {
        format.read(page, context: ReadContext(file: file)) { take($0) }
    }

    /// Adds one event.
    mutating func take(_ event: ImportEvent) {
        events += 1
        switch event {
        case .mention(let mention): mentions.append(mention)
        case .skipped(let reason): skipped[reason, default: 0] += 1
        case .rejected(let problem): rejected.append(problem)
        case .answered(let ref, let at): answered.append((ref, at))
        case .advice(let text): advice.append(text)
        }
    }

    func mention(_ id: String) -> Mention? { mentions.first { $0.id == id } }
}

/// Shared helpers of the social format tests: samples on disk and inline pages.
enum SocialFixtures {
    /// `../shared/samples` (`SharedFiles`).
    static func samples() throws -> URL {
        try SharedFiles.samples()
    }

    /// A sample file parsed (the X archive's script prefix stripped first).
    static func sample(_ path: String) throws -> JSON {
        var data = try Data(contentsOf: samples().appendingPathComponent(path))
        if path.hasSuffix(".js") { data = try XCTUnwrap(XArchiveFormat.stripScript(data)) }
        return try JSON.parse(data)
    }

    /// An inline page written as JSON text.
    static func page(_ text: String) throws -> JSON { try JSON.parse(Data(text.utf8)) }

    static func iso(_ date: Date) -> String { Timestamp.format(date) }
}

final class SocialFormatTests: XCTestCase {
    typealias F = SocialFixtures

    // MARK: - Mastodon samples

    func testMastodonDocsExample() throws {
        let page = try F.sample("mastodon/notifications_docs_example.json")
        XCTAssertTrue(MastodonFormat.matches(page))
        let out = SocialOutcome(MastodonFormat.self, page)
        XCTAssertEqual(out.mentions.count, 1)
        XCTAssertEqual(out.skipped, ["like": 1])
        XCTAssertEqual(out.rejected.count, 0)
        let m = try XCTUnwrap(out.mention("103186126728896492"))
        XCTAssertEqual(m.platform, .mastodon)
        XCTAssertEqual(m.kind, .reply)
        XCTAssertEqual(m.author, Author(handle: "zsc", name: nil, url: nil))
        XCTAssertEqual(m.text, "@trwnh sup!")
        XCTAssertEqual(F.iso(m.createdAt), "2019-11-23T07:49:01Z")
        XCTAssertEqual(m.inReplyTo, "103186038209478945")
        XCTAssertEqual(m.conversation, "103186038209478945", "replies to one status make one conversation")
        XCTAssertNil(m.url)
        XCTAssertEqual(m.replyTarget, ["in_reply_to_id": "103186126728896492", "mentions": "trwnh"])
    }

    func testMastodonLocalhostMention() throws {
        let page = try F.sample("mastodon/notifications_mastodonpy_localhost.json")
        XCTAssertTrue(MastodonFormat.matches(page))
        let out = SocialOutcome(MastodonFormat.self, page)
        XCTAssertEqual(out.mentions.count, 1)
        XCTAssertEqual(out.skippedCount, 0)
        XCTAssertEqual(out.rejected.count, 0)
        let m = try XCTUnwrap(out.mentions.first)
        XCTAssertEqual(m.id, "117020576916218297")
        XCTAssertEqual(m.kind, .mention)
        XCTAssertEqual(m.author, Author(handle: "admin", name: nil, url: "http://localhost:3000/@admin"))
        XCTAssertEqual(m.text, "@mastodonpy_test hello!")
        XCTAssertEqual(F.iso(m.createdAt), "2026-08-01T13:51:39Z")
        XCTAssertEqual(m.url, "http://localhost:3000/@admin/117020576916218297")
        XCTAssertNil(m.inReplyTo)
        XCTAssertEqual(m.replyTarget, ["in_reply_to_id": "117020576916218297", "visibility": "public", "mentions": "mastodonpy_test"])
    }

    func testMastodonSocialDeletedMentionsAndDM() throws {
        let page = try F.sample("mastodon/notifications_mastodonpy_mastodon_social.json")
        XCTAssertTrue(MastodonFormat.matches(page))
        let out = SocialOutcome(MastodonFormat.self, page)
        XCTAssertEqual(out.mentions.count, 1)
        XCTAssertEqual(out.skipped, ["deleted post": 39])
        XCTAssertEqual(out.rejected.count, 0)
        let m = try XCTUnwrap(out.mentions.first)
        // The status id as this server knows it, not the notification id nor the remote url's id.
        XCTAssertEqual(m.id, "116275331587890092")
        XCTAssertEqual(m.kind, .dm)
        XCTAssertEqual(m.author, Author(handle: "latencyobs@icosahedron.website", name: "Latency Observer",
                                        url: "https://icosahedron.website/@latencyobs"))
        XCTAssertEqual(m.text, "@halcy@mastodon.social @halcy@glitch.social @halcy@hachyderm.io "
            + "____________LATENCYPING____________1774220754.2367332____________LATENCYPING____________")
        XCTAssertEqual(F.iso(m.createdAt), "2026-03-22T23:05:57Z")
        XCTAssertEqual(m.url, "https://icosahedron.website/@latencyobs/116275331526178516")
        XCTAssertEqual(m.replyTarget, ["in_reply_to_id": "116275331587890092", "visibility": "direct",
                                       "mentions": "halcy halcy@glitch.social halcy@hachyderm.io"])
    }

    func testMastodonConversationsWrittenByTheUser() throws {
        // Both last statuses are by an account missing from `accounts`: the user's own.
        let page = try F.sample("mastodon/conversations_mastodonpy_localhost.json")
        XCTAssertTrue(MastodonFormat.matches(page))
        let out = SocialOutcome(MastodonFormat.self, page)
        XCTAssertEqual(out.mentions.count, 0)
        XCTAssertEqual(out.skipped, ["written by you": 2])
        XCTAssertEqual(out.rejected.count, 0)
        XCTAssertEqual(out.answered.map(\.0), [Ref(platform: .mastodon, id: "117020588315335369")])
        XCTAssertEqual(out.answered.first.map { F.iso($0.1) }, "2026-08-01T13:54:34Z")
    }

    func testMastodonNonPagesDoNotMatch() throws {
        for file in ["mastodon/status_docs_example.json", "mastodon/status_reply_mastodonpy_localhost.json",
                     "mastodon/account_docs_example.json"] {
            let page = try F.sample(file)
            XCTAssertFalse(MastodonFormat.matches(page), file)
        }
    }

    // MARK: - Bluesky samples

    func testBlueskyListNotifications() throws {
        let page = try F.sample("bluesky/listNotifications_atprotodart.json")
        XCTAssertTrue(BlueskyFormat.matches(page))
        let out = SocialOutcome(BlueskyFormat.self, page)
        XCTAssertEqual(out.mentions.count, 24)
        XCTAssertEqual(Dictionary(grouping: out.mentions, by: \.kind).mapValues(\.count), [.mention: 3, .reply: 17, .quote: 4])
        XCTAssertEqual(out.skipped, ["like": 149, "repost": 14, "follow": 13])
        XCTAssertEqual(out.rejected.count, 0)

        let uri = "at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k4as23yu2g"
        let m = try XCTUnwrap(out.mention(uri))
        XCTAssertEqual(m.kind, .reply)
        XCTAssertEqual(m.author, Author(handle: "maccalennon.bsky.social", name: "まかれの",
                                        url: "https://bsky.app/profile/maccalennon.bsky.social"))
        XCTAssertEqual(m.text, "あ、なるほどそういうことだったんですね！ご親切にありがとうございます😊")
        XCTAssertEqual(F.iso(m.createdAt), "2023-09-04T04:00:35Z")
        XCTAssertEqual(m.url, "https://bsky.app/profile/maccalennon.bsky.social/post/3k6k4as23yu2g")
        XCTAssertEqual(m.conversation, "at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k3k3gwjt2q")
        XCTAssertEqual(m.inReplyTo, "at://did:plc:iijrtk7ocored6zuziwmqq3c/app.bsky.feed.post/3k6k42e25xo2i")
        XCTAssertEqual(m.replyTarget, [
            "parent_uri": uri, "parent_cid": "bafyreidkrb4ci4v6o2laiicznvak2wxwklkmdpccna6r6qlvvz6sewghkq",
            "root_uri": "at://did:plc:wpmuup4caccl3a726wdni6wj/app.bsky.feed.post/3k6k3k3gwjt2q",
            "root_cid": "bafyreihvdsfczasqo7fadxtwsdq56e6mrodlfn6f4qaleglzr2nwmwkrxm",
            "author_did": "did:plc:wpmuup4caccl3a726wdni6wj",
        ])

        // A quote is its own root; indexedAt (…15.259Z) is earlier than createdAt (…16.581Z).
        let quote = try XCTUnwrap(out.mention("at://did:plc:fhblhbjcishc6qflkmmjfwaq/app.bsky.feed.post/3k67ns62mge2z"))
        XCTAssertEqual(quote.kind, .quote)
        XCTAssertEqual(quote.createdAt, Timestamp.parseISO("2023-08-31T00:15:16.259Z"))
        XCTAssertEqual(quote.conversation, quote.id)
        XCTAssertNil(quote.inReplyTo)
        XCTAssertEqual(quote.replyTarget["root_uri"], quote.id)
        XCTAssertEqual(quote.replyTarget["root_cid"], quote.replyTarget["parent_cid"])

        // No displayName: the name stays unknown, the handle does not.
        let nameless = try XCTUnwrap(out.mention("at://did:plc:p7ywypnk4knuxkgttzicbj47/app.bsky.feed.post/3k67nd25uod26"))
        XCTAssertEqual(nameless.author.handle, "samuelwade.bsky.social")
        XCTAssertNil(nameless.author.name)
    }

    func testBlueskyNonPagesDoNotMatch() throws {
        for file in ["bluesky/listNotifications_lexicon.json", "bluesky/createRecord_response_docs.json",
                     "bluesky/post_record_mention_facets_docs.json", "bluesky/post_record_reply_docs.json",
                     "bluesky/post_record_quote_docs.json"] {
            let page = try F.sample(file)
            for format: any PlatformFormat.Type in [MastodonFormat.self, BlueskyFormat.self, XAPIFormat.self, XArchiveFormat.self] {
                XCTAssertFalse(format.matches(page), "\(format.name) took \(file)")
            }
        }
    }

    // MARK: - X samples

    func testXMentionsWithDefaultFields() throws {
        let page = try F.sample("x_twitter/users_mentions_tweepy_cassette.json")
        XCTAssertTrue(XAPIFormat.matches(page))
        let out = SocialOutcome(XAPIFormat.self, page)
        XCTAssertEqual(out.mentions.count, 10)
        XCTAssertEqual(out.skippedCount, 0)
        XCTAssertEqual(out.rejected.count, 0)
        XCTAssertEqual(out.advice.count, 1)
        XCTAssertTrue(out.advice[0].contains("tweet.fields=created_at,author_id,conversation_id,referenced_tweets&expansions=author_id"))
        let m = try XCTUnwrap(out.mention("1578516220231397376"))
        XCTAssertEqual(m.kind, .mention)
        XCTAssertEqual(m.author, Author())
        XCTAssertEqual(m.text, "@Twitter make 🤨 an available reaction emoji in dms")
        // No created_at: the time inside the Snowflake id.
        XCTAssertEqual(F.iso(m.createdAt), "2022-10-07T22:42:48Z")
        XCTAssertEqual(m.url, "https://x.com/i/status/1578516220231397376")
        XCTAssertNil(m.conversation)
        XCTAssertNil(m.inReplyTo)
        XCTAssertEqual(m.replyTarget, ["in_reply_to_tweet_id": "1578516220231397376"])
    }

    func testXSearchWithExpansions() throws {
        let page = try F.sample("x_twitter/search_recent_conversation_expanded_postman.json")
        XCTAssertTrue(XAPIFormat.matches(page))
        let out = SocialOutcome(XAPIFormat.self, page)
        XCTAssertEqual(out.mentions.count, 4)
        XCTAssertEqual(out.mentions.map(\.kind), [.reply, .reply, .reply, .reply])
        XCTAssertEqual(out.skippedCount, 0)
        XCTAssertEqual(out.rejected.count, 0)
        XCTAssertEqual(out.advice.count, 0)
        let m = try XCTUnwrap(out.mention("1276035977375477760"))
        XCTAssertEqual(m.author, Author(handle: "happycamper", name: "Emily Waligoske 🏕", url: "https://x.com/happycamper"))
        XCTAssertEqual(m.text, "@snowman Ooo, thanks error message, public_metircs are not the metrics you’re looking for https://t.co/14TzLYBBXi")
        XCTAssertEqual(F.iso(m.createdAt), "2020-06-25T06:14:19Z")
        XCTAssertEqual(m.url, "https://x.com/happycamper/status/1276035977375477760")
        XCTAssertEqual(m.inReplyTo, "1275653067283759104")
        XCTAssertNil(m.conversation)
        XCTAssertEqual(m.replyTarget, ["in_reply_to_tweet_id": "1276035977375477760"])
        // The post it replies to is in the same page, under the same id space.
        XCTAssertNotNil(out.mention(m.inReplyTo!))
    }

    func testXArchiveReplyWithoutStatusID() throws {
        // The sample's one tweet names the account it answers but not the post: nothing to mark.
        let page = try F.sample("x_twitter/archive_tweets.js")
        XCTAssertTrue(XArchiveFormat.matches(page))
        let out = SocialOutcome(XArchiveFormat.self, page)
        XCTAssertEqual(out.mentions.count, 0)
        XCTAssertEqual(out.skipped, ["written by you": 1])
        XCTAssertEqual(out.rejected.count, 0)
        XCTAssertEqual(out.answered.count, 0)
    }

    /// No sample of another platform is taken for one of these formats, and each of these
    /// samples is taken by its own format only.
    func testDetectionIsStrictAcrossAllSamples() throws {
        let root = try F.samples()
        let mine: [String: String] = [
            "mastodon/notifications_docs_example.json": "mastodon",
            "mastodon/notifications_mastodonpy_localhost.json": "mastodon",
            "mastodon/notifications_mastodonpy_mastodon_social.json": "mastodon",
            "mastodon/conversations_mastodonpy_localhost.json": "mastodon",
            "bluesky/listNotifications_atprotodart.json": "bluesky",
            "x_twitter/users_mentions_tweepy_cassette.json": "x",
            "x_twitter/search_recent_conversation_expanded_postman.json": "x",
            "x_twitter/archive_tweets.js": "x-archive",
        ]
        let formats: [any PlatformFormat.Type] = [MastodonFormat.self, BlueskyFormat.self, XAPIFormat.self, XArchiveFormat.self]
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.path)
        var seen = 0
        for folder in folders.sorted() where !folder.hasSuffix(".md") {
            for file in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted() {
                let path = "\(folder)/\(file)"
                guard let page = try? F.sample(path) else { continue }
                seen += 1
                let taken = formats.filter { $0.matches(page) }.map { $0.name }
                XCTAssertEqual(taken, mine[path].map { [$0] } ?? [], path)
            }
        }
        XCTAssertGreaterThan(seen, 40)
    }

    // MARK: - Mastodon traps

    func testMastodonTraps() throws {
        let page = try F.page(#"""
        [
         {"id":"1","type":"mention","created_at":"2026-01-02T03:04:05.000Z",
          "account":{"id":"7","acct":"émile@exemple.fr","display_name":"","url":"https://exemple.fr/@émile"},
          "status":{"id":"900","created_at":"2026-01-02T03:04:05.678+01:00","in_reply_to_id":null,
           "spoiler_text":"spoilers: 映画","visibility":"unlisted","url":"https://exemple.fr/@émile/900",
           "content":"<p>Caf&eacute; &amp; <b>bold <i>nested</i></b> &lt;3</p><p>日本語 🎉<br>next line</p>",
           "account":{"id":"7","acct":"émile@exemple.fr","display_name":"  ","url":"https://exemple.fr/@émile"}}},
         {"id":"2","type":"favourite","account":{"id":"8"},"status":{"id":"901"}},
         {"id":"3","type":"reblog","account":{"id":"8"}},
         {"id":"4","type":"follow","account":{"id":"8"}},
         {"id":"5","type":"follow_request","account":{"id":"8"}},
         {"id":"6","type":"mention","account":{"id":"8"},"status":null},
         {"id":"7","type":"mention","account":{"id":"8"},"status":{"id":{"oops":1},"created_at":"2026-01-01T00:00:00Z","content":"x"}},
         "not a notification",
         {"id":"9","type":"mention","account":{"id":"8"},"status":{"id":"903","content":"<p>hi</p>"}},
         {"id":"10","type":"quote","account":{"id":"8","acct":"q"},
          "status":{"id":904,"created_at":"2026-01-03T00:00:00Z","content":"<p>quoting you</p>","in_reply_to_id":null}},
         {"id":"11","type":"mention","account":{"id":"8","acct":"r"},
          "status":{"id":"905","created_at":"2026-01-04T00:00:00Z","content":"","in_reply_to_id":904,
           "media_attachments":[{"id":"m1"},{"id":"m2"}]}},
         {"id":"12","type":"mention","account":{"id":"8","acct":"s"},
          "status":{"id":"906","created_at":"2026-01-05T00:00:00Z","content":"<p>psst</p>","visibility":"direct","in_reply_to_id":"905"}}
        ]
        """#)
        XCTAssertTrue(MastodonFormat.matches(page))
        let out = SocialOutcome(MastodonFormat.self, page, file: "m.json")
        XCTAssertEqual(out.mentions.map(\.id), ["900", "904", "905", "906"])
        XCTAssertEqual(out.mentions.map(\.kind), [.mention, .quote, .reply, .dm])
        XCTAssertEqual(out.skipped, ["like": 1, "repost": 1, "follow": 1, "follow_request": 1, "deleted post": 1])
        XCTAssertEqual(out.rejected.map(\.position), ["notifications[6]", "notifications[7]", "notifications[8]"])
        XCTAssertEqual(out.rejected.map(\.file), ["m.json", "m.json", "m.json"])
        XCTAssertEqual(out.rejected[0].reason, "'status.id' must be a string id, not an object")
        XCTAssertEqual(out.rejected[1].reason, "not an object (\"not a notification\")")
        XCTAssertEqual(out.rejected[2].reason, "missing 'status.created_at'")

        let m = out.mentions[0]
        XCTAssertEqual(m.text, "CW: spoilers: 映画\n\nCafé & bold nested <3\n\n日本語 🎉\nnext line")
        XCTAssertEqual(m.author, Author(handle: "émile@exemple.fr", name: nil, url: "https://exemple.fr/@émile"))
        XCTAssertEqual(F.iso(m.createdAt), "2026-01-02T02:04:05Z")
        XCTAssertEqual(m.replyTarget, ["in_reply_to_id": "900", "visibility": "unlisted"])
        XCTAssertEqual(out.mentions[1].author.handle, "q")
        XCTAssertEqual(out.mentions[2].text, "(2 attachments, no text)")
        XCTAssertEqual(out.mentions[2].inReplyTo, "904")
        XCTAssertEqual(out.mentions[3].replyTarget["visibility"], "direct")
    }

    func testMastodonSingleNotificationAndConversation() throws {
        let single = try F.page(#"""
        {"id":"1","type":"mention","account":{"id":"8","acct":"a"},
         "status":{"id":"77","created_at":"2026-02-01T10:00:00Z","content":"<p>one</p>"}}
        """#)
        XCTAssertTrue(MastodonFormat.matches(single))
        XCTAssertEqual(SocialOutcome(MastodonFormat.self, single).mentions.map(\.text), ["one"])
        let broken = SocialOutcome(MastodonFormat.self, try F.page(#"{"id":"1","type":"mention","account":{},"status":"gone"}"#))
        XCTAssertEqual(broken.rejected.map(\.position), ["notification"])

        let conversations = try F.page(#"""
        [{"id":"c-55","unread":true,"accounts":[{"id":"8","acct":"alice@example.social","display_name":"Alice"}],
          "last_status":{"id":"109876","created_at":"2026-11-20T09:14:00.000Z","visibility":"direct",
           "content":"<p>@you is the meetup still on?</p>","in_reply_to_id":null,
           "url":"https://example.social/@alice/109876",
           "account":{"id":"8","acct":"alice@example.social","display_name":"Alice","url":"https://example.social/@alice"}}},
         {"id":"c-56","unread":false,"accounts":[{"id":"9"}],"last_status":null}]
        """#)
        XCTAssertTrue(MastodonFormat.matches(conversations))
        let out = SocialOutcome(MastodonFormat.self, conversations)
        XCTAssertEqual(out.skipped, ["deleted post": 1])
        let m = try XCTUnwrap(out.mentions.first)
        XCTAssertEqual(m.kind, .dm)
        XCTAssertEqual(m.conversation, "c-55")
        XCTAssertEqual(m.author, Author(handle: "alice@example.social", name: "Alice", url: "https://example.social/@alice"))
        XCTAssertEqual(m.text, "@you is the meetup still on?")
        XCTAssertEqual(F.iso(m.createdAt), "2026-11-20T09:14:00Z")
        XCTAssertEqual(m.replyTarget, ["in_reply_to_id": "109876", "visibility": "direct"])

        for text in ["[]", "{}", "null", "[[]]", "[1,2]", #"{"type":"mention"}"#, #"[{"id":"1","type":"comment","author":0}]"#] {
            XCTAssertFalse(MastodonFormat.matches(try F.page(text)), text)
        }
    }

    // MARK: - Bluesky traps

    func testBlueskyTraps() throws {
        let page = try F.page(#"""
        {"cursor":"c","notifications":[
         {"uri":"at://did:plc:aaa/app.bsky.feed.post/3kaaa","cid":"bafyA","reason":"mention",
          "author":{"did":"did:plc:aaa","handle":"handle.invalid","displayName":"Zoë 🌸"},
          "record":{"$type":"app.bsky.feed.post","text":"@you 你好 & <b>not html</b> 👋🏽","createdAt":"2031-01-01T00:00:00Z"},
          "indexedAt":"2024-05-06T07:08:09.123Z"},
         {"uri":"at://did:plc:bbb/app.bsky.feed.post/3kbbb","cid":"bafyB","reason":"reply",
          "author":{"did":"did:plc:bbb","handle":"bob.test"},
          "record":{"text":"","createdAt":"2024-05-06T07:08:09.938510Z","embed":{"$type":"app.bsky.embed.images","images":[{},{},{}]},
           "reply":{"root":{"uri":"at://did:plc:me/app.bsky.feed.post/3root","cid":"bafyR"},
                    "parent":{"uri":"at://did:plc:me/app.bsky.feed.post/3parent","cid":"bafyP"}}},
          "indexedAt":"not a time"},
         {"uri":"at://did:plc:ccc/app.bsky.feed.post/3kccc","reason":"quote","author":{"handle":"c.test"},
          "record":{"text":42,"createdAt":"2024-05-06T00:00:00Z"},"indexedAt":"2024-05-06T00:00:00Z"},
         {"uri":"at://did:plc:ddd/app.bsky.feed.post/3kddd","reason":"reply","author":{"handle":"d.test"},
          "record":{"text":"no times"}},
         {"uri":"at://did:plc:eee/app.bsky.feed.like/3keee","reason":"like-via-repost","record":{}},
         {"uri":"at://did:plc:fff/app.bsky.graph.follow/3kfff","reason":"starterpack-joined"},
         {"reason":null},
         {"uri":"at://did:plc:ggg/app.bsky.feed.post/3kggg","cid":"bafyG","reason":"reply","author":{"handle":"g.test"},
          "record":{"text":"ok","createdAt":"2024-05-06T00:00:00Z","reply":{"root":"oops"}}}
        ]}
        """#)
        XCTAssertTrue(BlueskyFormat.matches(page))
        let out = SocialOutcome(BlueskyFormat.self, page)
        XCTAssertEqual(out.mentions.count, 2)
        XCTAssertEqual(out.skipped, ["like": 1, "starterpack-joined": 1])
        XCTAssertEqual(out.rejected.map(\.position), ["notifications[2]", "notifications[3]", "notifications[6]", "notifications[7]"])
        XCTAssertEqual(out.rejected.map(\.reason), [
            "'record.text' must be a string, not 42", "missing 'record.createdAt' and 'indexedAt'",
            "missing 'reason'", "'record.reply.root' must be an object, not \"oops\"",
        ])

        let a = out.mentions[0]
        XCTAssertEqual(a.text, "@you 你好 & <b>not html</b> 👋🏽")
        XCTAssertEqual(a.author, Author(handle: "handle.invalid", name: "Zoë 🌸", url: "https://bsky.app/profile/did:plc:aaa"))
        XCTAssertEqual(a.url, "https://bsky.app/profile/did:plc:aaa/post/3kaaa")
        XCTAssertEqual(F.iso(a.createdAt), "2024-05-06T07:08:09Z", "a client clock years ahead loses to indexedAt")
        XCTAssertEqual(a.replyTarget, ["parent_uri": a.id, "parent_cid": "bafyA", "root_uri": a.id, "root_cid": "bafyA", "author_did": "did:plc:aaa"])

        let b = out.mentions[1]
        XCTAssertEqual(b.kind, .reply)
        XCTAssertEqual(b.text, "(3 attachments, no text)")
        XCTAssertEqual(b.createdAt, Timestamp.parseISO("2024-05-06T07:08:09.938510Z"))
        XCTAssertNil(b.author.name)
        XCTAssertEqual(b.conversation, "at://did:plc:me/app.bsky.feed.post/3root")
        XCTAssertEqual(b.inReplyTo, "at://did:plc:me/app.bsky.feed.post/3parent")
        XCTAssertEqual(b.replyTarget, ["parent_uri": b.id, "parent_cid": "bafyB",
                                       "root_uri": "at://did:plc:me/app.bsky.feed.post/3root", "root_cid": "bafyR",
                                       "author_did": "did:plc:bbb"])

        XCTAssertTrue(BlueskyFormat.matches(try F.page(#"{"notifications":[],"cursor":"x"}"#)))
        XCTAssertFalse(BlueskyFormat.matches(try F.page(#"{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[]}"#)))
        XCTAssertFalse(BlueskyFormat.matches(try F.page(#"{"notifications":[{"action":"COMMENT","notificationId":1}]}"#)))
        XCTAssertFalse(BlueskyFormat.matches(try F.page(#"{"notifications":"none"}"#)))
    }

    // MARK: - X traps

    func testXTraps() throws {
        let page = try F.page(#"""
        {"data":[
          {"id":"1790000000000000000","text":"@you fish &amp; chips &lt;3 &gt; 你好 🐟","created_at":"2024-05-13T12:00:00.000Z",
           "author_id":"11","conversation_id":"1789999999999999999",
           "referenced_tweets":[{"type":"quoted","id":"1789999999999999999"}]},
          {"id":"1790000000000000001","text":"cut short…","author_id":"99","note_tweet":{"text":"the whole long post"},
           "referenced_tweets":[{"type":"replied_to","id":"1789999999999999998"},{"type":"quoted","id":"5"}]},
          {"id":"1790000000000000002","text":"RT @you: hi","author_id":"11","referenced_tweets":[{"type":"retweeted","id":"3"}]},
          {"id":"1790000000000000003","text":["not","text"],"author_id":"11"},
          {"id":"20","text":"just setting up my twttr"},
          {"id":"1790000000000000005","text":"late","created_at":"yesterday"},
          {"text":"no id"}
        ],
        "includes":{"users":[{"id":"11","username":"fishmonger","name":"Fish & Co"}]},
        "meta":{"result_count":7,"newest_id":"1790000000000000005"}}
        """#)
        XCTAssertTrue(XAPIFormat.matches(page))
        let out = SocialOutcome(XAPIFormat.self, page)
        XCTAssertEqual(out.mentions.map(\.kind), [.quote, .reply])
        XCTAssertEqual(out.skipped, ["repost": 1])
        XCTAssertEqual(out.rejected.map(\.position), ["data[3]", "data[4]", "data[5]", "data[6]"])
        XCTAssertEqual(out.rejected.map(\.reason), [
            "'text' must be a string, not an array", "missing 'created_at', and id 20 carries no time",
            "'created_at' is not a time heed can read (\"yesterday\")", "missing 'id'",
        ])
        XCTAssertEqual(out.advice.count, 1, "once per page")

        let q = out.mentions[0]
        XCTAssertEqual(q.text, "@you fish & chips <3 > 你好 🐟")
        XCTAssertEqual(q.author, Author(handle: "fishmonger", name: "Fish & Co", url: "https://x.com/fishmonger"))
        XCTAssertEqual(F.iso(q.createdAt), "2024-05-13T12:00:00Z")
        XCTAssertEqual(q.conversation, "1789999999999999999")
        XCTAssertNil(q.inReplyTo)
        XCTAssertEqual(q.url, "https://x.com/fishmonger/status/1790000000000000000")

        let r = out.mentions[1]
        XCTAssertEqual(r.text, "the whole long post")
        XCTAssertEqual(r.author, Author())
        XCTAssertEqual(r.url, "https://x.com/i/status/1790000000000000001")
        XCTAssertEqual(r.inReplyTo, "1789999999999999998")
        XCTAssertEqual(r.createdAt, Times.snowflake("1790000000000000001"))

        XCTAssertTrue(XAPIFormat.matches(try F.page(#"{"meta":{"result_count":0}}"#)))
        XCTAssertEqual(SocialOutcome(XAPIFormat.self, try F.page(#"{"meta":{"result_count":0}}"#)).mentions.count, 0)
        for text in [#"{"data":[{"id":"1","message":"hi","created_time":"2021-08-10T18:45:03+0000"}],"paging":{"cursors":{}}}"#,
                     #"{"data":[{"timestamp":"2017-08-31T18:10:30+0000","text":"I love this!","id":"17873440459141021"}]}"#,
                     #"{"data":{"id":"1","text":"one post"}}"#, "[]", "{}"] {
            XCTAssertFalse(XAPIFormat.matches(try F.page(text)), text)
        }
    }

    // MARK: - X archive traps

    func testXArchiveTraps() throws {
        let script = "\u{FEFF}window.YTD.tweets.part0 = [\n"
            + #"{"tweet":{"id_str":"2","full_text":"@you thanks!","created_at":"Mon Jan 01 10:00:00 +0000 2024","in_reply_to_status_id_str":"1"}},"#
            + #"{"tweet":{"id_str":"3","full_text":"morning","created_at":"Mon Jan 01 11:00:00 +0000 2024"}},"#
            + #"{"tweet":{"id_str":"4","created_at":"soon","in_reply_to_status_id":"7"}},"#
            + #"{"like":{"tweetId":"9"}}"#
            + "\n];\n"
        let data = try XCTUnwrap(XArchiveFormat.stripScript(Data(script.utf8)))
        let page = try JSON.parse(data)
        XCTAssertTrue(XArchiveFormat.matches(page))
        let out = SocialOutcome(XArchiveFormat.self, page)
        XCTAssertEqual(out.skipped, ["written by you": 2])
        XCTAssertEqual(out.answered.map(\.0), [Ref(platform: .x, id: "1")])
        XCTAssertEqual(out.answered.first.map { F.iso($0.1) }, "2024-01-01T10:00:00Z")
        XCTAssertEqual(out.rejected.map(\.position), ["tweets[2]", "tweets[3]"])
        XCTAssertEqual(out.rejected.map(\.reason), ["'tweet.created_at' is not a time heed can read (\"soon\")", "missing 'tweet'"])

        XCTAssertNil(XArchiveFormat.stripScript(Data("[1,2]".utf8)))
        XCTAssertNil(XArchiveFormat.stripScript(Data("alert(1) = []".utf8)))
        XCTAssertEqual(XArchiveFormat.stripScript(Data("window.YTD.like.part2= []".utf8)), Data(" []".utf8))
        XCTAssertFalse(XArchiveFormat.matches(try F.page(#"[{"like":{"tweetId":"9"}}]"#)))
        XCTAssertFalse(XArchiveFormat.matches(try F.page("[]")))
    }
}
