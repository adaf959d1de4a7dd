import Foundation
import XCTest

/// Response targets, rules and tags on the real binary: config.toml's `[targets]` and
/// `[[rules]]` as `heed import`, `heed list`, `heed rules test`, `heed undo` and the queue in
/// tmux see them, and `on_breach` run once per item.
final class TargetsE2ETests: HeedTestCase {
    private let hour: TimeInterval = 3_600
    var configPath: String { directory.appendingPathComponent("config.toml").path }

    func writeConfig(_ extra: String = "") throws {
        try """
            \(extra)
            [targets]
            default = "24h"
            "kind:dm" = "1h"
            mastodon = "4h"

            [[rules]]
            when = "from:spammer"
            then = ["ack"]

            [[rules]]
            when = "\\"press inquiry\\""
            then = ["tag:press", "priority:5"]
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func items() -> [[String: Any]] {
        var dm = mention("3", handle: "cy@example.social", name: "Cy", text: "a private question", age: 2 * hour)
        dm["kind"] = "dm"
        return [
            mention("1", handle: "spammer", name: "Spam", text: "buy followers now", age: 30 * hour),
            mention("2", handle: "reporter@news.example", name: "Rae", text: "A press inquiry about the launch", age: 3 * hour - 600),
            dm,
            mention("4", handle: "di@example.social", name: "Di", text: "nice talk", age: 5 * hour),
        ]
    }

    func heedWithConfig(_ arguments: [String]) throws -> SpawnResult {
        try runHeed(arguments + ["--config", configPath])
    }

    func importItems() throws {
        let lines = try items().map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let input = directory.appendingPathComponent("mentions.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let result = try heedWithConfig(["import", input])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "imported 4, updated 0, unchanged 0, skipped 0, rejected 0\n")
    }

    func testRulesActOnImportAndUndoTakesThemBackOneByOne() throws {
        try writeConfig()
        try importItems()
        let breached = try heedWithConfig(["list", "--search", "is:breached"])
        XCTAssertEqual(breached.status, 0, breached.stderr)
        XCTAssertEqual(breached.stdout.split(separator: "\n").map { String($0) }, [
            "5h\tlate 1h\tmastodon:4\twaiting\tdi@example.social\tnice talk",
            "2h\tlate 1h\tmastodon:3\twaiting\tcy@example.social\ta private question",
        ],
                       "Di is an hour past Mastodon's 4 h, the DM an hour past its 1 h; the spammer was acknowledged by rule 1")
        let rules = try heedWithConfig(["rules", "test"])
        XCTAssertEqual(rules.stdout.split(separator: "\n").map { String($0) }, [
            "rule 1 (from:spammer → ack): 0 waiting items match now",
            #"rule 2 ("press inquiry" → tag:press, priority:5): 1 waiting item matches now"#,
            "2h 50m\tdue 1h\tmastodon:2\twaiting\treporter@news.example\t#press A press inquiry about the launch",
        ])
        let stats = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try heedWithConfig(["stats", "--json"]).stdout.utf8)) as? [String: Any])
        let all = try XCTUnwrap((stats["targets"] as? [String: Any])?["all"] as? [String: Any])
        XCTAssertEqual(all["open_late"] as? Int, 2, "Di and the DM")
        XCTAssertEqual(all["breaches"] as? Int, 3, "and the spam, acknowledged by rule 1 when it was imported, 30 hours after it was written")
        XCTAssertEqual(try XCTUnwrap((stats["targets"] as? [String: Any])?["weeks"] as? [Any]).count, 8)
        XCTAssertEqual(try heedWithConfig(["undo"]).stdout, #"undid rule 2 ("press inquiry" → tag:press, priority:5) of 1 item: mastodon:2"# + "\n")
        XCTAssertEqual(try heedWithConfig(["undo"]).stdout, "undid rule 1 (from:spammer → ack) of 1 item: mastodon:1\n")
        XCTAssertEqual(try heedWithConfig(["undo"]).stdout, "nothing to undo\n")
        XCTAssertEqual(try states().values.sorted(), ["waiting", "waiting", "waiting", "waiting"])
    }

    func testListJSONCarriesTagsPointsAndTimeLeftAndImportsBack() throws {
        try writeConfig("rank = \"priority\"")
        try importItems()
        let ranked = try jsonLines(try heedWithConfig(["list", "--json"]).stdout)
        XCTAssertEqual(ranked.map { $0["ref"] as? String }, ["mastodon:2", "mastodon:4", "mastodon:3"], "points first, then wait")
        XCTAssertEqual(ranked[0]["tags"] as? [String], ["press"])
        XCTAssertEqual(ranked[0]["priority"] as? Int, 5)
        let left = try XCTUnwrap(ranked[0]["due_seconds"] as? Int)
        XCTAssertTrue((4_000...4_200).contains(left), "an hour and ten minutes left of Mastodon's four: \(left)")
        XCTAssertLessThan(try XCTUnwrap(ranked[2]["due_seconds"] as? Int), -3_500, "the DM is an hour late")
        // When every item is listed and imported into another store, Then tags, points and states come along.
        let all = directory.appendingPathComponent("all.jsonl").path
        XCTAssertEqual(try heedWithConfig(["list", "--json", "--all"]).status, 0)
        _ = try Spawn.run([heed, "list", "--json", "--all", "--config", configPath], environment: heedEnvironment, stdout: .file(all))
        var other = heedEnvironment
        other["HEED_STORE"] = directory.appendingPathComponent("other.sqlite").path
        XCTAssertEqual(try Spawn.run([heed, "import", all, "--config", "/dev/null"], environment: other).stdout, "imported 4, updated 0, unchanged 0, skipped 0, rejected 0\n")
        func marks(_ environment: [String: String]) throws -> [String] {
            try jsonLines(try Spawn.run([heed, "list", "--json", "--all", "--config", "/dev/null"], environment: environment).stdout).map { object in
                "\(object["ref"] ?? "") \(object["state"] ?? "") \((object["tags"] as? [String]) ?? []) \(object["priority"] as? Int ?? 0)"
            }
        }
        XCTAssertEqual(try marks(other), try marks(heedEnvironment))
        XCTAssertEqual(try marks(other), ["mastodon:1 acknowledged [] 0", "mastodon:4 waiting [] 0", "mastodon:2 waiting [\"press\"] 5", "mastodon:3 waiting [] 0"])
    }

    func testTheQueueShowsTargetsAndTagsFromAPrompt() throws {
        try writeConfig()
        try importItems()
        try tmux.start(heedCommand() + " --config " + quoted(configPath))
        try tmux.waitForText("3 waiting", "late 1h   mastodon", "due 1h    mastodon", "#press")
        try tmux.press("t")
        try tmux.waitForText("Tag: ", "press 1")
        try tmux.type("vip")
        try tmux.press("Enter")
        try tmux.waitForText("Tagged 1 item #vip (u undoes)")
        try tmux.press("/")
        try tmux.type("tag:vip")
        try tmux.waitForText("1 found")
        try tmux.press("Enter", "q")
        try tmux.waitUntilGone()
        XCTAssertEqual(try listAll()["mastodon:4"]?["tags"] as? [String], ["vip"])
    }

    func testOnBreachRunsOncePerItemThatPassesItsTarget() throws {
        // Given a script that appends what it reads, a six-second target, one item already
        // late and one a second old when the watch starts (at the first import).
        let out = directory.appendingPathComponent("breaches.jsonl").path
        let script = directory.appendingPathComponent("notify.sh").path
        try "#!/bin/sh\ncat >> \(quoted(out))\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        try """
            on_breach = [\(quoted(script).replacingOccurrences(of: "'", with: "\""))]
            [targets]
            default = "6s"
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let created = Date().addingTimeInterval(-1)
        let lines = [mention("late", handle: "a", name: "A", text: "old", age: 3_600), mention("soon", handle: "b", name: "B", text: "new", age: 1)]
            .map { String(decoding: try! JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let input = directory.appendingPathComponent("m.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        XCTAssertEqual(try heedWithConfig(["import", input]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "the watch starts: nothing is announced yet")
        // When the second item's six seconds have passed and heed imports again, twice,
        // Then the script ran once, for it, with the item as JSON on its standard input.
        while Date() < created.addingTimeInterval(6.5) { usleep(50_000) }
        let again = try heedWithConfig(["import", input])
        XCTAssertEqual(again.stderr, "heed: note: on_breach ran for 1 item past its target\n")
        XCTAssertEqual(try heedWithConfig(["import", input]).stderr, "")
        let announced = try jsonLines(String(contentsOfFile: out, encoding: .utf8))
        XCTAssertEqual(announced.map { $0["ref"] as? String }, ["mastodon:soon"])
        XCTAssertLessThanOrEqual(try XCTUnwrap(announced.first?["due_seconds"] as? Int), 0)
    }
}
