import Foundation
import HeedCore
@testable import HeedImport
import TestSupport
import XCTest

/// The comment readers (YouTube, Reddit, WordPress, Blogger, Hacker News) against the published
/// samples in `../shared/samples` and against small pages written here for the traps.
final class CommentsFormatTests: XCTestCase {
    /// What a reader made of one page.
    struct Outcome {
        var mentions: [Mention] = []
        var skipped: [String: Int] = [:]
        var rejected: [ImportProblem] = []
        var answered: [String] = []
        var advice: [String] = []
    }

    static var group: [any PlatformFormat.Type] { [
        YouTubeFormat.self, RedditFormat.self, WordPressFormat.self, BloggerFormat.self, HackerNewsFormat.self,
    ] }

    /// `../shared/samples` (`SharedFiles`).
    func samples() throws -> URL {
        try SharedFiles.samples()
    }

    func sample(_ path: String) throws -> JSON {
        try JSON.parse(Data(contentsOf: samples().appendingPathComponent(path)))
    }

    func page(_ text: String) throws -> JSON { try JSON.parse(Data(text.utf8)) }

    /// Reads a page, asserting first that its format (and no other of the group) claims it.
    func read(_ format: any PlatformFormat.Type, _ page: JSON, file: StaticString = #filePath, line: UInt = #line) -> Outcome {
        XCTAssertTrue(format.matches(page), "\(format.name) should match", file: file, line: line)
        for other in Self.group where other != format {
            XCTAssertFalse(other.matches(page), "\(other.name) should not match", file: file, line: line)
        }
        var outcome = Outcome()
        format.read(page, context: ReadContext(file: "test.json")) { event in
            switch event {
            case .mention(let mention): outcome.mentions.append(mention)
            case .skipped(let reason): outcome.skipped[reason, default: 0] += 1
            case .rejected(let problem): outcome.rejected.append(problem)
            case .answered(let ref, _): outcome.answered.append(ref.description)
            case .advice(let text): outcome.advice.append(text)
            }
        }
        return outcome
    }

    func iso(_ date: Date) -> String { Timestamp.format(date) }

    // MARK: YouTube

    func testYouTubeThreadsByVideo() throws {
        let out = read(YouTubeFormat.self, try sample("youtube/commentThreads_list_page1.json"))
        XCTAssertEqual(out.mentions.count, 5)
        XCTAssertEqual(out.skipped, [:])
        XCTAssertEqual(out.rejected, [])
        let first = out.mentions[0]
        XCTAssertEqual(first.id, "UgyZ1jqkHKYvi1-ruOZ4AaABAg")
        XCTAssertEqual(first.kind, .comment)
        XCTAssertEqual(first.author, Author(handle: nil, name: "himani agarwal", url: "http://www.youtube.com/channel/UCzj-CjKYmGlZ7vTL-vOe57A"))
        XCTAssertEqual(first.text, "Google.com", "textOriginal wins over the <a> of textDisplay")
        XCTAssertEqual(iso(first.createdAt), "2019-11-26T15:51:44Z")
        XCTAssertEqual(first.url, "https://www.youtube.com/watch?v=F1UP7wRCPH8&lc=UgyZ1jqkHKYvi1-ruOZ4AaABAg")
        XCTAssertEqual(first.conversation, "UgyZ1jqkHKYvi1-ruOZ4AaABAg")
        XCTAssertNil(first.inReplyTo)
        XCTAssertEqual(first.replyTarget, ["parent_id": "UgyZ1jqkHKYvi1-ruOZ4AaABAg"])
        XCTAssertEqual(out.mentions[4].text.prefix(17), "Lot's of good lig")
    }

