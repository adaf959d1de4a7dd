import Foundation
import HeedCore
import HeedImport
import HeedStore
import TestSupport
import XCTest

/// Threads from real payloads of several platforms: the reader's conversation ids group the
/// items, the store lists each thread in order and counts its open items per row.
final class ThreadSampleTests: XCTestCase {
    func testThreadsOfFivePlatformsGroupAsTheirAPIsSay() throws {
        let samples = try SharedFiles.samples()
        let store = try Store()
        for file in ["bluesky/listNotifications_atprotodart.json", "reddit/message_inbox_praw.json", "youtube/comments_list_by_parentId_page1.json",
                     "facebook/post_comments_page1_pythonfacebook.json", "mastodon/notifications_docs_example.json"] {
            guard case .counted = try Import.file(samples.appendingPathComponent(file).path, into: store) else { return XCTFail(file) }
        }
        // Bluesky: replies share their root post's uri.
        let root = "at://did:plc:yk4dd2qkboz2yv6tpubpc6co/app.bsky.feed.post/3k67i2ehemv2n"
        let bluesky = try store.page(QueryParser.parse("platform:bluesky"), .first(100), now: Date()).filter { $0.mention.conversation == root }
        XCTAssertEqual(bluesky.count, 3)
        XCTAssertTrue(bluesky.allSatisfy { $0.thread == 3 }, "each row counts its thread's open items")
        let blueskyThread = try store.thread(of: bluesky[1].mention.ref)
        XCTAssertEqual(blueskyThread.map(\.mention.ref), bluesky.map(\.mention.ref), "the thread in rank order")
        XCTAssertEqual(blueskyThread.map(\.mention.createdAt), blueskyThread.map(\.mention.createdAt).sorted())

        // Reddit: a private message thread (first_message_name).
        let reddit = try store.page(QueryParser.parse("platform:reddit"), .first(100), now: Date()).filter { $0.mention.conversation == "t4_22u9ed2" }
        XCTAssertEqual(reddit.count, 4)
        XCTAssertEqual(try store.thread(of: reddit[0].mention.ref).count, 4)

        // YouTube: two replies to one top-level comment.
        let youtube = try store.page(QueryParser.parse("platform:youtube"), .first(10), now: Date())
        XCTAssertEqual(youtube.count, 2)
        XCTAssertEqual(Set(youtube.map(\.mention.conversation)).count, 1)
        XCTAssertEqual(youtube.map(\.thread), [2, 2])

        // Facebook: the comments of one post.
        let facebook = try store.page(QueryParser.parse("platform:facebook"), .first(100), now: Date())
        XCTAssertEqual(facebook.count, 10)
        XCTAssertEqual(Set(facebook.map(\.thread)), [10])

        // Acknowledging a whole thread answers exactly its items.
        let result = try store.acknowledge(.threads([reddit[0].mention.ref]), at: Date())
        XCTAssertEqual(result.changedCount, 4)
        XCTAssertEqual(try store.summary(QueryParser.parse("platform:reddit"), now: Date()).waiting, 96)
    }
}
