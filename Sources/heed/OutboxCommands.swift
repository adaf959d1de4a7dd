import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox
import Screen

/// `heed outbox`: the drafts and their state: pending, failed (with the platform's reason),
/// sending or unknown, sent (with the link), exported, discarded; then how many of each.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbox", abstract: "List the drafts in the outbox and their state.")

    @OptionGroup var paths: PathOptions

    @Flag(help: "Print one JSON object per draft.")
    var json = false

    func run() throws {
        let outbox = Outbox(path: paths.outboxPath)
        let contents = try readOutbox(outbox.path)
        let sendingNow = outbox.isSending()
        for draft in contents.drafts {
            if json {
                try StandardOutput.shared.line(Self.json(draft).finish())
            } else {
                try StandardOutput.shared.line(Self.row(draft, sendingNow: sendingNow))
            }
        }
        if contents.drafts.isEmpty, !json {
            StandardError.say("the outbox \(paths.outboxPath) has no drafts")
        } else if !json {
            try StandardOutput.shared.line(Self.summary(contents.drafts, sendingNow: sendingNow))
        }
    }

    /// A draft as `--json` prints it: the export's fields, its status, and where it went or why it failed.
    static func json(_ draft: Draft) -> JSONWriter {
        var line = DraftExport.json(draft)
        line.add("status", draft.status.rawValue)
        if let delivery = draft.delivery {
            line.add("remote_id", delivery.remoteID)
            line.add("url", delivery.url)
            line.add("sent_at", Timestamp.format(delivery.at))
        }
        if let failure = draft.failure {
            var failed = JSONWriter()
            if let status = failure.status { failed.add("status", status) }
            failed.add("message", failure.message)
            failed.add("at", Timestamp.format(failure.at))
            line.addRaw("failure", failed.finish())
        }
        return line
    }

    /// One row: id, state, item, then where it went, why it failed or what to do, and the text.
    static func row(_ draft: Draft, sendingNow: Bool) -> String {
        let word = DraftLifecycle.word(draft, sendingNow: sendingNow)
        var row = ScreenBuffer(width: 240, height: 1)
        var x = row.put(draft.id, x: 0, y: 0, role: .normal) + 2
        x = row.put(word, x: x, y: 0, role: .normal)
        x = max(x + 1, 30)
        x = row.put(draft.ref.description, x: x, y: 0, maxWidth: 40, role: .normal) + 2
        let about: String? = switch word {
        case "sent": draft.delivery?.url ?? "(no link)"
        case "failed": draft.failure.map { ($0.status.map { "\($0): " } ?? "") + $0.message }
        case "unknown": DraftLifecycle.unknownAdvice
        default: nil
        }
        if let about { x = row.put(about + " ·", x: x, y: 0, maxWidth: 120, role: .normal) + 1 }
        row.put(draft.text, x: x, y: 0, role: .normal)
        return row.lines()[0].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    /// `3 pending (1 failed) · 2 sent · 1 exported`, naming only the states some draft is in.
    static func summary(_ drafts: [Draft], sendingNow: Bool) -> String {
        let words = drafts.map { DraftLifecycle.word($0, sendingNow: sendingNow) }
        func count(_ word: String) -> Int { words.filter { $0 == word }.count }
        let failed = count("failed")
        var parts = ["\(count("pending") + failed) pending" + (failed > 0 ? " (\(failed) failed)" : "")]
        for word in ["sending", "unknown", "sent", "exported", "discarded"] where count(word) > 0 { parts.append("\(count(word)) \(word)") }
        return parts.joined(separator: " · ")
    }
}

/// Reads the outbox, reporting unreadable lines on standard error.
func readOutbox(_ path: String) throws -> Outbox.Contents {
    do {
        let contents = try Outbox(path: path).read()
        for problem in contents.problems {
            StandardError.say("outbox \(path) \(problem)")
        }
        return contents
    } catch {
        throw HeedExit.failure("\(error)")
    }
}
