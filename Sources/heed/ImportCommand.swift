import ArgumentParser
import Foundation
import HeedCore
import HeedImport
import HeedStore

/// `heed import FILE…`: stores every mention, prints one summary line.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import mentions from files (- for standard input).",
        discussion: "Prints: imported N, updated N, unchanged N, skipped N, rejected N. Each rejected record is named on standard error. Exit 65 when any record was rejected."
    )

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("Files to import; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The file format: jsonl (heed's JSON Lines). Detected when omitted.", valueName: "format"))
    var format: String?

    @Flag(help: "Import nothing if any record is rejected.")
    var strict = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to import (- for standard input)") }
        if let format, !["jsonl", "heed"].contains(format.lowercased()) {
            throw ValidationError("unknown format '\(format)' (known: jsonl)")
        }
    }

    func run() throws {
        let store = try openStore(paths.storePath)
        var total = ImportCounts()
        var unreadable = false
        let now = Date()
        if strict {
            do {
                total = try store.importing(now: now) { sink in
                    for file in files { try read(file, into: sink) }
                    if sink.counts.rejected > 0 { throw ImportRolledBack(counts: sink.counts) }
                }
            } catch let rolledBack as ImportRolledBack {
                var counts = ImportCounts()
                counts.rejected = rolledBack.counts.rejected
                print(counts.summary)
                FileHandle.standardError.write(Data("heed: nothing imported: --strict and \(rolledBack.counts.rejected) rejected\n".utf8))
                throw HeedExit(message: "", code: 65)
            } catch let failure as ImportFailure {
                throw HeedExit.usage("\(failure); nothing imported (--strict)")
            }
        } else {
            for file in files {
                do {
                    let counts = try store.importing(now: now) { sink in try read(file, into: sink) }
                    total.add(counts)
                } catch let failure as ImportFailure {
                    FileHandle.standardError.write(Data("heed: \(failure)\n".utf8))
                    unreadable = true
                }
            }
        }
        print(total.summary)
        if unreadable { throw HeedExit(message: "", code: 2) }
        if total.rejected > 0 { throw HeedExit(message: "", code: 65) }
    }

    /// Reads one file (or standard input) into the sink, naming each rejected record.
    private func read(_ file: String, into sink: ImportSink) throws {
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
        try HeedLines.read(fd: fd, file: name) { event in
            switch event {
            case .mention(let mention): try sink.put(mention)
            case .skipped: sink.skip()
            case .rejected(let problem):
                sink.reject()
                FileHandle.standardError.write(Data("heed: rejected \(problem)\n".utf8))
            case .answered, .advice:
                break
            }
        }
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
