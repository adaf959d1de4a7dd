import Foundation
import StandIn
import TestSupport
import XCTest

/// The real binary against the stand-in of the platforms' APIs: a hermetic home (its own HOME,
/// XDG folders, TZ), config.toml naming the stand-in's accounts with secrets from a file by
/// `token_command` and from the environment, and every output kept to search for secrets.
class StandInE2ECase: HeedTestCase {
    var standIn: StandIn!
    var outputs: [String] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        standIn = try StandIn(samples: SharedFiles.samples())
        try FileManager.default.createDirectory(atPath: directory.appendingPathComponent("config/heed").path, withIntermediateDirectories: true)
        try standIn.mastodon.token.write(toFile: directory.appendingPathComponent("mastodon-token").path, atomically: true, encoding: .utf8)
        standIn.github.pollInterval = 0
    }

    override func tearDownWithError() throws {
        standIn?.stop()
        try super.tearDownWithError()
    }

    /// This test's home and nothing of the machine's: the store, the config, the data folder.
    var fetchEnvironment: [String: String] {
        ["HOME": directory.path, "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
         "XDG_DATA_HOME": directory.appendingPathComponent("data").path, "TZ": "UTC", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
         "HEED_STORE": storePath, "HEED_OUTBOX": outboxPath, "BLUESKY_PASSWORD": standIn.bluesky.password, "SHELL": "/bin/sh"]
    }

    /// Writes config.toml: the stand-in's Mastodon, Bluesky and GitHub, then `extra`.
    func writeConfig(_ platforms: [String] = ["mastodon", "bluesky", "github"], extra: String = "") throws {
        var text = ""
        if platforms.contains("mastodon") {
            text += "[[accounts]]\nplatform = \"mastodon\"\nserver = \"\(standIn.base)\"\nhandle = \"noiob@127.0.0.1\"\ntoken_command = \"cat '\(directory.appendingPathComponent("mastodon-token").path)'\"\n\n"
        }
        if platforms.contains("bluesky") {
            text += "[[accounts]]\nplatform = \"bluesky\"\nserver = \"\(standIn.base)\"\nhandle = \"\(standIn.bluesky.handle)\"\npassword_env = \"BLUESKY_PASSWORD\"\n\n"
        }
        if platforms.contains("github") {
            text += "[[accounts]]\nplatform = \"github\"\nserver = \"\(standIn.base)\"\nhandle = \"octocat\"\ntoken_command = \"printf '%s' \(standIn.github.token)\"\n\n"
        }
        try (text + extra).write(toFile: directory.appendingPathComponent("config/heed/config.toml").path, atomically: true, encoding: .utf8)
    }

    /// `heed fetch --since 10y` with `arguments`, its output kept.
    func fetch(_ arguments: [String] = [], timeout: TimeInterval = 60) throws -> SpawnResult {
        let result = try Spawn.run([heed, "fetch", "--since", "10y"] + arguments, environment: fetchEnvironment, timeout: timeout)
        outputs += [result.stdout, result.stderr]
        return result
    }

    /// Opens the queue in tmux with this test's hermetic environment.
    func openFetchingQueue() throws {
        let environment = fetchEnvironment.map { "\($0.key)=\(quoted($0.value))" }.sorted().joined(separator: " ")
        try tmux.start("env -i TERM=\"$TERM\" \(environment) \(quoted(heed))")
        try tmux.waitForText("q quit")
    }

    /// Every item in the store by ref, as `heed list --json --all` prints it.
    func list() throws -> [String: [String: Any]] {
        let result = try Spawn.run([heed, "list", "--json", "--all"], environment: fetchEnvironment)
        XCTAssertEqual(result.status, 0, result.stderr)
        var items: [String: [String: Any]] = [:]
        for object in try jsonLines(result.stdout) { if let ref = object["ref"] as? String { items[ref] = object } }
        return items
    }
}
