import Foundation
import HeedCore
@_exported import TestSupport
import XCTest

/// A test against the real `heed` binary: a private temp directory with its own store and
/// outbox, a private tmux server, and helpers to import, list and read the outbox.
class HeedTestCase: XCTestCase {
    /// The built `heed` next to the test bundle, or nil when it is missing.
    static let heedPath: String? = HeedBinary.path

    var directory: URL!
    var tmux: Tmux!
    var heed: String!
    var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    var outboxPath: String { directory.appendingPathComponent("outbox.jsonl").path }

    /// Lines added to this test's tmux config (override for options such as remain-on-exit).
    var tmuxConfig: [String] { [] }

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let path = Self.heedPath else {
            XCTFail(HeedBinary.missing)
            throw ScreenTimeout()
        }
        heed = path
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("heed-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        tmux = try Tmux(directory: directory, extraConfig: tmuxConfig)
    }

    override func tearDownWithError() throws {
        tmux?.kill()
        if let directory { try? FileManager.default.removeItem(at: directory) }
        try super.tearDownWithError()
    }

    /// The environment every heed run gets: this test's store and outbox.
    var heedEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HEED_STORE"] = storePath
        environment["HEED_OUTBOX"] = outboxPath
        return environment
    }

    /// Runs `heed arguments…` without a terminal.
    func runHeed(_ arguments: [String], stdout: Spawn.Output = .pipe) throws -> SpawnResult {
        try Spawn.run([heed] + arguments, environment: heedEnvironment, stdout: stdout)
    }

    /// Single-quotes `text` for `sh`.
    func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The shell command that runs heed on this test's store inside tmux, after `prefix` options of `env`.
    func heedCommand(envPrefix: String = "") -> String {
        "env \(envPrefix)HEED_STORE=\(quoted(storePath)) HEED_OUTBOX=\(quoted(outboxPath)) \(quoted(heed))"
    }

    /// Opens the queue in the tmux session and waits for its key bar.
    func openQueue(file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.start(heedCommand(), file: file, line: line)
        try tmux.waitForText("q quit", file: file, line: line)
    }

    /// Polls `condition` until it holds; fails with `what` (and the last screen) if it never does.
    func waitUntil(_ what: String, file: StaticString = #filePath, line: UInt = #line,
                   _ condition: () throws -> Bool) throws {
        let end = Date().addingTimeInterval(tmux.deadline)
        repeat {
            if try condition() { return }
            usleep(20_000)
        } while Date() < end
        XCTFail("Timed out after \(tmux.deadline) s waiting for \(what). Last screen:\n\(Tmux.framed(try tmux.screen()))", file: file, line: line)
        throw ScreenTimeout()
    }

    // MARK: Data

    /// One mention in heed's import format, created `age` seconds ago.
    func mention(_ id: String, handle: String, name: String, text: String, age: TimeInterval) -> [String: Any] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return [
            "platform": "mastodon", "id": id, "kind": "mention",
            "author": ["handle": handle, "name": name],
            "text": text,
            "created_at": formatter.string(from: Date().addingTimeInterval(-age)),
        ]
    }

    /// Writes `mentions` as JSON Lines and imports them; fails unless all are imported.
    func importMentions(_ mentions: [[String: Any]], file: StaticString = #filePath, line: UInt = #line) throws {
        let lines = try mentions.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let input = directory.appendingPathComponent("mentions.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let result = try runHeed(["import", input])
        XCTAssertEqual(result.status, 0, "heed import failed: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .newlines),
                       "imported \(mentions.count.grouped), updated 0, unchanged 0, skipped 0, rejected 0", file: file, line: line)
    }

    /// `heed list --json --all`, keyed by ref.
    func listAll(file: StaticString = #filePath, line: UInt = #line) throws -> [String: [String: Any]] {
        let result = try runHeed(["list", "--json", "--all"])
        XCTAssertEqual(result.status, 0, "heed list failed: \(result.stderr)", file: file, line: line)
        var items: [String: [String: Any]] = [:]
        for object in try jsonLines(result.stdout) {
            if let ref = object["ref"] as? String { items[ref] = object }
        }
        return items
    }

    /// The state of each ref in the store.
    func states(file: StaticString = #filePath, line: UInt = #line) throws -> [String: String] {
        try listAll(file: file, line: line).compactMapValues { $0["state"] as? String }
    }

    /// Every record of the outbox file; none when it does not exist.
    func outboxRecords() throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: outboxPath) else { return [] }
        return try jsonLines(String(contentsOfFile: outboxPath, encoding: .utf8))
    }

    /// Parses JSON Lines into objects, skipping blank lines.
    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw SpawnError(description: "not a JSON object: \(line)")
            }
            return object
        }
    }
}
