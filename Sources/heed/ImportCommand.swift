import ArgumentParser
import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedStore

/// `heed import FILE…`: stores every mention, prints one summary line.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import mentions from files (- for standard input).",
        discussion: """
            Reads heed's JSON Lines, CSV with a header row naming heed's fields, and what the platforms' APIs return \
            (the format is detected; --format names it). Prints: imported N, updated N, unchanged N, skipped N, rejected N. \
            Each rejected record is named on standard error with its file and position; skipped records are counted by reason. \
            Exit 65 when any record was rejected, 2 when a file cannot be read or its format is unknown.
            """
    )

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("Files to import; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The format, when detection should not decide: \(MentionFile.formatNames.joined(separator: ", ")).", valueName: "format"))
    var format: String?

    @Flag(help: "Import nothing if any record is rejected.")
    var strict = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to import (- for standard input)") }
        if let format, !MentionFile.formatNames.contains(format.lowercased()), format.lowercased() != "heed" {
            throw ValidationError("unknown format '\(format)' (known: \(MentionFile.formatNames.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let config = loadConfig(paths)
        let store = try openStore(paths.storePath)
        var run = ImportRun(config: config, format: format)
        let now = Date()
        var total = ImportCounts()
        var unreadable = false
        if strict {
            do {
                total = try store.importing(now: now) { sink in
                    for file in files { try run.read(file, into: sink) }
                    if sink.counts.rejected > 0 { throw ImportRolledBack(counts: sink.counts) }
                }
            } catch let rolledBack as ImportRolledBack {
                var counts = ImportCounts()
                counts.rejected = rolledBack.counts.rejected
                print(counts.summary)
                run.report()
                throw HeedExit(message: "nothing imported: --strict and \(rolledBack.counts.rejected) rejected", code: 65)
            } catch let failure as ImportFailure {
                throw HeedExit.usage("\(failure); nothing imported (--strict)")
            }
        } else {
            for file in files {
                do {
                    total.add(try store.importing(now: now) { sink in try run.read(file, into: sink) })
                } catch let failure as ImportFailure {
                    FileHandle.standardError.write(Data("heed: \(failure)\n".utf8))
                    unreadable = true
                }
            }
        }
        run.finishProgress()
        print(total.summary)
        run.report()
        if let left = try? store.unindexedCount(), left > 0 {
            FileHandle.standardError.write(Data("heed: note: \(left) items are not indexed for search yet; the next heed (the queue, or heed list --search) indexes them\n".utf8))
        }
        if unreadable { throw HeedExit(message: "", code: 2) }
        if total.rejected > 0 { throw HeedExit(message: "", code: 65) }
    }
}

/// The state of one `heed import`: skip reasons, advice said once, progress on a terminal.
struct ImportRun {
    let config: Config
    let format: String?
    var skipped: [String: Int] = [:]
    var advice: [String] = []
    let progress = ProgressLine()

    init(config: Config, format: String?) {
        self.config = config
        self.format = format
    }

    /// Reads one file (or standard input) into the sink, naming each rejected record.
    mutating func read(_ file: String, into sink: ImportSink) throws {
        let fd: Int32
        let name: String
        if file == "-" {
            fd = STDIN_FILENO
            name = "<stdin>"
        } else {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
                throw ImportFailure("cannot read \(file): it is a folder")
            }
            fd = open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ImportFailure("cannot read \(file): \(String(cString: strerror(errno)))") }
            name = file
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        progress.start(name, size: fileSize(fd))
        try MentionFile.read(fd: fd, file: name, format: format, isOwn: config.isOwn, progress: { [progress] in progress.update(bytes: $0) }) { event in
            try take(event, sink)
        }
    }

    private mutating func take(_ event: ImportEvent, _ sink: ImportSink) throws {
        switch event {
        case .mention(let mention):
            try sink.put(mention)
            progress.count()
        case .skipped(let reason):
            skip(reason, sink)
        case .rejected(let problem):
            sink.reject()
            progress.clear()
            FileHandle.standardError.write(Data("heed: rejected \(problem)\n".utf8))
        case .answered(let ref, let at):
            try sink.answered(ref, at: at)
        case .advice(let text):
            if !advice.contains(text) { advice.append(text) }
        }
    }

    private mutating func skip(_ reason: String, _ sink: ImportSink) {
        sink.skip()
        skipped[reason, default: 0] += 1
    }

    func finishProgress() { progress.clear() }

    /// Skip reasons and advice, on standard error after the summary.
    func report() {
        if !skipped.isEmpty {
            let reasons = skipped.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }
            FileHandle.standardError.write(Data("heed: skipped \(reasons.joined(separator: ", "))\n".utf8))
        }
        for text in advice { FileHandle.standardError.write(Data("heed: note: \(text)\n".utf8)) }
    }

    private func fileSize(_ fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}

extension ImportCounts {
    mutating func add(_ other: ImportCounts) {
        imported += other.imported
        updated += other.updated
        unchanged += other.unchanged
        skipped += other.skipped
        rejected += other.rejected
    }
}