    func testYouTubeSingleThreadAndChannelThreads() throws {
        let single = read(YouTubeFormat.self, try sample("youtube/commentThreads_list_by_id_html.json"))
        XCTAssertEqual(single.mentions.count, 1)
        XCTAssertEqual(single.mentions[0].text.components(separatedBy: "\n").count, 4)
        let channel = read(YouTubeFormat.self, try sample("youtube/commentThreads_list_allThreadsRelatedToChannelId.json"))
        XCTAssertEqual(channel.mentions.count, 4)
        XCTAssertEqual(channel.skipped, [:])
        XCTAssertEqual(channel.rejected, [])
        let cjk = channel.mentions[2]
        XCTAssertEqual(cjk.text, "大满贯")
        XCTAssertEqual(cjk.author.name, "杨佳名")
        XCTAssertNil(cjk.url, "no videoId on a channel comment: no permalink")
        XCTAssertEqual(iso(cjk.createdAt), "2019-11-29T02:58:25Z")
    }

    func testYouTubeRepliesByParent() throws {
        let out = read(YouTubeFormat.self, try sample("youtube/comments_list_by_parentId_page1.json"))
        XCTAssertEqual(out.mentions.count, 2)
        XCTAssertEqual(out.skipped, [:])
        XCTAssertEqual(out.rejected, [])
        let reply = out.mentions[0]
        XCTAssertEqual(reply.id, "Ugw5zYU6n9pmIgAZWvN4AaABAg.91zT3cYb5B291za6voUoRh")
        XCTAssertEqual(reply.kind, .reply)
        XCTAssertEqual(reply.author.name, "kun liu")
        XCTAssertEqual(reply.text, "this is the third reply!")
        XCTAssertEqual(iso(reply.createdAt), "2019-12-01T04:46:31Z")
        XCTAssertEqual(reply.inReplyTo, "Ugw5zYU6n9pmIgAZWvN4AaABAg", "the id of a thread in the channel sample")
        XCTAssertEqual(reply.conversation, "Ugw5zYU6n9pmIgAZWvN4AaABAg")
        XCTAssertEqual(reply.replyTarget, ["parent_id": "Ugw5zYU6n9pmIgAZWvN4AaABAg"])
    }

    func testYouTubeInsertResponseIsNotAPage() throws {
        let own = try sample("youtube/comments_insert_reply_response.json")
        for format in Self.group { XCTAssertFalse(format.matches(own), format.name) }
    }

