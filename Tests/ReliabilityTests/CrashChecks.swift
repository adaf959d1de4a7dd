import Foundation
import HeedCore
import HeedOutbox
import HeedReplies
import HeedStore
@testable import heed

/// What must hold after heed was killed at any point: the store opens and is sound, imports
/// are whole files, the outbox holds no glued or duplicated record, and once settled (as the
/// next queue does on opening) every reply in the store has its draft and every pending draft
/// its reply. Each check returns what is wrong, in words.
struct CrashChecks {
    let store: String
    let outbox: String

    /// Everything that must hold whatever was interrupted.
    func always() -> [String] {
        var problems: [String] = []
        do {
            // heed's own open first: it is what the user runs next (and it recovers the WAL).
            let opened = try Store(path: store)
            let inspector = StoreInspector(path: store)
            let integrity = try inspector.integrity()
            if integrity != ["ok"] { problems.append("integrity_check: \(integrity.prefix(3))") }
            let counter = try inspector.waitingCounter()
            if counter.counter != counter.actual { problems.append("waiting counter \(counter.counter), waiting items \(counter.actual)") }
            let objects = try inspector.schemaObjects()
            if objects.count != 4 { problems.append("schema objects after a bulk import: \(objects.sorted())") }
            try Replies.settle(store: opened, outbox: Outbox(path: outbox), at: Date())
            let file = OutboxFile(path: outbox)
            problems += try settled(inspector.states(), file.drafts) + outboxLines(file)
        } catch {
            problems.append("the store does not open or read: \(error)")
        }
        return problems
    }

    /// No glued lines (two records on one), no draft written twice; torn fragments are allowed.
    func outboxLines(_ file: OutboxFile) -> [String] {
        var problems: [String] = []
        for (line, text) in file.bad {
            if !text.hasPrefix(#"{"record":""#) { problems.append("outbox line \(line) is not a record: \(text.prefix(60))") }
            if text.components(separatedBy: #"{"record":"#).count > 2 { problems.append("outbox line \(line) holds two records glued: \(text.prefix(60))") }
        }
        if !file.duplicateDrafts.isEmpty { problems.append("drafts written twice: \(file.duplicateDrafts.prefix(5))") }
        return problems
    }

    /// After settling: replied items and pending drafts match one to one.
    func settled(_ states: [String: (state: String, draft: String?)], _ drafts: [String: (ref: String, status: String)]) -> [String] {
        var problems: [String] = []
        for (ref, state) in states where state.state == "replied" {
            guard let id = state.draft, !id.isEmpty else { continue }
            switch drafts[id]?.status {
            case "pending", "exported": break
            case let status: problems.append("\(ref) is replied with draft \(id), which the outbox has as \(status ?? "missing")")
            }
        }
        for (id, draft) in drafts where draft.status == "pending" {
            guard let state = states[draft.ref] else { continue }
            if state.state != "replied" || state.draft != id {
                problems.append("draft \(id) is pending but \(draft.ref) is \(state.state) with \(state.draft ?? "no draft")")
            }
        }
        return problems
    }

    /// An import killed at any point: each file wholly in or wholly out (wholly in if it exited 0).
    func importFiles(_ files: [(prefix: String, count: Int)], completed: Bool) -> [String] {
        let inspector = StoreInspector(path: store)
        return files.compactMap { file in
            guard let found = try? inspector.count(prefix: file.prefix) else { return "cannot count \(file.prefix)" }
            if completed ? found == file.count : (found == 0 || found == file.count) { return nil }
            return "file \(file.prefix) has \(found) of \(file.count) items in the store\(completed ? " after a finished import" : "")"
        }
    }

    /// An export killed at any point: its output is absent or holds every draft, each whole.
    func exportOutput(_ path: String, drafts: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = data.split(separator: 10)
        let whole = lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0))) != nil }
        if data.last == 10, whole, lines.count == drafts { return [] }
        return ["export output \(path) is torn: \(lines.count) of \(drafts) lines, whole lines: \(whole), ends with a newline: \(data.last == 10)"]
    }

    /// The texts of the autosave files beside the outbox.
    func autosaveTexts() -> [String] {
        let folder = (outbox as NSString).deletingLastPathComponent + "/autosave"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return "(unreadable \(name))" }
            return object["text"] as? String
        }
    }

    /// How many items are in each state.
    func stateCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (_, state) in try StoreInspector(path: store).states() { counts[state.state, default: 0] += 1 }
        return counts
    }
}
