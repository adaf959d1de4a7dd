import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox
import HeedUI
import Screen

/// `heed outbox`: the drafts and their state: pending, failed (with the platform's reason),
/// sending or unknown, sent (with the link), exported, discarded; then how many of each.
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
        let drafts = try draftBox(paths)
        let contents = try readDrafts(drafts, console: console)
        let sendingNow = (drafts as? Outbox)?.isSending() ?? false
        var output = BufferedOutput(console: console, json: json)
        let table = TextTable([
            TextTable.Column("DRAFT", .whole), TextTable.Column("STATUS", .whole), TextTable.Column("PLATFORM", .whole),
            TextTable.Column("REF", .whole), TextTable.Column("TEXT", .rest),
        ])
        let rows = contents.drafts.map { draft in
            let word = DraftLifecycle.word(draft, sendingNow: sendingNow)
            return [draft.id, word, draft.ref.platform.rawValue, draft.ref.shown, (Self.about(draft, word: word).map { $0 + " · " } ?? "") + TextLimits.shown(draft.text)]
        }
        if json {
            for draft in contents.drafts {
                try output.write(Self.json(draft).finish())
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
            console.err("the outbox \(drafts.name) has no drafts")
        } else if !json, console.width != nil {
            try console.out(Self.summary(contents.drafts, sendingNow: sendingNow))
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

    /// Where a draft went, why its last try failed, or what to do with it; nil for the others.
    static func about(_ draft: Draft, word: String) -> String? {
        switch word {
        case "sent": draft.delivery?.url ?? "(no link)"
        case "failed": draft.failure.map { ($0.status.map { "\($0): " } ?? "") + $0.message }
        case "unknown": DraftLifecycle.unknownAdvice
        default: nil
        }
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

/// Reads a draft box (the outbox file, or a team store's drafts), reporting unreadable
/// records on standard error.
func readDrafts(_ drafts: any DraftBox, console: Console) throws -> Outbox.Contents {
    do {
        let contents = try drafts.read()
        for problem in contents.problems { console.err("outbox \(drafts.name) \(problem)") }
        return contents
    } catch {
        throw HeedExit.failure("\(error)")
    }
}
