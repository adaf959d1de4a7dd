import Foundation
import HeedCore
@testable import HeedImport
import TestSupport
import XCTest

/// The Graph-family readers against the shared samples and against small fixtures of the traps.
final class GraphFormatTests: XCTestCase {
    /// What a reader emitted for one page, sorted by kind of event.
    private struct Read {
        var mentions: [Mention] = []
        var skipped: [String: Int] = [:]
        var rejected: [ImportProblem] = []
        var answered: [String] = []
        var advice: [String] = []
    }

    private static let graph: [any PlatformFormat.Type] = [
        FacebookFormat.self, InstagramFormat.self, LinkedInFormat.self, GitHubFormat.self, FlickrFormat.self, FriendFeedFormat.self,
    ]

    private func read(_ format: any PlatformFormat.Type, _ page: JSON) -> Read {
        var result = Read()
        format.read(page, context: ReadContext(file: "f.json")) { event in
            switch event {
            case .mention(let mention): result.mentions.append(mention)
            case .skipped(let reason): result.skipped[reason, default: 0] += 1
            case .rejected(let problem): result.rejected.append(problem)
            case .answered(let ref, _): result.answered.append(ref.description)
            case .advice(let note): result.advice.append(note)
            }
        }
        return result
    }

    /// A sample file from `../shared/samples` (`SharedFiles`).
    private func sample(_ path: String) throws -> JSON {
        try JSON.parse(Data(contentsOf: SharedFiles.url("samples/" + path)))
    }

    /// Reads a sample with its format, after checking that only that format claims it.
    private func readSample(_ path: String, _ format: any PlatformFormat.Type) throws -> Read {
        let page = try sample(path)
        XCTAssertEqual(Self.graph.filter { $0.matches(page) }.map { $0.name }, [format.name], path)
        return read(format, page)
    }

    private func json(_ text: String) throws -> JSON { try JSON.parse(Data(text.utf8)) }
    private func iso(_ date: Date) -> String { Timestamp.format(date) }

    // MARK: - Facebook

    func testFacebookSamples() throws {
        let list = try readSample("facebook/post_comments_page1_pythonfacebook.json", FacebookFormat.self)
        // No item has an id; each is rebuilt from its permalink as `{post}_{comment}`.
        XCTAssertEqual(list.mentions.count, 10)
        XCTAssertEqual(list.rejected.count, 0)
        XCTAssertEqual(list.mentions[0].id, "10158407654328553_10158407835073553")
        XCTAssertEqual(list.mentions[0].replyTarget, ["comment_id": "10158407654328553_10158407835073553"])
        XCTAssertEqual(list.mentions[0].conversation, "10158407654328553")
        XCTAssertTrue(list.advice.contains { $0.contains("fields=id,message,created_time,from,permalink_url") })

        let full = try readSample("facebook/comment_full_fields_pythonfacebook.json", FacebookFormat.self)
        XCTAssertEqual(full.mentions.count, 1)
        XCTAssertEqual(full.rejected.count + full.skipped.count + full.advice.count, 0)
        let car = full.mentions[0]
        XCTAssertEqual(car.id, "2954961744718970_2966313500250461")
        XCTAssertEqual(car.author, Author(name: "Kun Liu"))
        XCTAssertEqual(car.text, "My Nice Car")
        XCTAssertEqual(iso(car.createdAt), "2021-07-23T08:35:18Z")
        XCTAssertEqual(car.kind, .comment)
        XCTAssertEqual(car.conversation, "2954961744718970")
        XCTAssertNil(car.inReplyTo)
        XCTAssertEqual(car.url, "https://www.facebook.com/2121008874780932/posts/2954961744718970/?comment_id=2966313500250461")
        XCTAssertEqual(car.replyTarget, ["comment_id": "2954961744718970_2966313500250461"])

        // The create response is a whole comment (our own, though nothing in it says so).
        let created = try readSample("facebook/comment_create_response_pythonfacebook.json", FacebookFormat.self)
        XCTAssertEqual(created.mentions.map(\.id), ["245778718206154_229887283291835"])
        XCTAssertEqual(created.mentions[0].author, Author())
        XCTAssertEqual(created.advice, [FacebookFormat.authorAdvice])
    }

