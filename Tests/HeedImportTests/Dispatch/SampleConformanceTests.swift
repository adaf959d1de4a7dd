import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedIntake
import HeedStore
import TestSupport
import XCTest

/// Every file under ../shared/samples through the whole import path (detection, reader, store):
/// the exact numbers imported, skipped and rejected, or the unknown-format failure for files
/// that hold no mentions. Needs the samples beside the package (`SharedFiles`).
final class SampleConformanceTests: XCTestCase {

    /// file → (imported, skipped, rejected); nil = not a mention payload (unknown format).
    static let expected: [String: (Int, Int, Int)?] = [
        "blogger/comment_get_docs_example.json": (1, 0, 0),
        "blogger/comments_list_docs_example.json": (1, 0, 1),
        "bluesky/createRecord_response_docs.json": nil,
        "bluesky/listNotifications_atprotodart.json": (24, 176, 0),
        "bluesky/listNotifications_lexicon.json": nil,
        "bluesky/post_record_mention_facets_docs.json": nil,
        "bluesky/post_record_quote_docs.json": nil,
        "bluesky/post_record_reply_docs.json": nil,
        "facebook/comment_create_response_pythonfacebook.json": (1, 0, 0),
        "facebook/comment_full_fields_pythonfacebook.json": (1, 0, 0),
        "facebook/post_comments_page1_pythonfacebook.json": (10, 0, 0),
        "flickr/photos_comments_getList_empty_eol_2011.json": (0, 0, 0),
        "flickr/photos_comments_getList_eol_2011.json": (1, 0, 0),
        "flickr/photos_comments_getList_flickrnet_2023.json": (6, 0, 0),
        "flickr/photos_comments_getList_photosen_2019.json": (35, 1, 0),
        "friendfeed/entries_v1_friendfeed_pyapi_2008.json": (1, 3, 0),
        "github/notifications_docs_example_thread_items.json": (0, 1, 0),
        "github/repo_notifications_octokit_rb_cassette.json": (0, 1, 0),
        "hackernews/item_comment_firebase_docs.json": (1, 0, 0),
        "instagram/comment_with_replies_pythonfacebook.json": (1, 1, 0),
        "instagram/comments_by_ids_pythonfacebook.json": (2, 0, 0),
        "instagram/media_comments_docs_example.json": (2, 0, 0),
        "instagram/media_comments_page1_pythonfacebook.json": (2, 0, 0),
        "instagram/mentioned_comment_pythonfacebook.json": (1, 0, 0),
        "linkedin/org_social_action_notification_admin_comment_bforblack.json": (0, 1, 0),
        "linkedin/org_social_action_notification_comment_bforblack.json": (0, 1, 0),
        "linkedin/org_social_action_notification_like_bforblack.json": (0, 1, 0),
        "linkedin/org_social_action_notifications_webhook_share_bforblack.json": (1, 0, 0),
        "linkedin/socialActions_comments_get_bforblack.json": (1, 1, 0),
        "mastodon/account_docs_example.json": nil,
        "mastodon/conversations_mastodonpy_localhost.json": (0, 2, 0),
        "mastodon/notifications_docs_example.json": (1, 1, 0),
        "mastodon/notifications_mastodonpy_localhost.json": (1, 0, 0),
        "mastodon/notifications_mastodonpy_mastodon_social.json": (1, 39, 0),
        "mastodon/status_docs_example.json": nil,
        "mastodon/status_reply_mastodonpy_localhost.json": nil,
        "reddit/message_inbox_praw.json": (100, 0, 0),
        "reddit/message_mentions_praw.json": (16, 0, 0),
        "wordpress/comments_collection_wp_core_fixture.json": (1, 0, 0),
        "wordpress/comments_reply_thread_workerbee_mock.json": (2, 0, 0),
        "x_twitter/archive_tweets.js": (0, 1, 0),
        "x_twitter/search_recent_conversation_expanded_postman.json": (4, 0, 0),
        "x_twitter/users_mentions_tweepy_cassette.json": (10, 0, 0),
        "youtube/commentThreads_list_allThreadsRelatedToChannelId.json": (4, 0, 0),
        "youtube/commentThreads_list_by_id_html.json": (1, 0, 0),
        "youtube/commentThreads_list_page1.json": (5, 0, 0),
        "youtube/comments_insert_reply_response.json": nil,
        "youtube/comments_list_by_parentId_page1.json": (2, 0, 0),
    ]

    func testEverySampleFileImportsAsExpected() throws {
        let samples = try SharedFiles.samples()
        let files = try FileManager.default.subpathsOfDirectory(atPath: samples.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".js") }.sorted()
        XCTAssertEqual(Set(files), Set(Self.expected.keys), "a sample file without an expectation, or an expectation without a file")
        for file in files {
            let store = try Store()
            let outcome = try Import.file(samples.appendingPathComponent(file).path, into: store)
            switch (Self.expected[file] ?? nil, outcome) {
            case (nil, .failed): continue
            case (let numbers?, .counted(let counts)):
                XCTAssertEqual([counts.imported, counts.skipped, counts.rejected], [numbers.0, numbers.1, numbers.2], file)
                XCTAssertEqual(try store.summary().waiting, numbers.0, "\(file): imported items wait")
                let again = try Import.file(samples.appendingPathComponent(file).path, into: store)
                guard case .counted(let second) = again else {
                    XCTFail("\(file): a second import failed: \(again)")
                    continue
                }
                XCTAssertEqual(second.imported, 0, "\(file): a second import adds nothing")
                XCTAssertEqual(second.unchanged, numbers.0, "\(file): a second import changes nothing")
            default:
                XCTFail("\(file): \(outcome)")
            }
        }
    }
}

/// Runs one file through detection, its reader and a store, as `heed import` does (through
/// the same `Intake`).
enum Import {
    enum Outcome { case counted(ImportCounts), failed(String) }

    static func file(_ path: String, into store: Store, format: String? = nil, own: Config = Config()) throws -> Outcome {
        var intake = Intake(own: own)
        do {
            let format = try format.map(ImportFormat.named)
            return .counted(try store.importing(now: Date()) { sink in
                try intake.read(.path(path), name: path, format: format, into: sink)
            })
        } catch let failure as ImportFailure {
            return .failed(failure.description)
        }
    }
}
