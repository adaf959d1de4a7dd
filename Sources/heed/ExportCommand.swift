import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox

/// `heed export`: pending drafts for posting; marks them exported once the output is complete.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export drafts not yet exported, and mark them exported.",
        discussion: """
        Formats: jsonl (one draft a line), csv (RFC 4180, with a header; the text exactly as it will be posted), \
        spreadsheet (the csv with every cell defused against formulas: for reading, never for posting), requests (one HTTP \
        request a line, body exactly as the platform's API takes it). With requests, drafts that \
        cannot be posted are named on standard error with the reason, left out and left pending; \
        the exit status is still 0.
        """
    )

    @OptionGroup var paths: PathOptions

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = ExportFormat.jsonl

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (complete or absent); standard output when omitted.", valueName: "file"))
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
            return try export(readDrafts(outbox)) { _ in }
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
            say("not exportable: draft \(refusal.draft.id) (\(refusal.draft.ref)): \(refusal.reason)")
        }
        if result.exported.isEmpty {
            // An earlier export may not be posted yet: never replace it with an empty file.
            var line = "nothing to export"
            if !result.refused.isEmpty { line += "; \(result.refused.count) not exportable (left pending)" }
            say(line + (output.map { "; \($0) left as it was" } ?? ""))
            return
        }
        if let output {
            do {
                try AtomicFile.write(Data(result.text.utf8), to: output)
            } catch let failure as AtomicFile.Failure {
                throw HeedExit.failure("cannot write \(output): \(failure); nothing marked exported, and any earlier \(output) is as it was: \(failure.advice)")
            }
        } else {
            FileHandle.standardOutput.write(Data(result.text.utf8))
        }
        let now = Date()
        do {
            try mark(result.exported.filter { $0.status == .pending }.map { .exported(draft: $0.id, format: format.rawValue, at: now) })
        } catch {
            throw HeedExit.failure("\(error); the drafts were written but not marked exported")
        }
        for note in result.notes { say("note: \(note)") }
        let count = result.exported.count
        var summary = "exported \(count) draft\(count == 1 ? "" : "s")\(output.map { " to \($0)" } ?? "")"
        if !result.refused.isEmpty { summary += "; \(result.refused.count) not exportable (left pending)" }
        say(summary)
    }

    private func say(_ line: String) {
        FileHandle.standardError.write(Data("heed: \(line)\n".utf8))
    }
}

/// `--format` of `heed export`: jsonl, csv or requests, listed and checked by ArgumentParser.
extension ExportFormat: ExpressibleByArgument {}

/// `--platform`: a platform name, listed and checked by ArgumentParser.
extension Platform: ExpressibleByArgument {
    /// A platform as users write it ("X", "twitter", "hn"), as everywhere else in heed.
    public init?(argument: String) { self.init(name: argument) }
}

/// Writes a file whole or not at all: a temporary file beside it, synced, then renamed (and
/// the folder synced). Temporary files left by an export that was killed are removed first.
enum AtomicFile {
    /// Why the file could not be written: the errno, and what to do about it.
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
        var advice: String {
            switch code {
            case ENOSPC, EDQUOT, EFBIG: "free some space and export again"
            case ENOENT, ENOTDIR: "create its folder, or choose another -o"
            default: "choose a writable place with -o"
            }
        }
    }

    static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        removeLeftovers(of: name, in: folder)
        let temporary = folder + "/.\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(code: errno) }
        var failure: Int32?
        data.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 { if errno == EINTR { continue }; failure = errno; break }
                written += count
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw Failure(code: failure)
        }
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    /// Removes `.NAME.PID.tmp` files whose process is gone.
    private static func removeLeftovers(of name: String, in folder: String) {
        let prefix = ".\(name)."
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            guard let pid = pid_t(entry.dropFirst(prefix.count).dropLast(4)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder + "/" + entry)
        }
    }
}
