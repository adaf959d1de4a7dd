import Foundation
import HeedCore
@_exported import TestSupport
import XCTest

/// A test against the real `heed` binary in a private temp folder: its own store, outbox and
/// config folder, heed run without a terminal, and mention files written fast.
class ReliabilityCase: XCTestCase {
    static let heedPath: String? = HeedBinary.path

    var directory: URL!
    var heed: String!
    var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    var outboxPath: String { directory.appendingPathComponent("outbox.jsonl").path }
    /// What tearDown undoes (unmounts, tmux servers), last first.
    var cleanups: [() -> Void] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let path = Self.heedPath else {
            XCTFail(HeedBinary.missing)
            throw ScreenTimeout()
        }
        heed = path
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("heed-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for cleanup in cleanups.reversed() { cleanup() }
        cleanups = []
        if let directory { try? FileManager.default.removeItem(at: directory) }
        try super.tearDownWithError()
    }

    /// This test's store and outbox, and config and data folders of its own (nothing of the user's).
    var heedEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HEED_STORE"] = storePath
        environment["HEED_OUTBOX"] = outboxPath
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = directory.appendingPathComponent("data").path
        return environment
    }

    /// Runs `heed arguments…` to the end, without a terminal.
    func runHeed(_ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 60) throws -> SpawnResult {
        try Spawn.run([heed] + arguments, environment: environment ?? heedEnvironment, timeout: timeout)
    }

    /// Starts `heed arguments…` and returns at once, to be killed or waited for.
    func startHeed(_ arguments: [String], environment: [String: String]? = nil) throws -> Child {
        try Child([heed] + arguments, environment: environment ?? heedEnvironment)
    }

    /// Single-quotes `text` for `sh`.
    func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A private tmux server, killed in tearDown.
    func makeTmux() throws -> Tmux {
        let tmux = try Tmux(directory: directory)
        cleanups.append { tmux.kill() }
        return tmux
    }

    /// The shell command that replaces the pane's shell with heed on this test's files.
    func queueCommand(store: String? = nil, outbox: String? = nil) -> String {
        let environment = heedEnvironment
        let pairs = ["HEED_STORE": store ?? storePath, "HEED_OUTBOX": outbox ?? outboxPath,
                     "XDG_CONFIG_HOME": environment["XDG_CONFIG_HOME"]!, "XDG_DATA_HOME": environment["XDG_DATA_HOME"]!]
        return "exec env " + pairs.sorted { $0.key < $1.key }.map { "\($0.key)=\(quoted($0.value))" }.joined(separator: " ") + " " + quoted(heed)
    }

    /// Polls `condition` until it holds or `timeout` passes; fails with `what` if it never does.
    func waitUntil(_ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool) throws {
        let end = Date().addingTimeInterval(timeout)
        repeat {
            if try condition() { return }
            usleep(10_000)
        } while Date() < end
        XCTFail("Timed out after \(timeout) s waiting for \(what)", file: file, line: line)
        throw ScreenTimeout()
    }

    // MARK: Data

    /// Writes `count` mentions in heed's JSON Lines, ids `prefix-0`…, oldest first, to `path`.
    @discardableResult
    func writeMentions(prefix: String, count: Int, to path: String, platform: String = "mastodon", textSize: Int = 40) throws -> String {
        let start = Int(Date().timeIntervalSince1970) - 86_400 * 30
        let filler = String(repeating: "x", count: max(0, textSize - 20))
        var text = ""
        text.reserveCapacity(count * (textSize + 160))
        for index in 0..<count {
            text += #"{"platform":"\#(platform)","id":"\#(prefix)-\#(index)","kind":"mention","author":{"handle":"u\#(index % 97)@example.social","name":"User \#(index % 97)"},"text":"hello \#(prefix) \#(index) \#(filler)","created_at":\#(start + index)}"#
            text += "\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Imports `count` fresh mentions with ids `prefix-…` through the real binary; fails unless all are imported.
    func importMentions(prefix: String, count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try writeMentions(prefix: prefix, count: count, to: directory.appendingPathComponent("\(prefix).jsonl").path)
        let result = try runHeed(["import", path])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "imported \(count.grouped), updated 0, unchanged 0, skipped 0, rejected 0\n", result.stderr, file: file, line: line)
    }

    /// The bytes of a file (empty when absent), for "left as it was" checks.
    func bytes(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }

    /// The permission bits of a file or folder.
    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
