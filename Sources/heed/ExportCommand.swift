import ArgumentParser
import Foundation
import HeedCore
import HeedFiles
import HeedOutbox
import HeedUI

/// `heed export`: pending drafts for posting; marks them exported once the output is complete.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export drafts not yet exported, and mark them exported.",
        discussion: """
        Formats: jsonl (one draft a line), csv (RFC 4180, with a header; the text exactly as it will be posted), \
        spreadsheet (the csv with every cell defused against formulas: for reading, never for posting), requests (one HTTP \
        request a line, body exactly as the platform's API takes it). With requests, drafts that \
        cannot be posted are named on standard error with the reason, left out and left pending; \
        the exit status is still 0. With -o, a file (or the file a symbolic link names) is \
        replaced whole, and a FIFO or character device is written directly (a FIFO nobody reads \
        for 2 s is an error); drafts are marked exported only once every byte is delivered.
        """
    )

    @OptionGroup var paths: PathOptions

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = ExportFormat.jsonl

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (complete or absent), FIFO or device; standard output when omitted.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Only drafts for this platform.", valueName: "platform"))
    var platform: Platform?

    @Flag(help: "Export drafts already exported, too.")
    var again = false

    @Option(help: ArgumentHelp("Your Bluesky DID, the repo of Bluesky requests (left out when not given).", valueName: "did"))
    var blueskyRepo: String?

    /// The outbox stays locked from reading the drafts to marking them exported: two exports
    /// at once never write the same draft twice, and no draft being saved is half there.
    func run() throws {
        let outbox = try draftBox(paths)
        guard outbox.exists else {
            return try export(readDrafts(outbox, console: console)) { _ in }
        }
        do {
            try outbox.withLock { file in
                let contents = try file.read()
                for problem in contents.problems { say("outbox \(outbox.name) \(problem)") }
                try export(contents) { records in try file.append(records) { true } }
            }
        } catch let exit as HeedExit {
            throw exit
        } catch {
            throw HeedExit.failure("\(error)")
        }
    }

    private func export(_ contents: Outbox.Contents, mark: ([OutboxRecord]) throws -> Void) throws {
        let drafts = contents.drafts.filter { draft in
            (draft.status == .pending || (again && draft.status == .exported)) && (platform == nil || draft.ref.platform == platform)
        }
        let result = format.render(drafts, blueskyRepo: blueskyRepo)
        for refusal in result.refused {
            say("not exportable: draft \(refusal.draft.id) (\(refusal.draft.ref.shown)): \(refusal.reason)")
        }
        if result.exported.isEmpty {
            // An earlier export may not be posted yet: never replace it with an empty file.
            var line = "nothing to export"
            if !result.refused.isEmpty { line += "; \(result.refused.count.grouped) not exportable (left pending)" }
            say(line + (output.map { "; \($0) left as it was" } ?? ""))
            return
        }
        try deliver(result.text)
        let now = Date()
        do {
            try mark(result.exported.filter { $0.status == .pending }.map { .exported(draft: $0.id, format: format.rawValue, at: now) })
        } catch {
            throw HeedExit.failure("\(error); the drafts were written but not marked exported")
        }
        for note in result.notes { say("note: \(note)") }
        let count = result.exported.count
        var summary = "exported \(count.grouped) draft\(count == 1 ? "" : "s")\(output.map { " to \($0)" } ?? "")"
        if !result.refused.isEmpty { summary += "; \(result.refused.count.grouped) not exportable (left pending)" }
        say(summary)
    }

    /// Writes the export to `-o` as what it is, or to standard output, and returns once every
    /// byte is delivered (a file synced); any failure throws before a draft is marked.
    private func deliver(_ text: String) throws {
        guard let output else {
            try console.data(text)
            try StandardOutput.shared.deliver()
            return
        }
        do {
            let target = try OutputTarget.open(output)
            try target.write(Array(text.utf8))
            try target.commit()
        } catch {
            var earlier = ""
            if let kind = FileKind(at: output), [.regular, .symbolicLink].contains(kind) { earlier = ", and any earlier \(output) is as it was" }
            throw HeedExit.failure("cannot write \(output): \(error.reason); nothing marked exported\(earlier): \(error.advice(again: "export again"))")
        }
    }

    /// Where the export's lines go: the drafts are data, notes and summaries messages.
    private var console: Console { Console() }

    private func say(_ line: String) {
        console.err(line)
    }
}

/// `--format` of `heed export`: jsonl, csv or requests, listed and checked by ArgumentParser.
extension ExportFormat: ExpressibleByArgument {}

/// `--platform`: a platform name, listed and checked by ArgumentParser.
extension Platform: ExpressibleByArgument {
    /// A platform as users write it ("X", "twitter", "hn"), as everywhere else in heed.
    public init?(argument: String) { self.init(name: argument) }
}
