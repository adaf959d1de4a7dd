import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedIntake
import HeedStorage
import XCTest

/// The user's own accounts told by every name a platform gives them: Mastodon's local accounts
/// without a domain, Flickr's NSID, path alias and screen name; a reply never tags its writer.
final class OwnAccountsTests: XCTestCase {
    /// Records what a sink is handed: the mentions stored, answers, and counts.
    final class Sink: MentionSink {
        var counts = ImportCounts()
        var stored: [Mention] = []
        var answered: [Ref] = []
        var skipped = 0
        func put(_ mention: Mention) throws { stored.append(mention) }
        func skip() { skipped += 1 }
        func reject() {}
        func answered(_ ref: Ref, at date: Date) throws { answered.append(ref) }
    }

    let at = Date(timeIntervalSince1970: 1_763_630_040)

    func mastodon(_ acct: String, url: String?) -> Mention {
        Mention(platform: .mastodon, id: "1", author: Author(handle: acct, url: url), text: "hi", createdAt: at)
    }

    func testMastodonAccountsOfTheUsersServerComeWithoutADomain() {
        let you = Config(handles: [.mastodon: ["halcy@mastodon.social"]])
        XCTAssertTrue(you.isOwn(mastodon("halcy", url: "https://mastodon.social/@halcy")), "the profile URL names the server")
        XCTAssertTrue(you.isOwn(mastodon("halcy", url: nil)), "no URL: the local domain is the configured handle's")
        XCTAssertTrue(you.isOwn(mastodon("@Halcy@Mastodon.Social", url: nil)))
        XCTAssertFalse(you.isOwn(mastodon("halcy@glitch.social", url: "https://glitch.social/@halcy")), "a namesake elsewhere")
        XCTAssertFalse(you.isOwn(mastodon("halcy", url: "https://glitch.social/@halcy")), "a namesake local to another server")
        XCTAssertFalse(you.isOwn(mastodon("other", url: "https://mastodon.social/@other")))

        let webDomain = Config(handles: [.mastodon: ["alice@example.com"]])
        XCTAssertTrue(webDomain.isOwn(mastodon("alice", url: "https://social.example.com/@alice")), "a server on a subdomain of its accounts' domain")

        let two = Config(handles: [.mastodon: ["alice@a.social", "bob@b.social"]])
        XCTAssertFalse(two.isOwn(mastodon("alice", url: "https://b.social/@alice")), "b.social's own alice is someone else")
        XCTAssertTrue(two.isOwn(mastodon("bob", url: "https://b.social/@bob")))

        let bare = Config(handles: [.mastodon: ["halcy"]])
        XCTAssertTrue(bare.isOwn(mastodon("halcy", url: "https://mastodon.social/@halcy")))
        XCTAssertFalse(bare.isOwn(mastodon("halcy@glitch.social", url: "https://glitch.social/@halcy")), "a handle without a domain is a local account's")
        XCTAssertTrue(you.isOwn(.mastodon, "halcy"))
        XCTAssertFalse(you.isOwn(.mastodon, "halcy@hachyderm.io"))
        XCTAssertTrue(Config(handles: [.mastodon: ["dev@localhost:3000"]]).isOwn(mastodon("dev", url: "http://localhost:3000/@dev")), "a port is no part of the domain compared")
    }

    /// A real mastodon.social page: a direct message to halcy (local, so `halcy`), and two
    /// namesakes elsewhere. Saved by halcy@mastodon.social, the reply tags the others only.
    func testAReplyNeverTagsTheUserListedWithoutADomain() throws {
        let path = try SocialFixtures.samples().appendingPathComponent("mastodon/notifications_mastodonpy_mastodon_social.json").path
        var intake = Intake(own: Config(handles: [.mastodon: ["halcy@mastodon.social"]]))
        let sink = Sink()
        try intake.read(.path(path), name: "n.json", into: sink)
        let message = try XCTUnwrap(sink.stored.first)
        XCTAssertEqual(message.kind, .dm)
        XCTAssertEqual(message.replyTarget["mentions"], "halcy@glitch.social halcy@hachyderm.io")

        var anyone = Intake()
        let other = Sink()
        try anyone.read(.path(path), name: "n.json", into: other)
        XCTAssertEqual(other.stored.first?.replyTarget["mentions"], "halcy halcy@glitch.social halcy@hachyderm.io", "without [handles], nothing is taken out")
    }

    func testTheUsersOwnLocalPostCountsAsTheirs() throws {
        let mine = #"{"id":"n2","type":"mention","account":{"id":"1","acct":"you","url":"https://mastodon.social/@you"},"status":{"id":"2","created_at":"2026-11-20T10:00:00.000Z","in_reply_to_id":"1","visibility":"public","content":"<p>@alice thanks</p>","spoiler_text":"","account":{"id":"1","acct":"you","url":"https://mastodon.social/@you"}}}"#
        let theirs = #"{"id":"n1","type":"mention","account":{"id":"5","acct":"alice@example.social","url":"https://example.social/@alice"},"status":{"id":"1","created_at":"2026-11-20T09:00:00.000Z","in_reply_to_id":null,"visibility":"public","content":"<p>@you hi</p>","spoiler_text":"","account":{"id":"5","acct":"alice@example.social","url":"https://example.social/@alice"}}}"#
        var intake = Intake(own: Config(handles: [.mastodon: ["you@mastodon.social"]]))
        let sink = Sink()
        try intake.read(.bytes(Array("[\(theirs),\(mine)]".utf8)), name: "p", into: sink)
        XCTAssertEqual(sink.stored.map(\.id), ["1"])
        XCTAssertEqual(sink.answered, [Ref(platform: .mastodon, id: "1")])
        XCTAssertEqual(intake.skipped.counts, ["written by you": 1])
    }

    /// A Flickr person is named three ways; whichever `[handles]` gives, their comments are theirs.
    func testAFlickrOwnerIsToldByNSIDPathAliasOrScreenName() throws {
        let path = try SocialFixtures.samples().appendingPathComponent("flickr/photos_comments_getList_photosen_2019.json").path
        var counts: [Int] = []
        for name in ["16446716@N05", "lumenoid", "Lumenoid", "someone else"] {
            var intake = Intake(own: Config(handles: [.flickr: [name]]))
            let sink = Sink()
            try intake.read(.path(path), name: "c.json", into: sink)
            counts.append(intake.skipped.counts["written by you"] ?? 0)
            XCTAssertEqual(sink.stored.contains { $0.id == "55843683-46982335834-72157708274296665" }, name == "someone else", name)
        }
        XCTAssertEqual(counts, [2, 2, 2, 1], "the photo owner's own comment, and Lumenoid's when Lumenoid is the user")
    }

    func testABlueskyUserIsToldByHandleOrDID() {
        let post = Mention(platform: .bluesky, id: "at://did:plc:me/app.bsky.feed.post/1", author: Author(handle: "me.example.com"),
                           text: "hi", createdAt: at, replyTarget: ["author_did": "did:plc:me"])
        XCTAssertTrue(Config(handles: [.bluesky: ["did:plc:me"]]).isOwn(post))
        XCTAssertTrue(Config(handles: [.bluesky: ["me.example.com"]]).isOwn(post))
        XCTAssertFalse(Config(handles: [.bluesky: ["did:plc:you"]]).isOwn(post))
    }
}
