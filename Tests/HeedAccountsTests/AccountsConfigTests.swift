import Foundation
import HeedConfig
import HeedCore
import XCTest

/// `[[accounts]]` and `[fetch]` in config.toml: each platform's keys, and every problem named
/// by file, line and key, never with a secret in it.
final class AccountsConfigTests: XCTestCase {
    func parse(_ text: String) -> (Config, [String]) {
        let (config, problems) = Config.parse(text, file: "config.toml")
        return (config, problems.map(\.description))
    }

    func testEveryAccountsExampleInTheReadmeIsTakenAsItStands() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let blocks = text.components(separatedBy: "```toml\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
            .filter { $0.contains("[[accounts]]") }
        XCTAssertGreaterThanOrEqual(blocks.count, 2)
        var platforms: Set<String> = []
        for block in blocks {
            let (config, problems) = parse(block)
            XCTAssertEqual(problems, [], block)
            platforms.formUnion(config.accounts.compactMap { $0.platform?.rawValue })
        }
        XCTAssertEqual(platforms, ["mastodon", "bluesky", "github", "reddit", "x", "wordpress", "youtube", "hackernews", "facebook", "instagram"])
    }

    func testThePlatformsOfTheReadme() {
        let (config, problems) = parse("""
            [[accounts]]
            platform = "mastodon"
            server = "https://example.social/"
            handle = "you@example.social"
            token_command = "pass show heed/mastodon"

            [[accounts]]
            platform = "bluesky"
            handle = "you.bsky.social"
            password_env = "BLUESKY_APP_PASSWORD"

            [[accounts]]
            platform = "github"
            name = "work"
            server = "https://github.example.com/api/v3"
            token_env = "GH_TOKEN"

            [[accounts]]
            name = "gh"
            command = "gh api notifications"
            format = "github"
            """)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.accounts.map(\.label), ["mastodon you@example.social", "bluesky you.bsky.social", "github work", "command gh"])
        XCTAssertEqual(config.accounts[0].server, "https://example.social", "without its trailing slash")
        XCTAssertEqual(config.accounts[0].secrets["token"], .command("pass show heed/mastodon"))
        XCTAssertEqual(config.accounts[1].server, "https://bsky.social", "Bluesky's default PDS")
        XCTAssertEqual(config.accounts[1].secrets["password"], .environment("BLUESKY_APP_PASSWORD"))
        XCTAssertEqual(config.accounts[2].server, "https://github.example.com/api/v3")
        XCTAssertEqual(config.accounts[3].command, "gh api notifications")
        XCTAssertEqual(config.accounts[3].format, "github")
        XCTAssertEqual(config.accounts[0].line, 1)
        XCTAssertEqual(config.accounts[3].line, 18)
        XCTAssertTrue(config.isOwn(.mastodon, "you@example.social"), "an account's handle is the user's own")
        XCTAssertTrue(config.isOwn(.bluesky, "@You.bsky.social"))
    }

    func testTheOtherPlatformsKeys() {
        let (config, problems) = parse("""
            [[accounts]]
            platform = "reddit"
            handle = "you"
            client_id = "abc"
            client_secret_command = "pass show reddit/secret"
            password_command = "pass show reddit/password"

            [[accounts]]
            platform = "youtube"
            channel_id = "UC123"
            api_key_env = "YT_KEY"

            [[accounts]]
            platform = "x"
            user_id = "12"
            token_env = "X_BEARER"

            [[accounts]]
            platform = "wordpress"
            server = "https://blog.example.com"

            [[accounts]]
            platform = "hackernews"
            handle = "pg"

            [[accounts]]
            platform = "instagram"
            user_id = "1784"
            token_env = "IG_TOKEN"
            """)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.accounts.map(\.platform), [.reddit, .youtube, .x, .wordpress, .hackernews, .instagram])
        XCTAssertEqual(config.accounts[0].settings, ["client_id": "abc"])
        XCTAssertEqual(config.accounts[0].server, "https://oauth.reddit.com")
        XCTAssertEqual(config.accounts[1].secrets["api_key"], .environment("YT_KEY"))
        XCTAssertEqual(config.accounts[4].server, "https://hacker-news.firebaseio.com/v0")
    }

    func testProblemsAreNamedByLineAndKeyAndTheEntryLeftOut() {
        let (config, problems) = parse("""
            [[accounts]]
            platform = "mastodon"
            server = "http://example.social"
            handle = "you@example.social"
            token = "sekrit-value-123"

            [[accounts]]
            platform = "bluesky"
            password_command = "pass show bsky"
            password_env = "BSKY"

            [[accounts]]
            platform = "linkedin"

            [[accounts]]
            platform = "github"
            token_env = "GH"
            colour = "blue"

            [[accounts]]
            server = "https://example.social"
            """)
        XCTAssertTrue(config.accounts.isEmpty)
        XCTAssertEqual(problems, [
            "config.toml:5 (accounts[1].token): secrets are never written in config.toml: give token_command = \"pass show …\" (run by your shell) or token_env = \"NAME\" (an environment variable)",
            "config.toml:1 (accounts[1]): mastodon needs token_command = \"…\" or token_env = \"NAME\": an access token (Preferences → Development → New application, scope read)",
            "config.toml:3 (accounts[1].server): plain http would send your secrets unencrypted: use https (plain http only to this machine: localhost, 127.0.0.1, ::1)",
            "config.toml:9 (accounts[2].password_command): give password_command or password_env, not both",
            "config.toml:7 (accounts[2].handle): bluesky needs handle = \"…\" (your user name there)",
            "config.toml:13 (accounts[3].platform): heed cannot fetch from linkedin itself: use command = \"…\" with a script that prints what its API returns",
            "config.toml:18 (accounts[4].colour): unknown key here (known: name, server, handle, token_command, token_env)",
            "config.toml:20 (accounts[5]): needs platform = \"…\" (one of bluesky, facebook, github, hackernews, instagram, mastodon, reddit, wordpress, x, youtube), or command = \"…\"",
        ])
        XCTAssertFalse(problems.joined().contains("sekrit"), "a secret written in the file is never repeated")
    }

    func testPlainHTTPIsTakenToThisMachineOnly() {
        for host in ["127.0.0.1:8080", "localhost", "[::1]:3000"] {
            let (config, problems) = parse("[[accounts]]\nplatform = \"github\"\nserver = \"http://\(host)\"\ntoken_env = \"T\"\n")
            XCTAssertEqual(problems, [], host)
            XCTAssertEqual(config.accounts.count, 1, host)
        }
    }

    func testTwoEntriesWithOneNameAskForAName() {
        let (config, problems) = parse("""
            [[accounts]]
            platform = "github"
            token_env = "A"
            [[accounts]]
            platform = "github"
            token_env = "B"
            """)
        XCTAssertEqual(config.accounts.count, 1)
        XCTAssertEqual(problems, ["config.toml:4 (accounts[2]): another entry is already github: give one of them a name = \"…\""])
    }

    func testFetchSettings() {
        let (config, problems) = parse("[fetch]\nevery = \"10m\"\nsince = \"7d\"\nmax_wait = \"2m\"\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.fetch.every, 600)
        XCTAssertEqual(config.fetch.since, 7 * 86_400)
        XCTAssertEqual(config.fetch.maxWait, 120)
        let (_, bad) = parse("[fetch]\nevery = \"10s\"\nwhen = \"now\"\n")
        XCTAssertEqual(Set(bad), [
            "config.toml:2 (fetch.every): must be a minute or more (the platforms ask not to be polled more often)",
            "config.toml:3 (fetch.when): unknown key (every, since, max_wait)",
        ])
    }

    func testAccountsAreChosenByNameOrPlatformAndHandle() {
        var account = AccountConfig(platform: .mastodon, name: "home", server: "https://example.social", handle: "you@example.social")
        XCTAssertTrue(account.matches("home"))
        XCTAssertTrue(account.matches("mastodon:you@example.social"))
        XCTAssertTrue(account.matches("mastodon:@You@example.social"))
        XCTAssertTrue(account.matches("mastodon"))
        XCTAssertFalse(account.matches("mastodon:other@example.social"))
        XCTAssertFalse(account.matches("bluesky"))
        account.name = nil
        XCTAssertEqual(account.label, "mastodon you@example.social")
    }
}
