import Foundation
import HeedCore

/// The formats `heed export` writes: drafts as JSON Lines or CSV, or ready-made post requests;
/// `spreadsheet` is the CSV made safe to open in a spreadsheet, for reading, not for posting.
public enum ExportFormat: String, CaseIterable, Sendable {
    case jsonl, csv, spreadsheet, requests

    /// A draft the export left out, and why.
    public struct Refusal: Sendable, Hashable {
        public var draft: Draft
        public var reason: String

        public init(draft: Draft, reason: String) { (self.draft, self.reason) = (draft, reason) }
    }

    /// What an export produced: the text to write, the drafts it holds, those it left out.
    public struct Output: Sendable {
        public var text: String
        public var exported: [Draft]
        public var refused: [Refusal]
        /// What the poster must add to the requests, each said once.
        public var notes: [String]
    }

    /// Renders `drafts` in this format; `requests` leaves out the drafts that cannot be posted.
    public func render(_ drafts: [Draft], blueskyRepo: String? = nil) -> Output {
        switch self {
        case .jsonl:
            return Output(text: drafts.map { DraftExport.json($0).finish() + "\n" }.joined(), exported: drafts, refused: [], notes: [])
        case .csv, .spreadsheet:
            let rows = [DraftExport.csvHeader] + drafts.map { DraftExport.csvRow($0, forSpreadsheet: self == .spreadsheet) }
            return Output(text: rows.map { $0 + "\r\n" }.joined(), exported: drafts, refused: [], notes: [])
        case .requests:
            var output = Output(text: "", exported: [], refused: [], notes: [])
            for draft in drafts {
                switch PostRequest.make(for: draft, blueskyRepo: blueskyRepo) {
                case .success(let request):
                    output.text += request.line(draft: draft.id) + "\n"
                    output.exported.append(draft)
                    if let note = request.note, !output.notes.contains(note) { output.notes.append(note) }
                case .failure(let problem):
                    output.refused.append(Refusal(draft: draft, reason: problem.reason))
                }
            }
            return output
        }
    }
}

/// A draft as the `jsonl` and `csv` exports write it.
public enum DraftExport {
    /// The draft as a JSON object (`export --format jsonl`, `outbox --json`).
    public static func json(_ draft: Draft) -> JSONWriter {
        var json = JSONWriter()
        json.add("draft", draft.id)
        draft.addReplyFields(to: &json)
        json.add("created_at", Timestamp.format(draft.createdAt))
        return json
    }

    /// The first line of `export --format csv`.
    public static let csvHeader = "draft,ref,platform,in_reply_to,author,text,created_at"

    /// The draft as one CSV record (RFC 4180; without the CRLF that ends it). The text is the reply
    /// exactly as it will be posted; the other fields (someone else's handle among them) are
    /// defused against formulas. `forSpreadsheet` defuses the text too, for reading only.
    public static func csvRow(_ draft: Draft, forSpreadsheet: Bool = false) -> String {
        let guarded = [draft.id, draft.ref.description, draft.ref.platform.rawValue, draft.ref.id, draft.author ?? ""].map(csvField)
        let text = forSpreadsheet ? csvField(draft.text) : csvQuoted(draft.text)
        return (guarded + [text, csvField(Timestamp.format(draft.createdAt))]).joined(separator: ",")
    }

    /// One CSV field: a leading `'` where a spreadsheet would read a formula, then quoted
    /// (quotes doubled) when it holds a comma, quote, CR or LF.
    public static func csvField(_ value: String) -> String {
        var field = value
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { field = "'" + field }
        return csvQuoted(field)
    }

    /// One CSV field as it is: quoted (quotes doubled) only when it holds a comma, quote, CR or LF.
    public static func csvQuoted(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
