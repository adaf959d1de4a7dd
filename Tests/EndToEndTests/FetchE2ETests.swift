import Foundation
import StandIn
import TestSupport
import XCTest

/// `heed fetch` and `F`, the real binary against the stand-in: a hermetic home (its own HOME,
/// XDG folders, TZ), accounts whose secrets come from a file by `token_command` and from the
/// environment, and every output and file searched for those secrets afterwards.
final class FetchE2ETests: StandInE2ECase {
    // MARK: - heed fetch

    func testFetchingTwiceTakesNothingNewTheSecondTimeAndAsksFromTheCursor() throws {
        try writeConfig()
        let issue = standIn.github.addThread("Please review", issue: 3)
        let first = try fetch()
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, """
            mastodon noiob@127.0.0.1: imported 3, updated 0, unchanged 0, skipped 41, answered elsewhere 0
            bluesky you.bsky.social: imported 24, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            github octocat: imported 1, updated 0, unchanged 0, skipped 0, answered elsewhere 0

            """)
        XCTAssertEqual(try list()["github:\(issue)"]?["state"] as? String, "waiting")

        standIn.clearRequests()
        let second = try fetch()
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, """
            mastodon noiob@127.0.0.1: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            bluesky you.bsky.social: imported 0, updated 0, unchanged 24, skipped 0, answered elsewhere 0
            github octocat: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0

            """)
        XCTAssertEqual(standIn.requests(to: "/api/v1/notifications").first?.value("min_id"), "550622655")
        XCTAssertNotNil(standIn.requests(to: "/notifications").first?.headers["if-modified-since"])
        XCTAssertEqual(standIn.bluesky.sessionsCreated, 1, "the second fetch used the kept session")
    }

    func testEveryOtherPlatformFetchesFromConfigTomlThroughTheBinaryTwice() throws {
        func secret(_ value: String) -> String { "\"printf '%s' '\(value)'\"" }
        let base = standIn.base
        try writeConfig([], extra: """
            [[accounts]]
            platform = "reddit"
            server = "\(base)/reddit"
            auth_server = "\(base)/reddit-www"
            handle = "\(standIn.reddit.username)"
            client_id = "\(standIn.reddit.clientID)"
            client_secret_command = \(secret(standIn.reddit.clientSecret))
            password_command = \(secret(standIn.reddit.password))

            [[accounts]]
            platform = "x"
            server = "\(base)/x/2"
            handle = "\(standIn.x.username)"
            token_command = \(secret(standIn.x.token))

            [[accounts]]
            platform = "wordpress"
            server = "\(base)/wp"
            handle = "\(standIn.wordpress.username)"
            password_command = \(secret(standIn.wordpress.applicationPassword))

            [[accounts]]
            platform = "youtube"
            server = "\(base)/youtube/v3"
            channel_id = "\(standIn.youtube.channelID)"
            api_key_command = \(secret(standIn.youtube.apiKey))

            [[accounts]]
            platform = "hackernews"
            server = "\(base)/hn/v0"
            handle = "\(standIn.hackernews.username)"

            [[accounts]]
            platform = "facebook"
            server = "\(base)/graph/v21.0"
            page_id = "\(standIn.facebook.pageID)"
            token_command = \(secret(standIn.facebook.token))

            [[accounts]]
            platform = "instagram"
            server = "\(base)/graph/v21.0"
            user_id = "\(standIn.instagram.userID)"
            token_command = \(secret(standIn.instagram.token))

            """)
        let first = try fetch()
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, """
            reddit heed_tester: imported 116, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            x snowman: imported 2, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            wordpress heed-editor: imported 2, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            youtube UCa-vrCLQHviTOVnEKDOdetQ: imported 6, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            hackernews norvig: imported 7, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            facebook 19292868552: imported 7, updated 0, unchanged 0, skipped 3, answered elsewhere 3
            instagram 17841406338772941: imported 3, updated 0, unchanged 0, skipped 1, answered elsewhere 0

            """)
        let second = try fetch()
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, """
            reddit heed_tester: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            x snowman: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            wordpress heed-editor: imported 0, updated 0, unchanged 1, skipped 0, answered elsewhere 0
            youtube UCa-vrCLQHviTOVnEKDOdetQ: imported 0, updated 0, unchanged 6, skipped 0, answered elsewhere 0
            hackernews norvig: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0
            facebook 19292868552: imported 0, updated 0, unchanged 0, skipped 1, answered elsewhere 0
            instagram 17841406338772941: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 0

            """)
        assertNoOutputOrFileHolds([standIn.reddit.clientSecret, standIn.reddit.password, standIn.x.token, standIn.wordpress.applicationPassword,
                                   standIn.youtube.apiKey, standIn.facebook.token])
    }

    func testA429IsWaitedOut() throws {
        try writeConfig(["mastodon"])
        standIn.mastodon.rate = RateWindow(limit: 300, remaining: 0, resetIn: 1)
        let result = try fetch()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("heed: mastodon noiob@127.0.0.1: 127.0.0.1 limits requests; waiting "), result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("mastodon noiob@127.0.0.1: imported 3,"), result.stdout)
        XCTAssertEqual(standIn.requests(to: "/api/v1/accounts/verify_credentials").count, 2, "asked again after the wait")
    }

    func testABadTokenIsNamedAndTheOtherAccountsStillFetch() throws {
        try writeConfig(["mastodon", "bluesky"])
        try "not-the-token".write(toFile: directory.appendingPathComponent("mastodon-token").path, atomically: true, encoding: .utf8)
        let result = try fetch()
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: mastodon noiob@127.0.0.1: failed: bad token or password (401 Unauthorized: The access token is invalid)\n")
        XCTAssertTrue(result.stdout.contains("bluesky you.bsky.social: imported 24,"), result.stdout)
    }

    func testAConnectionDroppedMidPageImportsNothingOfItAndTheNextFetchCompletes() throws {
        try writeConfig(["mastodon"])
        XCTAssertEqual(try fetch().status, 0)
        let id = standIn.mastodon.addMention("@noiob did this arrive?")
        standIn.fail("/api/v1/notifications", with: .dropMidBody, times: 4)
        let dropped = try fetch()
        XCTAssertEqual(dropped.status, 1)
        XCTAssertTrue(dropped.stderr.contains("failed: network: the connection was lost"), dropped.stderr)
        XCTAssertNil(try list()["mastodon:\(id)"], "nothing of the page")
        standIn.clearRequests()
        let next = try fetch()
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(standIn.requests(to: "/api/v1/notifications").first?.value("min_id"), "550622655", "the cursor had not moved")
        XCTAssertEqual(try list()["mastodon:\(id)"]?["state"] as? String, "waiting")
    }

    func testAnAnswerGivenInTheAppMarksItsItemReplied() throws {
        try writeConfig(["mastodon", "bluesky"])
        let status = standIn.mastodon.addMention("@noiob when is the release?")
        let post = standIn.bluesky.addMention("@you.bsky.social is it out?")
        XCTAssertEqual(try fetch().status, 0)
        standIn.mastodon.addReply(to: status)
        standIn.bluesky.addReply(to: post)
        let result = try fetch()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("mastodon noiob@127.0.0.1: imported 0, updated 0, unchanged 0, skipped 0, answered elsewhere 1"), result.stdout)
        XCTAssertTrue(result.stdout.contains("answered elsewhere 1\n"), result.stdout)
        let items = try list()
        XCTAssertEqual(items["mastodon:\(status)"]?["state"] as? String, "replied")
        XCTAssertEqual(items["bluesky:\(post)"]?["state"] as? String, "replied")
    }

    func testACommandSourceIsImportedAsHeedImportWouldReadIt() throws {
        let file = directory.appendingPathComponent("mine.jsonl").path
        try #"{"platform":"x","id":"77","text":"@you hi","created_at":"2026-11-30T10:00:00Z","author":{"handle":"kenji_t"}}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        try writeConfig([], extra: "[[accounts]]\nname = \"mine\"\ncommand = \"cat '\(file)'\"\n")
        let result = try fetch(["mine"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "command mine: imported 1, updated 0, unchanged 0, skipped 0, answered elsewhere 0\n")
        XCTAssertEqual(try list()["x:77"]?["state"] as? String, "waiting")
    }

    func testWithoutAccountsItSaysHowToAddOne() throws {
        let result = try fetch()
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("heed: no accounts in \(directory.path)/config/heed/config.toml: add one, for example"), result.stderr)
        try writeConfig(["mastodon"])
        let unknown = try fetch(["work"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "heed: no account work in config.toml (accounts: mastodon:noiob@127.0.0.1)\n")
    }

    func testNoSecretInAnyOutputOrFile() throws {
        try writeConfig()
        standIn.mastodon.addMention("@noiob hello")
        _ = try fetch()
        standIn.bluesky.expireAccessTokens()
        _ = try fetch()
        try "wrong-\(standIn.mastodon.token)".write(toFile: directory.appendingPathComponent("mastodon-token").path, atomically: true, encoding: .utf8)
        _ = try fetch(["mastodon"])
        assertNoOutputOrFileHolds([standIn.mastodon.token, standIn.bluesky.password, standIn.github.token])
    }

    /// No output of the fetches so far, and no file heed keeps, holds any of `secrets`.
    func assertNoOutputOrFileHolds(_ secrets: [String], file: StaticString = #filePath, line: UInt = #line) {
        for output in outputs {
            for secret in secrets { XCTAssertFalse(output.contains(secret), "an output holds a secret: \(output)", file: file, line: line) }
        }
        let data = directory.appendingPathComponent("data").path
        let files = [storePath, storePath + "-wal", outboxPath] + ((FileManager.default.enumerator(atPath: data)?.allObjects as? [String]) ?? []).map { data + "/" + $0 }
        for path in files {
            guard let contents = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: contents, as: UTF8.self)
            for secret in secrets { XCTAssertFalse(text.contains(secret), "\(path) holds a secret", file: file, line: line) }
        }
    }

    // MARK: - In the queue

    func testFFetchesWithProgressThenTheResultAndTheNewItemsAppear() throws {
        try writeConfig(["mastodon"], extra: "[fetch]\nsince = \"10y\"\n")
        standIn.mastodon.addMention("@noiob fetched from the queue", at: Date().addingTimeInterval(-3_600))
        try openFetchingQueue()
        try tmux.waitForText("0 waiting")
        standIn.fail("/api/v1/notifications", with: .slow(2))
        try tmux.press("F")
        try tmux.waitForText("Fetching mastodon noiob@127.0.0.1…")
        let screen = try tmux.waitForText("Fetched 1 account: 4 new, 0 updated, 0 answered elsewhere")
        XCTAssertTrue(screen.contains("fetched from the queue"), screen)
        try tmux.waitForText("4 waiting")
        try tmux.press("q")
        try tmux.waitUntilGone()
    }

    func testFetchEveryFetchesWhileTheQueueIsOpen() throws {
        try writeConfig(["mastodon"], extra: "[fetch]\nevery = \"1m\"\nsince = \"10y\"\n")
        try openFetchingQueue()
        // Nothing pressed: the open queue's first tick fetched.
        try tmux.waitForText("3 waiting")
        XCTAssertFalse(standIn.requests(to: "/api/v1/notifications").isEmpty)
        try tmux.press("q")
        try tmux.waitUntilGone()
    }
}

/// What a server says reaches the terminal cleaned: no escape sequence, no control.
final class FetchSanitisingE2ETests: HeedTestCase {
    func testAServersHostileErrorMessageIsPrintedClean() throws {
        let standIn = try StandIn(samples: SharedFiles.samples())
        defer { standIn.stop() }
        let config = directory.appendingPathComponent("config.toml").path
        try "[[accounts]]\nplatform = \"github\"\nserver = \"\(standIn.base)\"\nhandle = \"octocat\"\ntoken_env = \"GH\"\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        standIn.fail("/notifications", with: .status(401, headers: [:], body: #"{"message":"\u001b]52;c;ZXZpbA==\u0007Bad\u001b[2J credentials\u202e"}"#))
        let environment = ["HOME": directory.path, "TZ": "UTC", "PATH": "/usr/bin:/bin", "HEED_STORE": storePath, "GH": standIn.github.token]
        let result = try Spawn.run([heed, "fetch", "--config", config], environment: environment)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: github octocat: failed: bad token or password (401 Unauthorized: Bad credentials)\n")
    }
}
