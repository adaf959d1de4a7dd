import HeedConfig
import HeedCore
import XCTest

/// config.toml: handles, limits, theme and overdue thresholds; problems by file, line and key.
final class ConfigTests: XCTestCase {
    func testAGoodConfig() {
        let (config, problems) = Config.parse("""
            theme = "light"
            [handles]
            mastodon = ["You@Example.Social", "@alt@example.social"]
            x = "me"
            [limits]
            mastodon = 1000
            [overdue]
            fresh = "30m"
            due = "2h"
            late = "1d"
            """, file: "c.toml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.theme, "light")
        XCTAssertEqual(config.handles[.mastodon], ["you@example.social", "alt@example.social"])
        XCTAssertTrue(config.isOwn(.x, "@ME"))
        XCTAssertFalse(config.isOwn(.bluesky, "me"))
        XCTAssertEqual(config.limits, [.mastodon: 1000])
        XCTAssertEqual(config.overdue, [1_800, 7_200, 86_400])
    }

    func testProblemsAreNamedAndTheRestIsKept() {
        let (config, problems) = Config.parse("""
            theme = 3
            [handles]
            myspace = "me"
            x = "me"
            [limits]
            x = -5
            [overdue]
            due = "soon"
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.description).sorted(), [
            "c.toml:1 (theme): must be a theme name in quotes (see heed themes)",
            #"c.toml:8 (overdue.due): must be a duration such as "90m", "4h" or "1d""#,
            "c.toml:3 (handles.myspace): unknown platform (known: mastodon, bluesky, x, youtube, reddit, wordpress, facebook, instagram, github, hackernews, linkedin, flickr, blogger, friendfeed)",
            "c.toml:6 (limits.x): must be a whole number above 0",
        ].sorted())
        XCTAssertEqual(config.handles[.x], ["me"])
        XCTAssertEqual(config.overdue, [3_600, 14_400, 86_400])
    }

    func testSyntaxErrorsNameTheLine() {
        let (_, problems) = Config.parse("[handles\nx = 1\n", file: "c.toml")
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.line, 1)
    }
}

/// `[views]` become tabs in the order the file writes them, whatever their names' spelling.
final class ViewsOrderTests: XCTestCase {
    func testViewsKeepTheWrittenOrderWithQuotedAndBareNames() {
        let (config, problems) = Config.parse("""
            [views]
            Zulu = "platform:mastodon"
            "Late DMs" = "kind:dm age>4h"
            'a "quoted" one' = "from:alice"
            Bluesky = "platform:bluesky"
            "Ünïcode" = "is:snoozed"
            [bulk]
            confirm_above = 5
            """, file: "c.toml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.views.map(\.name), ["Zulu", "Late DMs", "a \"quoted\" one", "Bluesky", "Ünïcode"])
    }

    func testAProblemNamesTheViewsOwnLine() {
        let (config, problems) = Config.parse("""
            [views]
            Mine = "platform:mastodon"
            "Bad one" = 3
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.line), [3])
        XCTAssertEqual(config.views.map(\.name), ["Mine"])
    }
}

/// `[keys]` read as written: the queue's keys, a table per screen, problems by line.
final class KeysConfigTests: XCTestCase {
    func testKeysAreReadInTheWrittenOrderWithTheirLines() {
        let (config, problems) = Config.parse("""
            [keys]
            quit = "Q"
            acknowledge = ["e", "Ctrl-E"]
            mark = []
            [keys.outbox]
            edit = ["E"]
            """, file: "c.toml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.keysFile, "c.toml")
        XCTAssertEqual(config.keyEntries, [
            KeyEntry(context: nil, command: "quit", keys: ["Q"], line: 2),
            KeyEntry(context: nil, command: "acknowledge", keys: ["e", "Ctrl-E"], line: 3),
            KeyEntry(context: nil, command: "mark", keys: [], line: 4),
            KeyEntry(context: "outbox", command: "edit", keys: ["E"], line: 6),
        ])
    }

    func testAValueThatIsNotKeysIsNamedByItsLine() {
        let (config, problems) = Config.parse("""
            [keys]
            acknowledge = 5
            reply = ["r", 3]
            undo = "U"
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.description), [
            "c.toml:2 (keys.acknowledge): must be a key or a list of keys, like [\"e\", \"Ctrl-E\"]",
            "c.toml:3 (keys.reply): must be a key or a list of keys, like [\"e\", \"Ctrl-E\"]",
        ])
        XCTAssertEqual(config.keyEntries, [KeyEntry(context: nil, command: "undo", keys: ["U"], line: 4)])
    }
}

/// `mouse = false` leaves the mouse to the terminal; the default takes it.
final class MouseConfigTests: XCTestCase {
    func testMouseIsOnUnlessTurnedOff() {
        XCTAssertTrue(Config.parse("", file: "c.toml").0.mouse)
        XCTAssertFalse(Config.parse("mouse = false", file: "c.toml").0.mouse)
        let (config, problems) = Config.parse("theme = \"dark\"\nmouse = \"no\"", file: "c.toml")
        XCTAssertTrue(config.mouse)
        XCTAssertEqual(problems.map(\.description), ["c.toml:2 (mouse): must be true or false"])
    }
}
