import Foundation
import TestSupport
import XCTest

/// Real heeds of a team on one team store: each person with a home of their own (config.toml
/// naming them in `[team] me`, their own data and autosave folders, UTC), all on the same URL.
final class Teammates {
    let folder: URL
    let store: String
    let heed: String

    /// A team's folder and the store of a new schema.
    init() throws {
        guard let heed = HeedBinary.path else { throw SpawnError(description: HeedBinary.missing) }
        self.heed = heed
        store = try PostgresServer.freshStore()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The home of `person`, made with its config on first use.
    func home(_ person: String) throws -> URL {
        let home = folder.appendingPathComponent(person)
        let config = home.appendingPathComponent("config/heed")
        if !FileManager.default.fileExists(atPath: config.path) {
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "[team]\nme = \"\(person)\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        }
        return home
    }

    /// The environment of `person`'s heed.
    func environment(_ person: String) throws -> [String: String] {
        var environment = Self.environment(home: try home(person))
        environment["HEED_STORE"] = store
        return environment
    }

    /// A heed's environment with a home of its own (config and data inside), UTC, and no store,
    /// outbox or password from the tests' own environment.
    static func environment(home: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        environment["TZ"] = "UTC"
        for name in ["HEED_STORE", "HEED_OUTBOX", "PGPASSWORD"] { environment[name] = nil }
        return environment
    }

    /// Runs `heed arguments…` as `person`, to its end.
    func run(_ person: String, _ arguments: [String]) throws -> SpawnResult {
        try Spawn.run([heed] + arguments, environment: environment(person), timeout: 120)
    }

    /// Starts `heed arguments…` as `person` without waiting.
    func start(_ person: String, _ arguments: [String]) throws -> Child {
        try Child([heed] + arguments, environment: environment(person))
    }

    /// Imports `count` Mastodon mentions "m0"… (m0 the oldest) as `person`.
    func importMentions(_ count: Int, as person: String = "ana") throws {
        let now = Date()
        let lines = (0..<count).map { index in
            #"{"platform":"mastodon","id":"m\#(index)","author":{"handle":"user\#(index)@example.social"},"text":"question \#(index)","created_at":\#(Int(now.timeIntervalSince1970) - 86_400 + index)}"#
        }
        let file = folder.appendingPathComponent("mentions.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try run(person, ["import", file.path])
        guard result.status == 0 else { throw SpawnError(description: "heed import failed: \(result.stderr)") }
    }

    /// A queue of `person` in a tmux server of its own, open and drawn.
    func queue(_ person: String, width: Int = 100, height: Int = 24) throws -> Tmux {
        let tmux = try Tmux(directory: try home(person))
        let environment = try self.environment(person)
        let names = ["HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "HEED_STORE", "TZ"]
        let command = "env " + names.map { "\($0)=" + quoted(environment[$0] ?? "") }.joined(separator: " ") + " LANG=C.UTF-8 " + quoted(heed)
        try tmux.start(command, width: width, height: height)
        _ = try tmux.waitForText("q quit")
        return tmux
    }

    /// Single-quotes `text` for `sh`.
    func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
