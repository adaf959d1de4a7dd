import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox
import Screen

/// `heed outbox`: the drafts and their state.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbox", abstract: "List the drafts in the outbox and their state.")

    @OptionGroup var paths: PathOptions

    @Flag(help: "Print one JSON object per draft.")
    var json = false

    func run() throws {
        let contents = try readOutbox(paths.outboxPath)
        for draft in contents.drafts {
            if json {
                var line = DraftExport.json(draft)
                line.add("status", draft.status.rawValue)
                try StandardOutput.shared.line(line.finish())
            } else {
                var row = ScreenBuffer(width: 160, height: 1)
                var x = row.put(draft.id, x: 0, y: 0, role: .normal) + 2
                x = row.put(draft.status.rawValue, x: x, y: 0, role: .normal)
                x = max(x + 1, 30)
                x = row.put(draft.ref.description, x: x, y: 0, maxWidth: 40, role: .normal) + 2
                row.put(draft.text, x: x, y: 0, role: .normal)
                try StandardOutput.shared.line(row.lines()[0].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            }
        }
        if contents.drafts.isEmpty, !json {
            StandardError.say("the outbox \(paths.outboxPath) has no drafts")
        }
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
