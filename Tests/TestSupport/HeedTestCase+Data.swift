import Foundation
import HeedCore
import XCTest

extension HeedTestCase {
    // MARK: Mentions in

    /// One mention in heed's import format, created `age` seconds ago.
    public func mention(_ id: String, handle: String, name: String, text: String, age: TimeInterval) -> [String: Any] {
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
    public func importMentions(_ mentions: [[String: Any]], file: StaticString = #filePath, line: UInt = #line) throws {
        let lines = try mentions.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let input = directory.appendingPathComponent("mentions.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let result = try runHeed(["import", input])
        XCTAssertEqual(result.status, 0, "heed import failed: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .newlines),
                       "imported \(mentions.count.grouped), updated 0, unchanged 0, skipped 0, rejected 0", file: file, line: line)
    }

    /// Writes `count` mentions in heed's JSON Lines, ids `prefix-0`…, oldest first, to `path`, fast:
    /// the first `daysAgo` days ago (30), a second apart.
    @discardableResult
    public func writeMentions(prefix: String, count: Int, to path: String, platform: String = "mastodon", textSize: Int = 40, daysAgo: Int = 30) throws -> String {
        let start = Int(Date().timeIntervalSince1970) - 86_400 * daysAgo
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
    public func importMentions(prefix: String, count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try writeMentions(prefix: prefix, count: count, to: directory.appendingPathComponent("\(prefix).jsonl").path)
        let result = try runHeed(["import", path])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stdout, "imported \(count.grouped), updated 0, unchanged 0, skipped 0, rejected 0\n", result.stderr, file: file, line: line)
    }

    // MARK: What heed left

    /// `heed list --json --all`, keyed by ref.
    public func listAll(file: StaticString = #filePath, line: UInt = #line) throws -> [String: [String: Any]] {
        let result = try runHeed(["list", "--json", "--all"])
        XCTAssertEqual(result.status, 0, "heed list failed: \(result.stderr)", file: file, line: line)
        var items: [String: [String: Any]] = [:]
        for object in try jsonLines(result.stdout) {
            if let ref = object["ref"] as? String { items[ref] = object }
        }
        return items
    }

    /// The state of each ref in the store.
    public func states(file: StaticString = #filePath, line: UInt = #line) throws -> [String: String] {
        try listAll(file: file, line: line).compactMapValues { $0["state"] as? String }
    }

    /// Every record of the outbox file; none when it does not exist.
    public func outboxRecords() throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: outboxPath) else { return [] }
        return try jsonLines(String(contentsOfFile: outboxPath, encoding: .utf8))
    }

    /// Parses JSON Lines into objects, skipping blank lines.
    public func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw SpawnError(description: "not a JSON object: \(line)")
            }
            return object
        }
    }

    /// The bytes of a file (empty when absent), for "left as it was" checks.
    public func bytes(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }

    /// The permission bits of a file or folder.
    public func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
