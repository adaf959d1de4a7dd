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
