import HeedConfig
import HeedCore
import XCTest

/// config.toml's `[targets]`, `[hours]`, `[[rules]]`, `rank` and `on_breach`, and their
/// problems named by file, line and key like every other.
final class TargetsConfigTests: XCTestCase {
    func testAGoodConfig() throws {
        let (config, problems) = Config.parse("""
            rank = "priority"
            on_breach = "notify-send heed"
            [targets]
            default = "24h"
            mastodon = "4h"
            "kind:dm" = "1h"
            [hours]
            days = "Mon-Fri"
            from = "09:00"
            to = "17:00"
            zone = "Europe/Berlin"

            [[rules]]
            when = "from:spammer"
            then = ["ack"]

            [[rules]]
            when = "\\"press inquiry\\""
            then = "tag:press"
            """, file: "c.toml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.rank, .priority)
        XCTAssertEqual(config.onBreach, ["notify-send", "heed"])
        let targets = try XCTUnwrap(config.targets)
        XCTAssertEqual(targets.keys.map(\.name), ["default", "kind:dm", "mastodon"])
        XCTAssertEqual(targets.keys.map(\.seconds), [86_400, 3_600, 14_400])
        XCTAssertEqual(targets.keys[2].query.text, "is:all platform:mastodon", "a key that is a platform's name stands for the platform")
        XCTAssertEqual(targets.hours, BusinessHours(days: [2, 3, 4, 5, 6], from: 540, to: 1_020, zone: TimeZone(identifier: "Europe/Berlin")!))
        XCTAssertEqual(config.rules.map(\.label), [#"rule 1 (from:spammer → ack)"#, #"rule 2 ("press inquiry" → tag:press)"#])
    }

    func testProblemsNameTheLineAndTheKey() {
        let (config, problems) = Config.parse("""
            rank = "loudest"
            on_breach = []
            [targets]
            default = "soon"
            "is:snoozed" = "1h"
            "age>4h" = "2h"
            "kind:dm" = "1h"
            [hours]
            days = "Weekdays"
            from = "17:00"
            to = "09:00"
            [[rules]]
            when = "from:"
            then = ["ack"]
            [[rules]]
            when = "kind:dm"
            then = ["archive", "tag:ok"]
            colour = "red"
            [[rules]]
            then = ["ack"]
            [[rules]]
            when = "from:bob"
            then = ["priority:7"]
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.description).sorted(), [
            #"c.toml:1 (rank): must be "wait" (the default: longest wait first) or "priority" (rules' points first, then wait)"#,
            #"c.toml:13 (rules[1].when): from: needs a value"#,
            #"c.toml:17 (rules[2].then): "archive" is not an action: write ack, tag:NAME, snooze:DURATION or priority:N"#,
            "c.toml:18 (rules[2].colour): unknown key (when, then)",
            #"c.toml:19 (rules[3].when): is missing: when = "a search, like from:spammer""#,
            #"c.toml:2 (on_breach): must be a program and its arguments: "notify-send heed" or ["ntfy", "publish", "heed"] (no shell)"#,
            #"c.toml:4 (targets.default): must be a duration such as "1h", "4h" or "1d""#,
            #"c.toml:5 (targets.is:snoozed): a target's key says which items it is for: words, "phrases", platform:, kind:, from: and tag: (not is:, age or due terms)"#,
            #"c.toml:6 (targets.age>4h): a target's key says which items it is for: words, "phrases", platform:, kind:, from: and tag: (not is:, age or due terms)"#,
            #"c.toml:8 (hours.zone): is missing: [hours] days = "Mon-Fri", from = "09:00", to = "17:00", zone = "Europe/Berlin""#,
            #"c.toml:9 (hours.days): must be days such as "Mon-Fri" or "Mon,Wed,Fri""#,
        ].sorted())
        XCTAssertEqual(config.targets?.keys.map(\.name), ["kind:dm"], "the good keys are kept")
        XCTAssertNil(config.targets?.hours, "hours with a problem are not used: the targets count real time")
        XCTAssertEqual(config.rules.map(\.number), [4], "a bad rule is left out, the others keep their numbers")
        XCTAssertEqual(config.rank, .wait)
    }

    func testHoursWithoutTargetsAndClosingBeforeOpening() {
        let (_, problems) = Config.parse("""
            [hours]
            days = "Mon-Fri"
            from = "17:00"
            to = "09:00"
            zone = "UTC"
            """, file: "c.toml")
        XCTAssertEqual(problems.map(\.description), [
            "c.toml:4 (hours.to): must be after from (17:00 to 09:00)",
            "c.toml:1 (hours): [hours] counts the targets' time, but there is no [targets] table",
        ])
    }
}
