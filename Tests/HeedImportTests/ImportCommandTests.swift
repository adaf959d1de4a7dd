import Foundation
import TestSupport
import XCTest

/// What `heed import` (the real binary, its own HOME, XDG folders and time zone) says of what
/// it is given: files that hold no mentions told for what they are, a format named wrongly,
/// many rejections of one reason summed up, answers recorded, items listed twice, files missing,
/// folders and empty files, pretty pages appended to standard input.
final class ImportCommandTests: XCTestCase {
    var folder: URL!
    var heed: String!

    override func setUpWithError() throws {
        guard let path = HeedBinary.path else { return XCTFail(HeedBinary.missing) }
        heed = path
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("config/heed"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Runs `heed import …` with this test's store, config and home, standard input from `stdin`.
    func run(_ arguments: [String], stdin: String = "/dev/null") throws -> SpawnResult {
        let environment = [
            "PATH": "/usr/bin:/bin", "HOME": folder.path, "TZ": "UTC", "LANG": "C.UTF-8",
            "XDG_DATA_HOME": folder.appendingPathComponent("data").path, "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
        ]
        return try Spawn.run([heed, "import"] + arguments, environment: environment, stdinPath: stdin)
    }

    func file(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func sample(_ path: String) throws -> String {
        try SocialFixtures.samples().appendingPathComponent(path).path
    }

    func testFilesThatHoldNoMentionsSayWhatTheyAreAndWhatHeedReadsInstead() throws {
        let status = try sample("mastodon/status_docs_example.json")
        let timeline = try file("timeline.json", Array("[".utf8) + Array(try Data(contentsOf: URL(fileURLWithPath: status))) + Array(",".utf8) + Array(try Data(contentsOf: URL(fileURLWithPath: status))) + Array("]".utf8))
        let cases: [(String, String)] = [
            (status, "this is a single Mastodon status (GET /api/v1/statuses/:id), not mentions: heed reads Mastodon's GET /api/v1/notifications"),
            (timeline, "this is a Mastodon timeline (statuses, not the notifications that mention you), not mentions: heed reads Mastodon's"),
            (try sample("mastodon/account_docs_example.json"), "this is a Mastodon account (GET /api/v1/accounts/:id), not mentions"),
            (try sample("bluesky/post_record_mention_facets_docs.json"), "this is a Bluesky post record (app.bsky.feed.post), not mentions: heed reads Bluesky's app.bsky.notification.listNotifications"),
            (try file("a.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), "this is a PNG image, not mentions: heed reads what the platforms' APIs answer (JSON)"),
            (try file("page.html", Array("<!DOCTYPE html>\n<html><body>Sign in</body></html>\n".utf8)), "this is an HTML page, not mentions: a web page is not what an API answers"),
            (try file("error.json", Array(#"{"error":"The access token is invalid"}"#.utf8)), #"this is an error an API answered ("The access token is invalid"), not mentions"#),
        ]
        for (path, said) in cases {
            let result = try run([path])
            XCTAssertEqual(result.status, 2, path)
            XCTAssertTrue(result.stderr.hasPrefix("heed: \(path): this is "), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line: \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(said), "\(path): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("--format"), "naming a format would not help: \(result.stderr)")
            XCTAssertEqual(result.stdout, "imported 0, updated 0, unchanged 0, skipped 0, rejected 0\n", path)
        }
    }

    func testAFormatNamedThatTheFileIsNotFailsSayingWhatItLooksLike() throws {
        let mastodon = try sample("mastodon/notifications_docs_example.json")
        let named = try run(["--format", "bluesky", mastodon])
        XCTAssertEqual(named.status, 2)
        XCTAssertEqual(named.stderr, "heed: \(mastodon): this is not a bluesky file: it looks like a mastodon page\n")
        let csv = try run(["--format", "csv", mastodon])
        XCTAssertEqual(csv.stderr, "heed: \(mastodon): this is not a csv file: it looks like JSON (a document that spans lines)\n")
        let right = try run(["--format", "mastodon", mastodon])
        XCTAssertEqual([right.status], [0], right.stderr)
        XCTAssertEqual(right.stdout, "imported 1, updated 0, unchanged 0, skipped 1, rejected 0\n")
    }

    func testTenThousandRejectionsOfOneReasonAreSummedUp() throws {
        let lines = (1...10_000).map { #"{"platform":"x","id":"\#($0)","text":"t"}"# } + [#"{"platform":"x","id":"ok","text":"t","created_at":1763630040}"#]
        let path = try file("bad.jsonl", Array((lines.joined(separator: "\n") + "\n").utf8))
        let result = try run([path])
        XCTAssertEqual(result.status, 65)
        XCTAssertEqual(result.stdout, "imported 1, updated 0, unchanged 0, skipped 0, rejected 10,000\n")
        XCTAssertEqual(result.stderr.split(separator: "\n"), (1...5).map { "heed: rejected \(path):line \($0): missing required field 'created_at'" }[...]
                       + ["heed: … and 9,995 more: missing required field 'created_at'"])
    }

    func testAnArchiveSaysHowManyAnswersItRecorded() throws {
        // The sample's one post names a user but replies to no post: nothing to mark.
        let sample = try run([try sample("x_twitter/archive_tweets.js")])
        XCTAssertEqual(sample.status, 0, sample.stderr)
        XCTAssertEqual(sample.stdout, "imported 0, updated 0, unchanged 0, skipped 1, rejected 0\n")
        XCTAssertEqual(sample.stderr, "heed: skipped 1 written by you\nheed: recorded 0 answers (none of your posts here replies to a post)\n")

        let mention = #"{"platform":"x","id":"1690000000000000001","text":"@you a question","created_at":1763630040}"#
        _ = try run([try file("m.jsonl", Array((mention + "\n").utf8))])
        let replies = (1...3).map { #"{"tweet":{"id_str":"169039537254630195\#($0)","in_reply_to_status_id_str":"169000000000000000\#($0)","created_at":"Sat Aug 12 16:10:37 +0000 2023","full_text":"@x thanks"}}"# }
        let archive = try file("tweets.js", Array(("window.YTD.tweets.part0 = [\n" + replies.joined(separator: ",\n") + "\n]\n").utf8))
        let result = try run([archive])
        XCTAssertEqual(result.stdout, "imported 0, updated 1, unchanged 0, skipped 3, rejected 0\n", "the one item in the store is marked answered")
        XCTAssertEqual(result.stderr, "heed: skipped 3 written by you\nheed: recorded 3 answers: the posts they reply to are marked answered, now or when they are imported\n")
    }

    func testAnItemListedTwiceIsOneImported() throws {
        let mention = #"{"platform":"x","id":"1","text":"hi","created_at":1763630040}"#
        let path = try file("twice.jsonl", Array("\(mention)\n\(mention)\n".utf8))
        let result = try run([path])
        XCTAssertEqual(result.stdout, "imported 1, updated 0, unchanged 0, skipped 1, rejected 0\n")
        XCTAssertEqual(result.stderr, "heed: skipped 1 listed twice\n")
        XCTAssertEqual(try run([path]).stdout, "imported 0, updated 0, unchanged 1, skipped 1, rejected 0\n", "a second import finds it unchanged, once")
    }

    func testMissingFilesFoldersAndEmptyFilesEachSaySo() throws {
        let missing = folder.appendingPathComponent("gone.json").path
        let gone = try run([missing])
        XCTAssertEqual(gone.status, 2)
        XCTAssertEqual(gone.stderr, "heed: cannot read \(missing): No such file or directory\n")
        XCTAssertEqual(gone.stdout, "imported 0, updated 0, unchanged 0, skipped 0, rejected 0\n")
        let directory = try run([folder.path])
        XCTAssertEqual(directory.status, 2)
        XCTAssertEqual(directory.stderr, "heed: cannot read \(folder.path): it is a folder\n")
        XCTAssertEqual(directory.stdout, "imported 0, updated 0, unchanged 0, skipped 0, rejected 0\n")
        let empty = try file("empty.json", Array("\n \n".utf8))
        let nothing = try run([empty])
        XCTAssertEqual(nothing.status, 0)
        XCTAssertEqual(nothing.stderr, "heed: \(empty) held no items\n")
        XCTAssertEqual(nothing.stdout, "imported 0, updated 0, unchanged 0, skipped 0, rejected 0\n")
    }

    func testPrettyPagesAppendedArriveWholeOnStandardInput() throws {
        // What `curl … | jq . >> pages.json` leaves, twice, then a compact page: all of it imports.
        let youtube = try Data(contentsOf: URL(fileURLWithPath: try sample("youtube/commentThreads_list_page1.json")))
        let replies = try Data(contentsOf: URL(fileURLWithPath: try sample("youtube/comments_list_by_parentId_page1.json")))
        let compact = #"{"kind":"youtube#commentListResponse","items":[]}"#
        let path = try file("pages.json", youtube + replies + Data(compact.utf8) + Data("\n".utf8))
        let result = try run(["-"], stdin: path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "imported 7, updated 0, unchanged 0, skipped 0, rejected 0\n")
    }
}
