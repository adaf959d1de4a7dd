import Foundation
import GRDB

/// Looks into a store file with SQLite alone (read-only), the way an auditor would.
struct StoreInspector {
    let path: String

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// `PRAGMA integrity_check`'s rows ("ok" alone when sound).
    func integrity() throws -> [String] {
        try read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }

    /// Items whose native id starts with `prefix-`.
    func count(prefix: String) throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM mention WHERE native_id LIKE ? ESCAPE '\\'", arguments: ["\(prefix)-%"]) ?? 0 }
    }

    /// Every item.
    func total() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM mention") ?? 0 }
    }

    /// The trigger-kept waiting counter and the real count of waiting items.
    func waitingCounter() throws -> (counter: Int, actual: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting'") ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE state = 'waiting'") ?? -1)
        }
    }

    /// Whether the rank index and the insert trigger (dropped during a bulk import) are there.
    func schemaObjects() throws -> Set<String> {
        try read { Set(try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE name IN ('mention_rank', 'mention_waiting_insert', 'mention_waiting_update', 'mention_waiting_delete')")) }
    }

    /// State and draft of each item, keyed by ref (`platform:id`).
    func states() throws -> [String: (state: String, draft: String?)] {
        try read { db in
            var states: [String: (String, String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT platform, native_id, state, draft_id FROM mention") {
                states["\(row["platform"] as String):\(row["native_id"] as String)"] = (row["state"], row["draft_id"])
            }
            return states
        }
    }
}

/// The outbox file as lines: the records that parse, and the lines that do not.
struct OutboxFile {
    var records: [[String: Any]] = []
    /// Lines that are not JSON records: (line number, text).
    var bad: [(Int, String)] = []
    /// Whether the file ends in the middle of a line.
    var endsMidLine = false

    init(path: String) {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return }
        endsMidLine = data.last != 10
        for (index, line) in data.split(separator: 10, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], object["record"] is String {
                records.append(object)
            } else {
                bad.append((index + 1, String(decoding: line, as: UTF8.self)))
            }
        }
    }

    /// Each draft's last status, by draft id (pending, exported, discarded), and its ref.
    var drafts: [String: (ref: String, status: String)] {
        var drafts: [String: (String, String)] = [:]
        for record in records {
            guard let id = record["draft"] as? String, let kind = record["record"] as? String else { continue }
            switch kind {
            case "draft": drafts[id] = (record["ref"] as? String ?? "", "pending")
            case "edited": drafts[id]?.1 = "pending"
            case "exported": drafts[id]?.1 = "exported"
            case "discarded": drafts[id]?.1 = "discarded"
            default: break
            }
        }
        return drafts
    }

    /// Draft ids written as a `draft` record more than once.
    var duplicateDrafts: [String] {
        var seen: [String: Int] = [:]
        for record in records where record["record"] as? String == "draft" {
            if let id = record["draft"] as? String { seen[id, default: 0] += 1 }
        }
        return seen.filter { $0.value > 1 }.map(\.key).sorted()
    }
}

/// A value shared between threads, changed only under its lock.
final class Shared<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func change(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
    var current: Value { lock.withLock { value } }
}
