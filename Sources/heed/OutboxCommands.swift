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
        let drafts = try draftBox(paths)
        let contents = try readDrafts(drafts)
        for draft in contents.drafts {
            if json {
                var line = DraftExport.json(draft)
                line.add("status", draft.status.rawValue)
                print(line.finish())
            } else {
                var row = ScreenBuffer(width: 160, height: 1)
                var x = row.put(draft.id, x: 0, y: 0, role: .normal) + 2
                x = row.put(draft.status.rawValue, x: x, y: 0, role: .normal)
                x = max(x + 1, 30)
                x = row.put(draft.ref.description, x: x, y: 0, maxWidth: 40, role: .normal) + 2
                row.put(draft.text, x: x, y: 0, role: .normal)
                print(row.lines()[0].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            }
        }
        if contents.drafts.isEmpty, !json {
            FileHandle.standardError.write(Data("heed: the outbox \(drafts.name) has no drafts\n".utf8))
        }
    }
}

/// Reads a draft box, reporting unreadable records on standard error.
func readDrafts(_ drafts: any DraftBox) throws -> Outbox.Contents {
    do {
        let contents = try drafts.read()
        for problem in contents.problems {
            FileHandle.standardError.write(Data("heed: outbox \(drafts.name) \(problem)\n".utf8))
        }
        return contents
    } catch {
        throw HeedExit.failure("\(error)")
    }
}
