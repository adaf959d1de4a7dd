import HeedConfig
import HeedCore
import HeedStore
import XCTest

/// `[people]` in config.toml: one person's accounts on several platforms, and problems by line.
final class PeopleConfigTests: XCTestCase {
    func testLinkedAccounts() {
        let (config, problems) = Config.parse("""
            [people]
            alice = ["mastodon:@Alice@Example.Social", "bluesky:alice.bsky.social", "twitter:alice"]
            bob = "github:bob"
            """, file: "c.toml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.people["alice"]?.map(\.description), ["mastodon:Alice@Example.Social", "bluesky:alice.bsky.social", "x:alice"])
        XCTAssertEqual(config.people["bob"]?.map(\.description), ["github:bob"])
        let linked = config.identities(of: .x, handle: "@ALICE").map { "\($0.0.rawValue):\($0.1)" }
        XCTAssertEqual(linked, ["x:ALICE", "mastodon:Alice@Example.Social", "bluesky:alice.bsky.social"], "itself first, compared without case or @")
        XCTAssertEqual(config.identities(of: .mastodon, handle: "alice@example.social").count, 3)
        XCTAssertEqual(config.identities(of: .x, handle: "carol").map { "\($0.0.rawValue):\($0.1)" }, ["x:carol"], "someone not linked is just themself")
        XCTAssertEqual(config.identities(of: .bluesky, handle: "alice").map { "\($0.0.rawValue):\($0.1)" }, ["bluesky:alice"], "the platform is part of the account")
        XCTAssertEqual(config.person(of: .bluesky, handle: "Alice.bsky.social"), "alice")
        XCTAssertNil(config.person(of: .x, handle: "carol"))
    }

    func testUnknownPlatformIsNamedAndTheRestKept() {
        let (config, problems) = Config.parse("""
            theme = "light"
            [people]
            alice = ["myspace:alice", "x:alice"]
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.description), [
            #"c.toml:3 (people.alice): unknown platform 'myspace' in "myspace:alice" (known: mastodon, bluesky, x, youtube, reddit, wordpress, facebook, instagram, github, hackernews, linkedin, flickr, blogger, friendfeed)"#,
        ])
        XCTAssertEqual(config.people["alice"]?.map(\.description), ["x:alice"])
        XCTAssertEqual(config.theme, "light")
    }

    func testMalformedEntriesAreNamedByTheirLine() {
        let (config, problems) = Config.parse("""
            [people]
            bob = [
              "github:bob",
              "bob-without-platform",
              "x:",
              3,
            ]
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.description), [
            #"c.toml:4 (people.bob): "bob-without-platform" is not platform:handle (for example "mastodon:alice@example.social")"#,
            #"c.toml:5 (people.bob): "x:" has no handle after the platform (for example "x:alice")"#,
            #"c.toml:2 (people.bob): every entry must be a "platform:handle" string"#,
        ])
        XCTAssertEqual(config.people["bob"]?.map(\.description), ["github:bob"])
    }

    func testPeopleMustBeATable() {
        let (config, problems) = Config.parse("""
            people = "alice"
            [handles]
            x = "me"
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.description), [#"c.toml:1 (people): must be a table: [people] then alice = ["mastodon:alice@example.social", "x:alice"]"#])
        XCTAssertEqual(config.people, [:])
        XCTAssertEqual(config.handles[.x], ["me"])
        let (_, list) = Config.parse("[people]\ncarol = 5\n", file: "c.toml")
        XCTAssertEqual(list.map(\.description), [#"c.toml:2 (people.carol): must be a list of "platform:handle" strings: [people] then alice = ["mastodon:alice@example.social", "x:alice"]"#])
    }
}

/// `[people]` and the store together: the accounts config links are the history the store counts.
final class PeopleHistoryTests: XCTestCase {
    func testLinkedAccountsMakeOneHistory() throws {
        let (config, _) = Config.parse(#"[people]"# + "\n" + #"alice = ["mastodon:alice@example.social", "x:alice"]"#, file: "c.toml")
        let store = try Store()
        let now = Date(timeIntervalSince1970: 1_795_251_600)
        _ = try store.importing(now: now) { sink in
            try sink.put(Mention(platform: .mastodon, id: "1", author: Author(handle: "Alice@example.social"), text: "a", createdAt: now.addingTimeInterval(-60)))
            try sink.put(Mention(platform: .x, id: "2", author: Author(handle: "alice"), text: "b", createdAt: now.addingTimeInterval(-30)))
            try sink.put(Mention(platform: .bluesky, id: "3", author: Author(handle: "alice"), text: "c", createdAt: now))
        }
        let history = try store.authorHistory(config.identities(of: .x, handle: "@alice"), now: now)
        XCTAssertEqual(history.recent.map(\.text), ["b", "a"])
        XCTAssertEqual(config.person(of: .x, handle: "@alice"), "alice")
    }
}