    func testFacebookTraps() throws {
        let page = try json("""
            {"data":[
             {"id":"10_20","message":"  日本語のコメント 😀 &amp; more ","created_time":"2021-08-10T18:45:03+0000",
              "from":{"name":"Ana","id":"7"},"permalink_url":"https://www.facebook.com/99/posts/10/?comment_id=20"},
             {"id":"10_21","message":"thanks!","created_time":1628621103,
              "permalink_url":"https://www.facebook.com/99/posts/10/?comment_id=20&reply_comment_id=21"},
             {"id":"10_22","message":"we will look","created_time":"2021-08-11T00:00:00+0000","from":{"name":"Page","id":"99"},
              "permalink_url":"https://www.facebook.com/99/posts/10/?comment_id=20&reply_comment_id=22"},
             {"id":"10_23","message":42,"created_time":"2021-08-10T18:45:03+0000"},
             {"id":"10_24","created_time":"2021-08-10T18:45:03+0000","attachment":{"type":"sticker","url":"https://fb.example/s.png"}},
             {"id":"10_25","message":"no time"},
             "not an object",
             {"id":null,"message":"null id","created_time":"2021-08-10T18:45:03+0000"}
            ],"paging":{"cursors":{"after":"x"}}}
            """)
        XCTAssertTrue(FacebookFormat.matches(page))
        let result = read(FacebookFormat.self, page)
        XCTAssertEqual(result.mentions.map(\.id), ["10_20", "10_21", "10_24"])
        XCTAssertEqual(result.mentions[0].text, "日本語のコメント 😀 &amp; more", "plain text stays as written")
        XCTAssertEqual(result.mentions[1].kind, .reply)
        XCTAssertEqual(result.mentions[1].inReplyTo, "10_20")
        XCTAssertEqual(iso(result.mentions[1].createdAt), "2021-08-10T18:45:03Z", "date_format=U epoch")
        XCTAssertEqual(result.mentions[2].text, "[sticker] https://fb.example/s.png")
        XCTAssertEqual(result.skipped, ["written by you": 1])
        XCTAssertEqual(result.answered, ["facebook:10_20"])
        XCTAssertEqual(result.rejected.map(\.position), ["data[3]", "data[5]", "data[6]", "data[7]"])
        XCTAssertEqual(result.advice, [FacebookFormat.authorAdvice])

        let batch = try json(#"{"1_2":{"id":"1_2","message":"hi","created_time":"2021-01-01T00:00:00+0000"}}"#)
        XCTAssertTrue(FacebookFormat.matches(batch))
        XCTAssertEqual(read(FacebookFormat.self, batch).mentions.map(\.conversation), ["1"])
    }

    func testFacebookMatchesOnlyItsShape() throws {
        let notFacebook = [
            #"{"id":"245778718206154_229887283291835"}"#,
            #"{"data":[]}"#,
            #"{"data":[{"id":"1","name":"Ana","type":"LIKE"}]}"#,
            #"{"data":[{"id":"1","text":"hi","timestamp":"2020-01-01T00:00:00+0000"}]}"#,
            #"{"data":[{"id":"1","text":"hi","created_at":"2023-01-01T00:00:00.000Z","author_id":"2","edit_history_tweet_ids":["1"]}],"meta":{}}"#,
            #"[{"message":"x","created_time":"2021-01-01T00:00:00+0000"}]"#,
            #"{"data":"nope"}"#, "null", "[]", "42",
        ]
        for text in notFacebook { XCTAssertFalse(FacebookFormat.matches(try json(text)), text) }
    }

    // MARK: - Instagram

    func testInstagramSamples() throws {
        let replies = try readSample("instagram/comment_with_replies_pythonfacebook.json", InstagramFormat.self)
        // `user` comes back only on the app user's own comments: the top comment is ours.
        XCTAssertEqual(replies.skipped, ["written by you": 1])
        XCTAssertEqual(replies.mentions.count, 1)
        let reply = replies.mentions[0]
        XCTAssertEqual(reply.id, "17845747489952795")
        XCTAssertEqual(reply.kind, .reply)
        XCTAssertEqual(reply.author, Author())
        XCTAssertEqual(reply.text, "@ikroskun Nice")
        XCTAssertEqual(iso(reply.createdAt), "2020-02-24T09:18:08Z")
        XCTAssertEqual(reply.inReplyTo, "17892250648466172")
        XCTAssertEqual(reply.conversation, "17846368219941692")
        XCTAssertEqual(reply.replyTarget, ["comment_id": "17892250648466172"])
        XCTAssertEqual(replies.advice, [InstagramFormat.authorAdvice])

        let byIds = try readSample("instagram/comments_by_ids_pythonfacebook.json", InstagramFormat.self)
        XCTAssertEqual(byIds.mentions.map(\.id).sorted(), ["17858154961981086", "17892250648466172"])
        let beautiful = try XCTUnwrap(byIds.mentions.first { $0.id == "17858154961981086" })
        XCTAssertEqual(beautiful.author, Author(handle: "lixiangguodu123", url: "https://www.instagram.com/lixiangguodu123/"))
        XCTAssertEqual(beautiful.text, "Beautiful!")
        XCTAssertEqual(byIds.rejected.count + byIds.skipped.count + byIds.advice.count, 0)

        for (file, ids) in [("media_comments_page1_pythonfacebook.json", ["17858154961981086", "17874875428706419"]),
                            ("media_comments_docs_example.json", ["17873440459141021", "17870913679156914"])] {
            let page = try readSample("instagram/" + file, InstagramFormat.self)
            XCTAssertEqual(page.mentions.map(\.id), ids)
            XCTAssertEqual(page.mentions.map(\.kind), [.comment, .comment])
            XCTAssertEqual(page.rejected.count + page.skipped.count, 0)
            XCTAssertEqual(page.advice, [InstagramFormat.authorAdvice])
        }
        let docs = read(InstagramFormat.self, try sample("instagram/media_comments_docs_example.json"))
        XCTAssertEqual(docs.mentions[0].text, "I love this!")
        XCTAssertEqual(iso(docs.mentions[0].createdAt), "2017-08-31T18:10:30Z")

        let mentioned = try readSample("instagram/mentioned_comment_pythonfacebook.json", InstagramFormat.self)
        XCTAssertEqual(mentioned.mentions.count, 1)
        let mention = mentioned.mentions[0]
        XCTAssertEqual(mention.id, "17967008497439572", "not the top-level id, which is the user's own")
        XCTAssertEqual(mention.kind, .mention)
        XCTAssertEqual(mention.author.handle, "ikroskun")
        XCTAssertEqual(mention.text, "@ikroskun good")
        XCTAssertEqual(iso(mention.createdAt), "2021-08-19T09:14:16Z")
        XCTAssertEqual(mention.replyTarget, ["comment_id": "17967008497439572", "mention": "comment", "ig_user_id": "17841406338772941"])
    }

    func testInstagramTraps() throws {
        let page = try json("""
            {"data":[
             {"id":"1","text":"这张照片太美了 🌸","timestamp":"2024-03-01T10:00:00+0000","username":"mei","media":{"id":"M"},
              "replies":{"data":[{"id":"2","text":"@mei 谢谢","timestamp":"2024-03-01T11:00:00+0000","username":"ana"},
                                 {"id":"3","text":"thanks!","timestamp":"2024-03-01T12:00:00+0000","user":{"id":"ME"}},
                                 {"id":"4","text":["wrong"],"timestamp":"2024-03-01T12:00:00+0000"}]}},
             {"id":"5","text":"flat reply","timestamp":1709290800,"from":{"id":"9","username":"bo"},"parent_id":"1"},
             {"id":"6","timestamp":"2024-03-01T10:00:00+0000","username":"x"}
            ]}
            """)
        XCTAssertTrue(InstagramFormat.matches(page))
        XCTAssertFalse(FacebookFormat.matches(page))
        let result = read(InstagramFormat.self, page)
        XCTAssertEqual(result.mentions.map(\.id), ["1", "2", "5"])
        XCTAssertEqual(result.mentions[0].text, "这张照片太美了 🌸")
        XCTAssertEqual(result.mentions[1].replyTarget, ["comment_id": "1"])
        XCTAssertEqual(result.mentions[1].conversation, "M")
        XCTAssertEqual(result.mentions[2].kind, .reply)
        XCTAssertEqual(result.mentions[2].author.handle, "bo")
        XCTAssertEqual(result.mentions[2].inReplyTo, "1")
        XCTAssertEqual(iso(result.mentions[2].createdAt), "2024-03-01T11:00:00Z")
        XCTAssertEqual(result.skipped, ["written by you": 1])
        XCTAssertEqual(result.answered, ["instagram:1"])
        XCTAssertEqual(result.rejected.map(\.position), ["data[0].replies.data[2]", "data[2]"])
        XCTAssertEqual(result.advice, [], "every queued comment had a username")

        let mentioned = try json(#"{"mentioned_comment":{"id":"7","text":"hey @me","timestamp":"2024-01-01T00:00:00+0000","username":"zed","media":{"id":"M2"}},"id":"ME"}"#)
        XCTAssertEqual(read(InstagramFormat.self, mentioned).mentions.first?.replyTarget, ["comment_id": "7", "media_id": "M2", "mention": "comment", "ig_user_id": "ME"])
        let media = try json(#"{"mentioned_media":{"id":"M3","caption":"with @me","timestamp":"2024-01-01T00:00:00+0000"},"id":"ME"}"#)
        XCTAssertEqual(read(InstagramFormat.self, media).mentions.first?.replyTarget, ["media_id": "M3", "mention": "media", "ig_user_id": "ME"])
        for text in [#"{"data":[]}"#, #"{"mentioned_comment":null,"id":"1"}"#, #"{"id":"17873440459141021"}"#, #"{"1":"x"}"#] {
            XCTAssertFalse(InstagramFormat.matches(try json(text)), text)
        }
    }

    // MARK: - LinkedIn

    func testLinkedInSamples() throws {
        let list = try readSample("linkedin/socialActions_comments_get_bforblack.json", LinkedInFormat.self)
        XCTAssertEqual(list.mentions.count, 1)
        XCTAssertEqual(list.skipped, ["written by you": 1], "the organisation's comment, written by an admin")
        XCTAssertEqual(list.rejected.count, 0)
        let comment = list.mentions[0]
        XCTAssertEqual(comment.id, "urn:li:comment:(urn:li:activity:7095684521727016961,7095684947448897536)")
        XCTAssertEqual(comment.author, Author(handle: "urn:li:person:zLqTygBP8S"))
        XCTAssertEqual(comment.text, "User Test Comment 004")
        XCTAssertEqual(iso(comment.createdAt), "2023-08-11T08:38:42Z")
        XCTAssertEqual(comment.kind, .comment)
        XCTAssertEqual(comment.conversation, "urn:li:activity:7095684521727016961")
        XCTAssertNil(comment.inReplyTo)
        XCTAssertEqual(comment.replyTarget, ["parent_urn": comment.id, "object": "urn:li:activity:7095684521727016961"])
        XCTAssertEqual(list.advice, [LinkedInFormat.authorAdvice])

        let share = try readSample("linkedin/org_social_action_notifications_webhook_share_bforblack.json", LinkedInFormat.self)
        XCTAssertEqual(share.mentions.count, 1)
        let quote = share.mentions[0]
        XCTAssertEqual(quote.kind, .quote)
        XCTAssertEqual(quote.id, "urn:li:share:7094978106997846016")
        XCTAssertEqual(quote.author.handle, "urn:li:person:eNgRWY2Tg-")
        XCTAssertEqual(quote.text, "test")
        XCTAssertEqual(iso(quote.createdAt), "2023-08-09T09:49:59Z")
        XCTAssertEqual(quote.conversation, "urn:li:activity:7094637247890620418")
        XCTAssertEqual(quote.replyTarget, ["object": "urn:li:share:7094978106997846016"])

        // The member comment is by the admin who subscribed to the webhook: the user.
        let expected = [("comment", "written by you"), ("admin_comment", "written by you"), ("like", "like")]
        for (name, reason) in expected {
            let one = try readSample("linkedin/org_social_action_notification_\(name)_bforblack.json", LinkedInFormat.self)
            XCTAssertEqual(one.skipped, [reason: 1], name)
            XCTAssertEqual(one.mentions.count + one.rejected.count + one.advice.count, 0, name)
        }
    }

    func testLinkedInTraps() throws {
        let notifications = try json("""
            {"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[
             {"action":"COMMENT","notificationId":-5,"organizationalEntity":"urn:li:organization:1","subscriber":"urn:li:person:me",
              "lastModifiedAt":1691574506310,"sourcePost":"urn:li:activity:9",
              "generatedActivity":"urn:li:comment:(activity:9,77)",
              "decoratedGeneratedActivity":{"comment":{"owner":"urn:li:person:p","text":"Très bien 👍 — 好","object":"urn:li:activity:9"}}},
             {"action":"COMMENT","notificationId":6,"organizationalEntity":"urn:li:organization:1","lastModifiedAt":1691574506310},
             {"action":"SHARE","notificationId":7,"organizationalEntity":"urn:li:organization:1","decoratedGeneratedActivity":{"share":{"owner":"urn:li:person:q","text":""}}},
             {"action":"FOLLOW","notificationId":8,"organizationalEntity":"urn:li:organization:1"},
             {"notificationId":9}
            ]}
            """)
        XCTAssertTrue(LinkedInFormat.matches(notifications))
        let result = read(LinkedInFormat.self, notifications)
        XCTAssertEqual(result.mentions.map(\.id), ["urn:li:comment:(urn:li:activity:9,77)"], "the short URN spelling is normalised")
        XCTAssertEqual(result.mentions[0].text, "Très bien 👍 — 好")
        XCTAssertEqual(result.skipped, ["repost": 1, "follow": 1])
        XCTAssertEqual(result.rejected.map(\.position), ["notifications[1]", "notifications[4]"])

        let comments = try json("""
            {"elements":[
             {"actor":"urn:li:person:a","commentUrn":"urn:li:comment:(urn:li:activity:1,3)","object":"urn:li:activity:1",
              "parentComment":"urn:li:comment:(urn:li:activity:1,2)","message":{"text":"a reply"},"created":{"time":1700000000000}},
             {"actor":"urn:li:person:b","id":"4","object":"urn:li:activity:1","message":{"text":"no urn"},"created":{"time":"1700000000000"}},
             {"actor":"urn:li:person:c","$URN":"urn:li:comment:(urn:li:activity:1,5)","message":{"text":"no time"}},
             {"actor":"urn:li:person:d","$URN":"urn:li:comment:(urn:li:activity:1,6)","message":{"text":7},"created":{"time":1}}
            ]}
            """)
        XCTAssertTrue(LinkedInFormat.matches(comments))
        let read2 = read(LinkedInFormat.self, comments)
        XCTAssertEqual(read2.mentions.map(\.id), ["urn:li:comment:(urn:li:activity:1,3)", "urn:li:comment:(urn:li:activity:1,4)"])
        XCTAssertEqual(read2.mentions[0].kind, .reply)
        XCTAssertEqual(read2.mentions[0].inReplyTo, "urn:li:comment:(urn:li:activity:1,2)")
        XCTAssertEqual(read2.mentions[0].replyTarget["parent_urn"], "urn:li:comment:(urn:li:activity:1,2)")
        XCTAssertEqual(iso(read2.mentions[1].createdAt), "2023-11-14T22:13:20Z", "epoch milliseconds as a string")
        XCTAssertEqual(read2.rejected.map(\.position), ["elements[2]", "elements[3]"])
        for text in [#"{"elements":[]}"#, #"{"elements":[{"name":"x"}]}"#, #"{"notifications":[]}"#, #"{"action":"LIKE"}"#] {
            XCTAssertFalse(LinkedInFormat.matches(try json(text)), text)
        }
    }

    // MARK: - GitHub

    func testGitHubSamples() throws {
        for file in ["notifications_docs_example_thread_items.json", "repo_notifications_octokit_rb_cassette.json"] {
            let page = try readSample("github/" + file, GitHubFormat.self)
            XCTAssertEqual(page.skipped, ["subscribed": 1], file)
            XCTAssertEqual(page.mentions.count + page.rejected.count + page.advice.count, 0, file)
        }
    }

    func testGitHubTraps() throws {
        func thread(_ id: String, _ reason: String, _ url: String?, type: String = "Issue", updated: String = "\"2024-05-01T10:00:00Z\"") -> String {
            let link = url.map { "\"\($0)\"" } ?? "null"
            return #"{"id":"\#(id)","reason":"\#(reason)","updated_at":\#(updated),"subject":{"title":"Fix 日本語 😀","url":\#(link),"type":"\#(type)"},"repository":{"full_name":"o/r","html_url":"https://github.com/o/r"}}"#
        }
        let page = try json("[" + [
            thread("1", "mention", "https://api.github.com/repos/o/r/issues/5"),
            thread("2", "review_requested", "https://api.github.com/repos/o/r/pulls/6", type: "PullRequest"),
            thread("3", "team_mention", nil, type: "Discussion"),
            thread("4", "ci_activity", "https://api.github.com/repos/o/r/actions/runs/1"),
            thread("5", "comment", "https://api.github.com/repos/o/r/issues/7", updated: "17"),
            #""oops""#,
        ].joined(separator: ",") + "]")
        XCTAssertTrue(GitHubFormat.matches(page))
        let result = read(GitHubFormat.self, page)
        XCTAssertEqual(result.mentions.map(\.id), ["1", "2", "3"])
        let mention = result.mentions[0]
        XCTAssertEqual(mention.kind, .mention)
        XCTAssertEqual(mention.author, Author())
        XCTAssertEqual(mention.text, "Issue: Fix 日本語 😀 (o/r)")
        XCTAssertEqual(iso(mention.createdAt), "2024-05-01T10:00:00Z")
        XCTAssertEqual(mention.url, "https://github.com/o/r/issues/5")
        XCTAssertEqual(mention.conversation, "https://api.github.com/repos/o/r/issues/5")
        XCTAssertEqual(mention.replyTarget, ["comments_url": "https://api.github.com/repos/o/r/issues/5/comments"])
        XCTAssertEqual(result.mentions[1].kind, .comment)
        XCTAssertEqual(result.mentions[1].url, "https://github.com/o/r/pull/6")
        XCTAssertEqual(result.mentions[1].replyTarget, ["comments_url": "https://api.github.com/repos/o/r/issues/6/comments"])
        XCTAssertEqual(result.mentions[2].url, "https://github.com/o/r", "a discussion has no subject url")
        XCTAssertEqual(result.mentions[2].replyTarget, [:])
        XCTAssertEqual(result.skipped, ["ci_activity": 1])
        XCTAssertEqual(result.rejected.map(\.position), ["threads[4]", "threads[5]"])
        XCTAssertEqual(result.advice, [GitHubFormat.authorAdvice])

        XCTAssertTrue(GitHubFormat.matches(try json(thread("9", "assign", nil))), "one thread alone")
        for text in ["[]", "[1,2]", #"[{"reason":"x"}]"#, #"{"subject":{}}"#] { XCTAssertFalse(GitHubFormat.matches(try json(text)), text) }
    }

    // MARK: - Flickr

    func testFlickrSamples() throws {
        let empty = try readSample("flickr/photos_comments_getList_empty_eol_2011.json", FlickrFormat.self)
        XCTAssertEqual(empty.mentions.count + empty.skipped.count + empty.rejected.count, 0)

        let eol = try readSample("flickr/photos_comments_getList_eol_2011.json", FlickrFormat.self)
        XCTAssertEqual(eol.mentions.count, 1)
        XCTAssertEqual(eol.mentions[0].author, Author(handle: "EncyclopediaOfLife", url: "https://www.flickr.com/photos/59129167@N06/"))
        XCTAssertEqual(eol.mentions[0].url, "http://www.flickr.com/photos/encyclopediaoflife/5416503569/#comment72157626366389575")

        let net = try readSample("flickr/photos_comments_getList_flickrnet_2023.json", FlickrFormat.self)
        XCTAssertEqual(net.mentions.count, 6)
        XCTAssertEqual(net.skipped.count + net.rejected.count, 0)
        let first = net.mentions[0]
        XCTAssertEqual(first.id, "153473870-52990598628-72157720277929503")
        XCTAssertEqual(first.author, Author(handle: "mikkokantanen", name: "Mikko Kantanen", url: "https://www.flickr.com/photos/195953201@N08/"))
        XCTAssertEqual(first.text, "Great shot!")
        XCTAssertEqual(iso(first.createdAt), "2023-06-21T04:44:07Z")
        XCTAssertEqual(first.kind, .comment)
        XCTAssertEqual(first.conversation, "52990598628")
        XCTAssertNil(first.inReplyTo)
        XCTAssertEqual(first.replyTarget, ["photo_id": "52990598628", "author_nsid": "195953201@N08"], "the NSID, by which the user's own are told")
        XCTAssertEqual(net.mentions[2].text, "tres belle image👍")

        let sen = try readSample("flickr/photos_comments_getList_photosen_2019.json", FlickrFormat.self)
        XCTAssertEqual(sen.mentions.count, 35)
        XCTAssertEqual(sen.skipped, ["written by you": 1], "the photo owner's own comment")
        XCTAssertEqual(sen.rejected.count, 0)
        let byId = Dictionary(uniqueKeysWithValues: sen.mentions.map { ($0.id, $0) })
        let bill = try XCTUnwrap(byId["55843683-46982335834-72157708274296665"])
        XCTAssertEqual(bill.text, "A fantastic shot and great photostream Jose!\n\nClick the smile on the left to visit mine – Bill")
        XCTAssertEqual(bill.author, Author(handle: "Lumenoid", url: "https://www.flickr.com/photos/lumenoid/"))
        XCTAssertEqual(byId["55843683-46982335834-72157680233151258"]?.text, "Una pura maravilla.\nEstás que te sales José Jesús.\nDe fábula.")
        XCTAssertEqual(byId["55843683-46982335834-72157691273059953"]?.author.handle, "dale 1")
        XCTAssertEqual(byId["55843683-46982335834-72157680246780848"]?.text,
                       "Superb ! Congratulation ! On explore Btc67Clic Here (https://www.flickr.com/photos/btc67/albums/with/72157699318306310)")
    }

    func testFlickrTraps() throws {
        let page = try json(#"""
            {"comments":{"photo_id":"42","comment":[
             {"id":"1-42-1","author":"1@N01","authorname":"Ann Lee","datecreate":"1556975891","permalink":"https://www.flickr.com/photos/owner/42/#c1",
              "path_alias":null,"realname":"","_content":"Fish &amp; chips &lt;3<br>line two\nline three 日本 😀"},
             {"id":"1-42-2","author":"2@N01","authorname":"gone","author_is_deleted":1,"datecreate":1556975891,"_content":"bye"},
             {"id":"1-42-3","author":"9@N09","path_alias":"Owner","authorname":"me","datecreate":"1556975891","permalink":"https://www.flickr.com/photos/owner/42/#c3","_content":"thanks all"},
             {"id":"1-42-4","author":"3@N01","authorname":"x","datecreate":"soon","_content":"bad time"},
             {"id":"1-42-5","author":"3@N01","authorname":"x","datecreate":"1556975891","_content":12},
             {"id":"1-42-6","author":"4@N01","authorname":"y","datecreate":1556975891,"iconserver":0,"_content":"int time"}
            ]},"stat":"ok"}
            """#)
        let result = read(FlickrFormat.self, page)
        XCTAssertEqual(result.mentions.map(\.id), ["1-42-1", "1-42-6"])
        XCTAssertEqual(result.mentions[0].text, "Fish & chips <3\nline two\nline three 日本 😀")
        XCTAssertEqual(result.mentions[0].author, Author(handle: "Ann Lee", url: "https://www.flickr.com/photos/1@N01/"))
        XCTAssertEqual(result.skipped, ["deleted account": 1, "written by you": 1])
        XCTAssertEqual(result.rejected.map(\.position), ["comment[3]", "comment[4]"])
        XCTAssertEqual(GraphSupport.htmlKeepingNewlines("<b>a</b> \r\n\n\n\n  b &eacute;<b><b></b>"), "a\n\nb é")
        XCTAssertTrue(FlickrFormat.matches(try json(#"{"comments":{"photo_id":"1"},"stat":"ok"}"#)))
        for text in [#"{"stat":"fail","code":1,"message":"Photo not found"}"#, #"{"comments":[]}"#, #"{"photos":{"photo":[]}}"#] {
            XCTAssertFalse(FlickrFormat.matches(try json(text)), text)
        }
    }

    // MARK: - FriendFeed

    func testFriendFeedSample() throws {
        let feed = try readSample("friendfeed/entries_v1_friendfeed_pyapi_2008.json", FriendFeedFormat.self)
        XCTAssertEqual(feed.mentions.count, 1)
        XCTAssertEqual(feed.skipped, ["written by you": 1, "like": 2])
        XCTAssertEqual(feed.rejected.count, 0)
        let comment = feed.mentions[0]
        XCTAssertEqual(comment.id, "ea754d94-40a1-4b39-88de-7fb588d65438")
        XCTAssertEqual(comment.author, Author(handle: "rajarshi", name: "Rajarshi Guha", url: "http://friendfeed.com/rajarshi"))
        XCTAssertEqual(comment.text, "I dream of the day when we'll get a similar movie of flights between planets")
        XCTAssertEqual(iso(comment.createdAt), "2008-12-18T21:31:29Z")
        XCTAssertEqual(comment.kind, .comment)
        XCTAssertEqual(comment.conversation, "658465da-3bc1-55fc-150b-c52c41cd158a")
        XCTAssertNil(comment.inReplyTo)
        XCTAssertEqual(comment.replyTarget, [:])
    }

    func testFriendFeedTraps() throws {
        let feed = try json("""
            {"entries":[
             {"id":"e1","title":"mine","published":"2009-01-01T00:00:00Z","user":{"nickname":"me"},"comments":[
               {"id":"c1","date":"2009-01-01T01:00:00Z","body":"すごい 😀","user":{"nickname":"bo"}},
               {"id":"c2","date":"2009-01-01T02:00:00Z","body":"thanks","user":{"nickname":"me"}},
               {"id":"c3","date":"yesterday","body":"bad date","user":{"nickname":"bo"}}]},
             {"id":"e2","title":"mine too","published":"2009-01-02T00:00:00Z","user":{"nickname":"me"}},
             {"id":"e3","title":"hey @me look","published":"2009-01-03T00:00:00Z","user":{"nickname":"friend"},"comments":[
               {"id":"c4","date":"2009-01-03T01:00:00Z","body":"nice","user":{"nickname":"zed"}},
               {"id":"c5","date":"2009-01-03T02:00:00Z","body":"@me agreed","user":{"nickname":"zed"}}],"likes":[{"date":"2009-01-03T00:00:00Z"}]},
             42
            ]}
            """)
        XCTAssertTrue(FriendFeedFormat.matches(feed))
        let result = read(FriendFeedFormat.self, feed)
        XCTAssertEqual(result.mentions.map(\.id), ["c1", "e3", "c5"])
        XCTAssertEqual(result.mentions.map(\.kind), [.comment, .mention, .mention])
        XCTAssertEqual(result.mentions[0].text, "すごい 😀")
        XCTAssertEqual(result.skipped, ["written by you": 3, "not addressed to you": 1, "like": 1])
        XCTAssertEqual(result.rejected.map(\.position), ["entries[0].comments[2]", "entries[3]"])
        XCTAssertFalse(FriendFeedFormat.matches(try json(#"{"entries":[]}"#)))
        XCTAssertFalse(FriendFeedFormat.matches(try json(#"{"entries":[{"id":"1"}]}"#)))
    }
}

extension GraphFormatTests {
    /// Every node of every sample replaced by each wrong type in turn: no reader may trap.
    func testNoInputCrashesAnyReader() throws {
        let files = [
            "facebook/comment_full_fields_pythonfacebook.json", "facebook/post_comments_page1_pythonfacebook.json",
            "instagram/comment_with_replies_pythonfacebook.json", "instagram/comments_by_ids_pythonfacebook.json",
            "instagram/mentioned_comment_pythonfacebook.json", "linkedin/socialActions_comments_get_bforblack.json",
            "linkedin/org_social_action_notifications_webhook_share_bforblack.json",
            "linkedin/org_social_action_notification_comment_bforblack.json",
            "github/notifications_docs_example_thread_items.json", "flickr/photos_comments_getList_flickrnet_2023.json",
            "friendfeed/entries_v1_friendfeed_pyapi_2008.json",
        ]
        let replacements: [JSON] = [.null, .integer("-1"), .number(1e300), .string(""), .string("_"), .array([]), .object([:]), .bool(true)]
        func variants(_ node: JSON) -> [JSON] {
            var result = replacements
            switch node {
            case .object(let object):
                for (key, value) in object {
                    for variant in variants(value) { var copy = object; copy[key] = variant; result.append(.object(copy)) }
                    var without = object; without[key] = nil; result.append(.object(without))
                }
            case .array(let array):
                for (index, value) in array.enumerated() {
                    for variant in variants(value) { var copy = array; copy[index] = variant; result.append(.array(copy)) }
                }
            default: break
            }
            return result
        }
        var pages = 0
        for file in files {
            for page in variants(try sample(file)) {
                pages += 1
                for format in Self.graph {
                    _ = format.matches(page)
                    _ = read(format, page)
                }
            }
        }
        XCTAssertGreaterThan(pages, 1_000, "every sample's variants were read by every reader")
    }
}
