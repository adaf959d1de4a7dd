import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox
import HeedUI
import Screen

/// `heed outbox`: the drafts and their state.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List the drafts in the outbox and their state.",
        discussion: """
            On a terminal: a header, then DRAFT, STATUS, PLATFORM, REF and TEXT fitted to its \
            width. Piped: tab-separated draft, status, platform, ref, text (the text cut to \
            1,000 cells), no header. --json prints every field exactly.
            """
    )

    @OptionGroup var paths: PathOptions

    @Flag(help: "Print one JSON object per draft.")
    var json = false

    func run() throws {
        let console = Console()
        let contents = try readOutbox(paths.outboxPath, console: console)
        var output = BufferedOutput(console: console, json: json)
        let table = TextTable([
            TextTable.Column("DRAFT", .whole), TextTable.Column("STATUS", .whole), TextTable.Column("PLATFORM", .whole),
            TextTable.Column("REF", .whole), TextTable.Column("TEXT", .rest),
        ])
        let rows = contents.drafts.map { draft in
            [draft.id, draft.status.rawValue, draft.ref.platform.rawValue, draft.ref.shown, TextLimits.shown(draft.text)]
        }
        if json {
            for draft in contents.drafts {
                var line = DraftExport.json(draft)
                line.add("status", draft.status.rawValue)
                try output.write(line.finish())
            }
        } else if let width = console.width {
            let widths = table.widths(for: rows, width: width)
            if !rows.isEmpty { try output.write(table.header(widths: widths, width: width)) }
            for row in rows { try output.write(table.line(row, widths: widths, width: width)) }
        } else {
            for row in rows { try output.write(TextTable.separated(Array(row.prefix(4))) + "\t" + TextTable.separated([row[4]], most: ListRows.pipedText)) }
        }
        try output.flush()
        if contents.drafts.isEmpty, !json {
            console.err("the outbox \(paths.outboxPath) has no drafts")
        }
    }
}

/// Reads the outbox, reporting unreadable lines on standard error.
func readOutbox(_ path: String, console: Console) throws -> Outbox.Contents {
    do {
        let contents = try Outbox(path: path).read()
        for problem in contents.problems { console.err("outbox \(path) \(problem)") }
        return contents
    } catch {
        throw HeedExit.failure("\(error)")
    }
}