    func testYouTubeTraps() throws {
        let out = read(YouTubeFormat.self, try page(#"""
            {"kind":"youtube#commentThreadListResponse","items":[
              {"kind":"youtube#commentThread","id":"T1","snippet":{"channelId":"UCme","videoId":"v1","topLevelComment":{"id":"T1","snippet":{
                "authorDisplayName":"@kenji","authorChannelUrl":"http://www.youtube.com/@kenji","authorChannelId":{"value":"UCk"},
                "textDisplay":"Caf&eacute; &amp; <b>bold <i>植物</i></b> 🎉<br />next &lt;line&gt;","publishedAt":"2024-03-01T10:00:00+01:00"}}},
               "replies":{"comments":[
                 {"id":"T1.r1","snippet":{"parentId":"T1","authorChannelId":{"value":"UCme"},"textOriginal":"thanks!","publishedAt":"2024-03-02T00:00:00Z"}},
                 {"id":"T1.r2","snippet":{"parentId":"T1","textOriginal":"no author","publishedAt":"2024-03-03T00:00:00Z"}},
                 {"id":"T1.r3","snippet":{"parentId":"T1","textOriginal":"bad time","publishedAt":1709251200}}]}},
              "not a thread",
              {"id":"T2","snippet":{"topLevelComment":{"id":"T2","snippet":{"textOriginal":"spam","moderationStatus":"likelySpam","publishedAt":"2024-03-01T00:00:00Z"}}}},
              {"id":"T3","snippet":{"channelId":"UCme","topLevelComment":{"id":"T3","snippet":{"authorChannelId":{"value":"UCme"},"textOriginal":"mine","publishedAt":"2024-03-01T00:00:00Z"}}}},
              {"id":"T4","snippet":{"topLevelComment":null}}]}
            """#))
        XCTAssertEqual(out.mentions.map(\.id), ["T1", "T1.r2"])
        XCTAssertEqual(out.skipped, ["spam": 1, "written by you": 1])
        XCTAssertEqual(out.answered, ["youtube:T1"], "the channel owner's reply answers the comment")
        XCTAssertEqual(out.rejected.map(\.position), ["items[0].replies.comments[2]", "items[1]", "items[4]"])
        XCTAssertTrue(out.rejected[0].reason.contains("publishedAt"), out.rejected[0].reason)
        let top = out.mentions[0]
        XCTAssertEqual(top.text, "Café & bold 植物 🎉\nnext <line>")
        XCTAssertEqual(top.author, Author(handle: "@kenji", name: "@kenji", url: "http://www.youtube.com/@kenji"))
        XCTAssertEqual(iso(top.createdAt), "2024-03-01T09:00:00Z")
        XCTAssertEqual(out.mentions[1].author, Author())
        XCTAssertEqual(out.mentions[1].url, "https://www.youtube.com/watch?v=v1&lc=T1.r2")
        XCTAssertEqual(out.mentions[1].replyTarget, ["parent_id": "T1"])
        XCTAssertFalse(YouTubeFormat.matches(try page(#"{"kind":"youtube#commentThreadListResponse","items":{}}"#)))
    }

    // MARK: Reddit

    func testRedditInbox() throws {
        let out = read(RedditFormat.self, try sample("reddit/message_inbox_praw.json"))
        XCTAssertEqual(out.mentions.count, 100)
        XCTAssertEqual(out.mentions.filter { $0.kind == .dm }.count, 98)
        XCTAssertEqual(out.mentions.filter { $0.kind == .reply }.count, 2)
        XCTAssertEqual(out.skipped, [:])
        XCTAssertEqual(out.rejected, [])
        let reply = out.mentions[0]
        XCTAssertEqual(reply.id, "t1_myngt77")
        XCTAssertEqual(reply.author, Author(handle: "Lil_SpazTest", url: "https://www.reddit.com/user/Lil_SpazTest"))
        XCTAssertEqual(reply.text, "Reply")
        XCTAssertEqual(iso(reply.createdAt), "2025-06-19T15:57:51Z")
        XCTAssertEqual(reply.url, "https://www.reddit.com/r/Lil_SpazJoekp/comments/1j7g9uj/test_post_pls_ignore/myngt77/?context=3")
        XCTAssertEqual(reply.conversation, "t3_1j7g9uj")
        XCTAssertEqual(reply.inReplyTo, "t1_mynfuan")
        XCTAssertEqual(reply.replyTarget, ["thing_id": "t1_myngt77"])
        let dm = out.mentions[1]
        XCTAssertEqual(dm.id, "t4_2r17c8r")
        XCTAssertEqual(dm.kind, .dm)
        XCTAssertEqual(dm.conversation, "t4_2r17c8r", "a first message is its own thread")
        XCTAssertNil(dm.url)
        XCTAssertNil(dm.inReplyTo)
        let modmail = try XCTUnwrap(out.mentions.first { $0.id == "t4_22y94yp" })
        XCTAssertEqual(modmail.author, Author(), "author null: sent as the subreddit")
        XCTAssertEqual(modmail.text, "Bot!")
        XCTAssertEqual(modmail.conversation, "t4_22w75y7")
        XCTAssertEqual(modmail.inReplyTo, "t4_22w75y7")
        XCTAssertEqual(iso(modmail.createdAt), "2023-12-23T17:01:55Z")
    }

    func testRedditMentions() throws {
        let out = read(RedditFormat.self, try sample("reddit/message_mentions_praw.json"))
        XCTAssertEqual(out.mentions.count, 16)
        XCTAssertTrue(out.mentions.allSatisfy { $0.kind == .mention })
        XCTAssertEqual(out.skipped, [:])
        XCTAssertEqual(out.rejected, [])
        let first = out.mentions[0]
        XCTAssertEqual(first.id, "t1_ekftbox")
        XCTAssertEqual(first.author.handle, "2Botter2Loop")
        XCTAssertTrue(first.text.hasPrefix("Hello /u/<USERNAME>,\n\nYour [submission](https://redd.it/bb1sep)"), "Markdown kept")
        XCTAssertEqual(iso(first.createdAt), "2019-04-09T01:45:08Z")
        XCTAssertEqual(first.conversation, "t3_bb24k7")
        XCTAssertEqual(first.inReplyTo, "t3_bb24k7")
    }

    func testRedditTraps() throws {
        let out = read(RedditFormat.self, try page(#"""
            {"kind":"Listing","data":{"after":null,"children":[
              {"kind":"t1","data":{"name":"t1_a","type":"comment_reply","author":"[deleted]","replies":"","parent_id":"t1_p",
                "body_html":"&lt;!-- SC_OFF --&gt;&lt;div class=\"md\"&gt;&lt;p&gt;Fish &amp;amp; chips &lt;em&gt;now&lt;/em&gt; 🍟&lt;/p&gt;&lt;/div&gt;&lt;!-- SC_ON --&gt;",
                "created_utc":"1700000000.5","context":"/r/x/comments/abc12/slug/a/?context=3"}},
              {"kind":"t1","data":{"name":"t1_b","type":"comment_reply","author":"[deleted]","body":"[deleted]","created_utc":1700000000.0}},
              {"kind":"t3","data":{"name":"t3_c","title":"a post"}},
              {"kind":"t1","data":{"name":"t1_d","body":"a comment in a listing of comments","created_utc":1700000000.0}},
              {"kind":"t4","data":{"id":"e","body":"東京で会いましょう","author":"yuki","created_utc":true}},
              {"kind":"t4","data":{"id":"f","body":"東京で &lt;b&gt; &amp; 会いましょう","body_html":"&lt;div&gt;x&lt;/div&gt;","author":"yuki","created_utc":1700000001,"first_message_name":null}},
              42,
              {"kind":"t1","data":"oops"}]}}
            """#))
        XCTAssertEqual(out.mentions.map(\.id), ["t1_a", "t4_f"])
        XCTAssertEqual(out.skipped, ["deleted post": 1, "not addressed to you": 2])
        XCTAssertEqual(out.rejected.map(\.position), ["children[4]", "children[6]", "children[7]"])
        XCTAssertEqual(out.rejected[0].reason, "missing or invalid 'created_utc'")
        let first = out.mentions[0]
        XCTAssertEqual(first.text, "Fish & chips now 🍟")
        XCTAssertEqual(first.author, Author())
        XCTAssertEqual(first.createdAt.timeIntervalSince1970, 1_700_000_000.5)
        XCTAssertEqual(first.conversation, "t3_abc12")
        XCTAssertEqual(out.mentions[1].conversation, "t4_f")
        XCTAssertEqual(out.mentions[1].text, "東京で <b> & 会いましょう", "escaped without raw_json=1")
        XCTAssertFalse(RedditFormat.matches(try page(#"{"kind":"Listing","data":{"children":[{"kind":"comment"}]}}"#)))
        XCTAssertFalse(RedditFormat.matches(try page(#"{"kind":"Listing","data":{}}"#)))
    }

    // MARK: WordPress

    func testWordPressSamples() throws {
        let core = read(WordPressFormat.self, try sample("wordpress/comments_collection_wp_core_fixture.json"))
        XCTAssertEqual(core.mentions.count, 1)
        XCTAssertEqual(core.skipped, [:])
        XCTAssertEqual(core.rejected, [])
        XCTAssertEqual(core.advice, [])
        let comment = core.mentions[0]
        XCTAssertEqual(comment.id, "2")
        XCTAssertEqual(comment.kind, .comment)
        XCTAssertEqual(comment.author, Author(handle: nil, name: "Internet of something or other", url: "http://lights.example.org/"))
        XCTAssertEqual(comment.text, "This is a comment")
        XCTAssertEqual(iso(comment.createdAt), "2017-02-14T00:00:00Z")
        XCTAssertEqual(comment.url, "http://example.org/?p=4#comment-2")
        XCTAssertEqual(comment.conversation, "4")
        XCTAssertNil(comment.inReplyTo)
        XCTAssertEqual(comment.replyTarget, ["post": "4", "parent": "2"])

        let thread = read(WordPressFormat.self, try sample("wordpress/comments_reply_thread_workerbee_mock.json"))
        XCTAssertEqual(thread.mentions.count, 2)
        XCTAssertEqual(thread.skipped, [:])
        XCTAssertEqual(thread.rejected, [])
        let reply = thread.mentions[0]
        XCTAssertEqual(reply.kind, .reply)
        XCTAssertEqual(reply.text, "Testowa odpowiedź w języku polskim.")
        XCTAssertEqual(iso(reply.createdAt), "2025-08-28T08:34:48Z")
        XCTAssertEqual(reply.inReplyTo, thread.mentions[1].id)
        XCTAssertEqual(reply.conversation, "9")
        XCTAssertEqual(reply.replyTarget, ["post": "9", "parent": "3"])
        XCTAssertEqual(thread.mentions[1].text, "Testowy komentarz w języku polskim.\n\nBest page (https://google.com)")
    }

    func testWordPressTraps() throws {
        /// A comment with some of its fields replaced (the base fields are those not given).
        func comment(_ id: String, _ extra: [String: String] = [:]) -> String {
            let base = ["id": id, "post": "7", "parent": "0", "author_name": #""Zoë""#, "author_url": #""""#,
                        "date_gmt": #""2024-05-01T12:00:00""#, "content": #"{"rendered":"<p>hi</p>"}"#]
            return "{" + base.merging(extra) { $1 }.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
        let out = read(WordPressFormat.self, try page("[" + [
            comment("1", ["type": #""pingback""#]), comment("2", ["type": #""trackback""#]),
            comment("3", ["status": #""spam""#]), comment("4", ["status": #""trash""#]),
            comment("5", ["status": #""hold""#, "parent": "1", "content": #"{"rendered":"<p>Caf&eacute; &amp; <strong>bold <em>x</em></strong> &#x1F600;</p>\n<blockquote><p>引用</p></blockquote>"}"#]),
            comment("true"), comment("7", ["date_gmt": "null"]), "[]",
        ].joined(separator: ",") + "]"))
        XCTAssertEqual(out.mentions.map(\.id), ["5"])
        XCTAssertEqual(out.skipped, ["pingback": 1, "trackback": 1, "spam": 1, "trash": 1])
        XCTAssertEqual(out.rejected.map(\.position), ["[5]", "[6]", "[7]"])
        XCTAssertEqual(out.rejected.map(\.reason), ["missing or invalid 'id'", "missing or invalid 'date_gmt'", "not an object (an array)"])
        let held = out.mentions[0]
        XCTAssertEqual(held.text, "Café & bold x 😀\n\n引用")
        XCTAssertEqual(held.author, Author(name: "Zoë"), "an empty author_url is no URL")
        XCTAssertEqual(held.kind, .reply)
        XCTAssertEqual(held.inReplyTo, "1")
        XCTAssertNil(held.url)

        let single = read(WordPressFormat.self, try page(#"{"id":9,"post":7,"parent":0,"date_gmt":"2024-05-01T12:00:00","content":{"rendered":"x"}}"#))
        XCTAssertEqual(single.mentions.map(\.author), [Author()])
        XCTAssertEqual(single.advice.count, 1, "author_name left out by _fields")
        XCTAssertFalse(WordPressFormat.matches(try page("[]")))
        XCTAssertFalse(WordPressFormat.matches(try page(#"[{"id":1,"date_gmt":"2024-05-01T12:00:00","content":{"rendered":"a post"}}]"#)))
    }

    // MARK: Blogger

    func testBloggerSamples() throws {
        let one = read(BloggerFormat.self, try sample("blogger/comment_get_docs_example.json"))
        XCTAssertEqual(one.mentions.count, 1)
        XCTAssertEqual(one.skipped, [:])
        XCTAssertEqual(one.rejected, [])
        let comment = one.mentions[0]
        XCTAssertEqual(comment.id, "9200761938824362519")
        XCTAssertEqual(comment.kind, .comment)
        XCTAssertEqual(comment.author, Author(name: "elided"), "the placeholder url is no link")
        XCTAssertEqual(comment.text, "elided")
        XCTAssertEqual(iso(comment.createdAt), "2011-07-28T19:19:57Z")
        XCTAssertEqual(comment.conversation, "6069922188027612413")
        XCTAssertNil(comment.inReplyTo)
        XCTAssertEqual(comment.replyTarget, [:])

        let list = read(BloggerFormat.self, try sample("blogger/comments_list_docs_example.json"))
        XCTAssertEqual(list.mentions.map(\.id), ["9200761938824362519"])
        XCTAssertEqual(list.skipped, [:])
        XCTAssertEqual(list.rejected.map(\.position), ["items[1]"], "the docs elided item 2 down to kind and id")
        XCTAssertTrue(list.rejected[0].reason.contains("'content'"))
    }

    func testBloggerTraps() throws {
        let out = read(BloggerFormat.self, try page(#"""
            {"kind":"blogger#commentList","items":[
              {"kind":"blogger#comment","id":"11","post":{"id":"p1"},"inReplyTo":{"id":"10"},"published":"2012-04-15T19:38:01-07:00",
               "content":"Merci &amp; <a href=\"https://example.com/x\">voir ici</a><br>ça marche 👍","author":{"displayName":"Amélie","url":"http://www.blogger.com/profile/42"}},
              {"kind":"blogger#comment","id":"12","status":"emptied","content":"","published":"2012-04-15T19:38:01Z"},
              {"kind":"blogger#comment","id":"13","status":"spam","content":"buy","published":"2012-04-15T19:38:01Z"},
              {"kind":"blogger#comment","id":"14","content":5,"published":"2012-04-15T19:38:01Z"},
              {"kind":"blogger#comment","id":"15","content":"no author","published":"2012-04-15T19:38:01Z"}]}
            """#))
        XCTAssertEqual(out.mentions.map(\.id), ["11", "15"])
        XCTAssertEqual(out.skipped, ["deleted post": 1, "spam": 1])
        XCTAssertEqual(out.rejected.map(\.position), ["items[3]"])
        let reply = out.mentions[0]
        XCTAssertEqual(reply.kind, .reply)
        XCTAssertEqual(reply.inReplyTo, "10")
        XCTAssertEqual(reply.text, "Merci & voir ici (https://example.com/x)\nça marche 👍")
        XCTAssertEqual(iso(reply.createdAt), "2012-04-16T02:38:01Z")
        XCTAssertEqual(reply.author, Author(name: "Amélie", url: "http://www.blogger.com/profile/42"))
        XCTAssertEqual(out.mentions[1].author, Author())
        XCTAssertEqual(read(BloggerFormat.self, try page(#"{"kind":"blogger#commentList"}"#)).mentions, [])
    }

    // MARK: Hacker News

    func testHackerNewsSample() throws {
        let out = read(HackerNewsFormat.self, try sample("hackernews/item_comment_firebase_docs.json"))
        XCTAssertEqual(out.mentions.count, 1)
        XCTAssertEqual(out.skipped, [:])
        XCTAssertEqual(out.rejected, [])
        let comment = out.mentions[0]
        XCTAssertEqual(comment.id, "2921983")
        XCTAssertEqual(comment.kind, .comment)
        XCTAssertEqual(comment.author, Author(handle: "norvig", url: "https://news.ycombinator.com/user?id=norvig"))
        XCTAssertEqual(comment.text, "Aw shucks, guys ... you make me blush with your compliments.\n\nTell you what, Ill make a deal: I'll keep writing if you keep reading. K?")
        XCTAssertEqual(iso(comment.createdAt), "2011-08-24T18:38:47Z")
        XCTAssertEqual(comment.url, "https://news.ycombinator.com/item?id=2921983")
        XCTAssertEqual(comment.inReplyTo, "2921506")
        XCTAssertNil(comment.conversation)
        XCTAssertEqual(comment.replyTarget, [:])
    }

    func testHackerNewsTraps() throws {
        let out = read(HackerNewsFormat.self, try page(#"""
            [{"by":"pg","id":1,"score":5,"time":1160418111,"title":"Y Combinator","type":"story","url":"http://ycombinator.com"},
             {"id":2,"deleted":true,"parent":1,"time":1160418200,"type":"comment"},
             {"by":"x","dead":true,"id":3,"parent":1,"text":"[flagged]","time":1160418300,"type":"comment"},
             null,
             {"by":"tptacek","id":4,"parent":1,"text":"It&#x27;s <i>fine</i> &gt; 2<p>See <a href=\"https://example.com/a&amp;b\" rel=\"nofollow\">https://example.com/a&amp;b</a><p><pre><code>  x = 1\n</code></pre>","time":"1314211127.9","type":"comment"},
             {"by":"y","id":5,"parent":1,"text":"soon","time":"soon","type":"comment"},
             {"by":"z","id":6,"parent":1,"time":1160418400,"type":"comment"}]
            """#))
        XCTAssertEqual(out.mentions.map(\.id), ["4"])
        XCTAssertEqual(out.skipped, ["story": 1, "deleted post": 3])
        XCTAssertEqual(out.rejected.map(\.position), ["[5]", "[6]"])
        XCTAssertEqual(out.rejected.map(\.reason), ["missing or invalid 'time'", "missing or invalid 'text'"])
        XCTAssertEqual(out.mentions[0].text, "It's fine > 2\n\nSee https://example.com/a&b\n\n  x = 1")
        XCTAssertEqual(iso(out.mentions[0].createdAt), "2011-08-24T18:38:47Z")
        XCTAssertFalse(HackerNewsFormat.matches(try page(#"{"id":1,"type":"comment","time":1,"kind":"t1"}"#)))
        XCTAssertFalse(HackerNewsFormat.matches(try page(#"[null]"#)))
    }

    // MARK: Robustness

    /// Every value of a page replaced in turn by each JSON type: readers reject, never trap.
    func testNoInputCrashesAReader() throws {
        let files = ["youtube/commentThreads_list_page1.json", "youtube/comments_list_by_parentId_page1.json",
                     "reddit/message_inbox_praw.json", "wordpress/comments_reply_thread_workerbee_mock.json",
                     "blogger/comments_list_docs_example.json", "hackernews/item_comment_firebase_docs.json"]
        let swaps: [JSON] = [.null, .integer("1"), .number(-1e300), .string(""), .array([]), .object([:]), .bool(true)]
        /// The page with every array cut to two elements, then each node swapped for each value.
        func variants(_ json: JSON) -> [JSON] {
            var out = swaps
            switch json {
            case .object(let fields):
                for (key, value) in fields {
                    out += variants(value).map { var copy = fields; copy[key] = $0; return .object(copy) }
                }
            case .array(let items):
                let kept = Array(items.prefix(2))
                for index in kept.indices {
                    out += variants(kept[index]).map { var copy = kept; copy[index] = $0; return .array(copy) }
                }
            default: break
            }
            return out
        }
        var pages = 0
        for file in files {
            for page in variants(try sample(file)) {
                for format in Self.group where format.matches(page) {
                    format.read(page, context: ReadContext(file: file)) { _ in }
                }
                pages += 1
            }
        }
        XCTAssertGreaterThan(pages, 1000)
    }

    // MARK: Strictness

    /// No reader of this group claims another platform's sample.
    func testOtherPlatformsSamplesAreNotClaimed() throws {
        let folder = try samples()
        let own: [String: any PlatformFormat.Type] = [
            "youtube": YouTubeFormat.self, "reddit": RedditFormat.self, "wordpress": WordPressFormat.self,
            "blogger": BloggerFormat.self, "hackernews": HackerNewsFormat.self,
        ]
        let platforms = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".md") }
        XCTAssertGreaterThan(platforms.count, 5)
        for platform in platforms {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(platform).path) {
                guard let json = try? sample("\(platform)/\(file)") else { continue }
                for format in Self.group where format != own[platform] {
                    XCTAssertFalse(format.matches(json), "\(format.name) claims \(platform)/\(file)")
                }
            }
        }
    }
}
