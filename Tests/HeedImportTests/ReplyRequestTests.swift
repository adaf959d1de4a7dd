import Foundation
import HeedCore
@testable import HeedImport
import HeedOutbox
import TestSupport
import XCTest

/// From a platform's payload to the request that answers it: what the readers keep is what the
/// API needs (Instagram's media id for a mention, Mastodon's visibility for a direct message).
final class ReplyRequestTests: XCTestCase {
    /// The mentions and advice a reader makes of one page.
    func read(_ format: any PlatformFormat.Type, _ page: JSON) -> (mentions: [Mention], advice: [String]) {
        var mentions: [Mention] = [], advice: [String] = []
        format.read(page, context: ReadContext(file: "f.json")) { event in
            switch event {
            case .mention(let mention): mentions.append(mention)
            case .advice(let note): advice.append(note)
            case .skipped, .rejected, .answered: break
            }
        }
        return (mentions, advice)
    }

    /// A sample file from `../shared/samples` (`SharedFiles`).
    func sample(_ path: String) throws -> JSON {
        try JSON.parse(Data(contentsOf: SharedFiles.url("samples/" + path)))
    }

    /// The request answering a mention, or why there is none.
    func answer(_ mention: Mention) -> Result<PostRequest, NotPostable> {
        PostRequest.make(for: Draft(id: "d1", ref: mention.ref, replyTarget: mention.replyTarget, author: mention.author.handle,
                                    text: "thank you!", createdAt: Date(timeIntervalSince1970: 0)))
    }

    func body(_ request: PostRequest) throws -> NSDictionary {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? NSDictionary)
    }

    func testAnInstagramMentionWithoutItsMediaIsNotExportableAndSaysWhy() throws {
        let (mentions, advice) = read(InstagramFormat.self, try sample("instagram/mentioned_comment_pythonfacebook.json"))
        let mention = try XCTUnwrap(mentions.first)
        guard case .failure(let problem) = answer(mention) else { return XCTFail("a mention was answered without its media id") }
        XCTAssertTrue(problem.reason.hasPrefix("an Instagram mention is answered through /{ig-user-id}/mentions, which needs the media id"), problem.reason)
        XCTAssertEqual(advice, [InstagramFormat.mediaAdvice])
    }

    func testAnInstagramMentionIsAnsweredThroughTheMentionsEdge() throws {
        let page = try JSON.parse(Data(#"""
            {"mentioned_comment":{"id":"17967008497439572","text":"@me good","timestamp":"2021-08-19T09:14:16+0000","username":"ikroskun",
             "media":{"id":"17846368219941692"}},"id":"17841406338772941"}
            """#.utf8))
        let (mentions, advice) = read(InstagramFormat.self, page)
        let request = try answer(try XCTUnwrap(mentions.first)).get()
        XCTAssertEqual(request.path, "/17841406338772941/mentions")
        XCTAssertEqual(try body(request), ["media_id": "17846368219941692", "comment_id": "17967008497439572", "message": "thank you!"])
        XCTAssertNil(request.note)
        XCTAssertEqual(advice, [])
    }

    func testACommentOnYourOwnMediaIsAnsweredAsAReply() throws {
        let (mentions, _) = read(InstagramFormat.self, try sample("instagram/comment_with_replies_pythonfacebook.json"))
        let reply = try XCTUnwrap(mentions.first)
        let request = try answer(reply).get()
        XCTAssertEqual(request.path, "/17892250648466172/replies", "answered on the top-level comment")
        XCTAssertEqual(try body(request), ["message": "thank you!"])
    }

    func testADirectMessageIsAnsweredDirectly() throws {
        let (conversations, _) = read(MastodonFormat.self, try sample("mastodon/conversations_mastodonpy_localhost.json"))
        let (notifications, _) = read(MastodonFormat.self, try sample("mastodon/notifications_mastodonpy_mastodon_social.json"))
        for mention in conversations + notifications where mention.kind == .dm {
            XCTAssertEqual(try body(try answer(mention).get())["visibility"] as? String, "direct", mention.id)
        }
        XCTAssertFalse((conversations + notifications).filter { $0.kind == .dm }.isEmpty)
        let bare = try JSON.parse(Data(#"""
            [{"id":"9","unread":true,"accounts":[{"id":"2","acct":"ana@example.social"}],
              "last_status":{"id":"77","created_at":"2026-01-01T00:00:00Z","content":"<p>psst</p>","account":{"id":"2","acct":"ana@example.social"}}}]
            """#.utf8))
        let dm = try XCTUnwrap(read(MastodonFormat.self, bare).mentions.first)
        XCTAssertEqual(dm.kind, .dm, "a conversation without a visibility is still a direct message")
        XCTAssertEqual(try body(try answer(dm).get())["visibility"] as? String, "direct")
    }
}
