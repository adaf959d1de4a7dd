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
            FileHandle.standardError.write(Data("heed: the outbox \(paths.outboxPath) has no drafts\n".utf8))
        }
    }
}

/// Reads the outbox, reporting unreadable lines on standard error.
func readOutbox(_ path: String) throws -> Outbox.Contents {
    do {
        let contents = try Outbox(path: path).read()
        for problem in contents.problems {
            FileHandle.standardError.write(Data("heed: outbox \(path) \(problem)\n".utf8))
        }
        return contents
    } catch {
        throw HeedExit.failure("\(error)")
    }
}

/// A draft as `export --format jsonl` writes it.
enum DraftExport {
    static func json(_ draft: Draft) -> JSONWriter {
        var json = JSONWriter()
        json.add("draft", draft.id)
        json.add("ref", draft.ref.description)
        json.add("platform", draft.ref.platform.rawValue)
        json.add("in_reply_to", draft.ref.id)
        json.add("reply_target", draft.replyTarget)
        json.add("author", draft.author)
        json.add("text", draft.text)
        json.add("created_at", Timestamp.format(draft.createdAt))
        return json
    }
}

/// `heed export`: pending drafts for posting; marks them exported once the output is complete.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export drafts not yet exported, and mark them exported.")

    @OptionGroup var paths: PathOptions

    @Option(help: ArgumentHelp("Output format: jsonl.", valueName: "format"))
    var format = "jsonl"

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (complete or absent); standard output when omitted.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Only drafts for this platform.", valueName: "platform"))
    var platform: String?

    @Flag(help: "Export drafts already exported, too.")
    var again = false

    func validate() throws {
        guard format == "jsonl" else { throw ValidationError("unknown export format '\(format)' (known: jsonl)") }
        if let platform, Platform(name: platform) == nil {
            throw ValidationError("unknown platform '\(platform)' (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws {
        let outbox = Outbox(path: paths.outboxPath)
        let contents = try readOutbox(paths.outboxPath)
        let wanted = platform.flatMap(Platform.init(name:))
        let drafts = contents.drafts.filter { draft in
            (draft.status == .pending || (again && draft.status == .exported)) && (wanted == nil || draft.ref.platform == wanted)
        }
        let text = drafts.map { DraftExport.json($0).finish() + "\n" }.joined()
        if let output {
            do {
                try AtomicFile.write(Data(text.utf8), to: output)
            } catch {
                throw HeedExit.failure("cannot write \(output): \(error); nothing marked exported")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let now = Date()
        try outbox.append(drafts.filter { $0.status == .pending }.map { .exported(draft: $0.id, format: format, at: now) })
        FileHandle.standardError.write(Data("heed: exported \(drafts.count) draft\(drafts.count == 1 ? "" : "s")\(output.map { " to \($0)" } ?? "")\n".utf8))
    }
}

/// Writes a file whole or not at all: a temporary file beside it, synced, then renamed.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutboxError(String(cString: strerror(errno))) }
        var ok = true
        data.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 { if errno == EINTR { continue }; ok = false; break }
                written += count
            }
        }
        let reason = String(cString: strerror(errno))
        if ok { ok = fsync(fd) == 0 }
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw OutboxError(reason)
        }
    }
}
