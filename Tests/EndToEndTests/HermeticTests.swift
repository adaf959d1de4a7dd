import Foundation
import XCTest

/// Nothing of the runner's reaches the heed a test runs: a hostile home planted for the runner
/// (a config of someone else's, one that is not TOML, an odd theme, saved views, a store and an
/// outbox that are not heed's, an editor, a time zone and a locale) leaves a binary test as it is
/// without them; and heed reads its clock in the time zone the test gives it.
final class HermeticTests: HeedTestCase {
    /// The runner's planted home.
    var runnerHome: URL { directory.appendingPathComponent("runner-home") }

    /// Writes `text` to `path` under the runner's planted home, making its folders.
    func plant(_ path: String, _ text: String) throws {
        let url = runnerHome.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Plants what a user's machine may hold in a fake home, and points the test process's own
    /// variables at it (as if the runner lived there) until the test ends; returns them.
    func plantHostileRunner() throws -> [String: String] {
        try plant(".config/heed/config.toml", """
            theme = "planted"
            [handles]
            mastodon = "alice@example.social"
            [views]
            "Planted view" = "from:nobody"
            [bulk]
            confirm_above = 1
            """)
        try plant(".config/heed/themes/planted.toml", "description = \"planted\"\n[elements]\nnormal = { fg = \"red\", bg = \"green\", bold = true }\n")
        try plant(".config/heed/templates/planted.txt", "planted template\n")
        try plant("xdg-config/heed/config.toml", "theme = [[[ this is not TOML\n")
        try plant(".local/share/heed/heed.sqlite", "not a store")
        try plant(".local/share/heed/outbox.jsonl", "not an outbox\n")
        try plant("editor.sh", "#!/bin/sh\necho planted > \"$1\"\n")
        let variables = [
            "HOME": runnerHome.path,
            "XDG_CONFIG_HOME": runnerHome.appendingPathComponent("xdg-config").path,
            "XDG_DATA_HOME": runnerHome.appendingPathComponent(".local/share").path,
            "XDG_STATE_HOME": runnerHome.appendingPathComponent(".local/state").path,
            "XDG_CACHE_HOME": runnerHome.appendingPathComponent(".cache").path,
            "HEED_STORE": runnerHome.appendingPathComponent(".local/share/heed/heed.sqlite").path,
            "HEED_OUTBOX": runnerHome.appendingPathComponent(".local/share/heed/outbox.jsonl").path,
            "EDITOR": runnerHome.appendingPathComponent("editor.sh").path,
            "VISUAL": runnerHome.appendingPathComponent("editor.sh").path,
            "TZ": "Pacific/Chatham",
            "LANG": "C", "LC_ALL": "C",
            "NO_COLOR": "1", "TERM": "dumb",
        ]
        for (name, value) in variables {
            let before = getenv(name).map { String(cString: $0) }
            setenv(name, value, 1)
            addTeardownBlock {
                if let before { setenv(name, before, 1) } else { unsetenv(name) }
            }
        }
        return variables
    }

    /// Every planted file and its bytes.
    func plantedFiles() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: runnerHome.path) {
            var isFolder: ObjCBool = false
            let full = runnerHome.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue { files[path] = bytes(full) }
        }
        return files
    }

    func testAHostileRunnerHomeAndEnvironmentDoNotReachHeed() throws {
        let planted = try plantHostileRunner()
        let before = try plantedFiles()
        let environment = heedEnvironment
        for (name, value) in planted {
            XCTAssertNotEqual(environment[name], value, "\(name) of the runner reached heed's environment")
        }
        XCTAssertEqual(environment["TZ"], TestEnvironment.timeZone)
        XCTAssertEqual(environment["LANG"], TestEnvironment.language)
        XCTAssertTrue(environment["HOME"]?.hasPrefix(directory.path) ?? false)

        // A binary test as any other: Alice's mention is not the user's own, no config problem is
        // said, no planted theme is offered, the queue has no planted view and acts at once.
        try importMentions([mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", age: 3_600),
                            mention("2", handle: "bob@example.social", name: "Bob", text: "see you there", age: 60)])
        let list = try runHeed(["list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stderr, "", "no config was read")
        XCTAssertEqual(list.stdout.split(separator: "\n").count, 2, list.stdout)
        let themes = try runHeed(["themes"])
        XCTAssertEqual(themes.status, 0, themes.stderr)
        XCTAssertFalse(themes.stdout.contains("planted"), themes.stdout)

        let queue = try makeTmux()
        try queue.start(queueCommand())
        let screen = try queue.waitForText("q quit", "2 waiting", "alice@example.social")
        XCTAssertFalse(screen.contains("Planted view"), Tmux.framed(screen))
        try queue.press("a")
        try queue.waitForText("1 waiting", "Acknowledged")
        try queue.press("q")
        try queue.waitUntilGone()

        XCTAssertEqual(try plantedFiles(), before, "the runner's files are as they were, and nothing was added to them")
    }

    /// The snooze "tomorrow 9:00" is 09:00 of the zone heed is given (`TZ`): on Chatham, 13 h 45
    /// min ahead of UTC in its summer, never 09:00 UTC.
    func testHeedReckonsTomorrowMorningInTheTimeZoneItIsGiven() throws {
        try importMentions([mention("1", handle: "alice@example.social", name: "Alice", text: "is the meetup still on?", age: 3_600)])
        var chatham = Calendar(identifier: .gregorian)
        chatham.timeZone = try XCTUnwrap(TimeZone(identifier: "Pacific/Chatham"))
        func tomorrowMorning(_ now: Date) -> Date {
            let tomorrow = chatham.date(byAdding: .day, value: 1, to: chatham.startOfDay(for: now))!
            return chatham.date(bySettingHour: 9, minute: 0, second: 0, of: tomorrow)!
        }
        let earliest = tomorrowMorning(Date())
        try tmux.start(heedCommand(envPrefix: "TZ=Pacific/Chatham "))
        try tmux.waitForText("q quit", "1 waiting")
        try tmux.press("s")
        try tmux.waitForText("Snooze  1 in 1 hour")
        try tmux.press("3", "Enter")
        try tmux.waitForText("0 waiting", "Snoozed 1 item until", "09:00")
        let latest = tomorrowMorning(Date())

        let until = try XCTUnwrap(try listAll()["mastodon:1"]?["snoozed_until"] as? String)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try XCTUnwrap(formatter.date(from: until) ?? ISO8601DateFormatter().date(from: until), until)
        XCTAssertTrue([earliest, latest].contains(date), "\(until) is not 09:00 tomorrow on Chatham (\(earliest))")
        XCTAssertNotEqual(Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date).hour, 9)
    }
}
