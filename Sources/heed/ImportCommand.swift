import ArgumentParser
import Foundation
import HeedConfig
import HeedCore
import HeedFiles
import HeedImport
import HeedIntake
import HeedStore

/// `heed import FILE…`: stores every mention, prints one summary line.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import mentions from files (- for standard input).",
        discussion: """
            Reads heed's JSON Lines, CSV with a header row naming heed's fields, and what the platforms' APIs return \
            (the format is detected; --format names it): one page, an array of pages, or pages one after another, \
            compact or pretty-printed. Prints: imported N, updated N, unchanged N, skipped N, rejected N. \
            Rejected records are named on standard error with their file and position (five of a reason, then a count); \
            skipped records are counted by reason. Exit 65 when any record was rejected, 2 when a file cannot be read, \
            holds no mentions heed reads (it says what it holds instead) or is not of the format named.
            """
    )

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("Files to import; - reads standard input.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The format, when detection should not decide; heed is another name for jsonl.", valueName: "format"))
    var format: ImportFormat?

    @Flag(help: "Import nothing if any record is rejected.")
    var strict = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to import (- for standard input)") }
    }

    func run() throws {
        let config = loadConfig(paths)
        let store = try openStore(paths, config: config).store
        let now = Date()
        var run = ImportRun(config: config, format: format, now: now)
        // Standard input is read to its end before the store is locked for its transaction.
        if files.contains("-") { try run.spoolStandardInput() }
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
                try Console().out(counts.summary)
                run.report()
                throw HeedExit(message: "nothing imported: --strict and \(rolledBack.counts.rejected) rejected", code: 65)
            } catch let failure as ImportFailure {
                throw HeedExit.usage("\(failure); nothing imported (--strict)")
            } catch {
                run.finishProgress()
                throw HeedExit.failure("\(store.explaining(error)); nothing imported (--strict)")
            }
        } else {
            // One transaction per file; a queue's write gets in between two (`WriterTurns`).
            for file in files {
                do {
                    total.add(try store.importing(now: now) { sink in try run.read(file, into: sink) })
                } catch let failure as ImportFailure {
                    Console().err("\(failure)")
                    unreadable = true
                } catch {
                    // The store failed (full disk, read-only, busy for too long): this file is
                    // wholly out, the files before it wholly in.
                    run.finishProgress()
                    try Console().out(total.summary)
                    run.report()
                    let name = file == "-" ? "standard input" : file
                    throw HeedExit.failure("\(store.explaining(error)); nothing of \(name) was imported")
                }
            }
        }
        run.finishProgress()
        try Console().out(total.summary)
        run.report()
        if let left = try? store.unindexedCount(), left > 0 {
            Console().err("note: \(left.grouped) items are not indexed for search yet; the next heed (the queue, or heed list --search) indexes them")
        }
        for line in BreachNotifier.afterImport(store: store, config: config) { Console().err(line) }
        if unreadable { throw HeedExit(message: "", code: 2) }
        if total.rejected > 0 { throw HeedExit(message: "", code: 65) }
    }
}

/// The state of one `heed import` around its `Intake`: standard input kept aside, rejections
/// named on standard error as they come, progress on a terminal.
struct ImportRun {
    private var intake: Intake
    let format: ImportFormat?
    let progress: ProgressLine

    /// Rules from config.toml act on the items as of `now`.
    init(config: Config, format: ImportFormat?, now: Date) {
        let progress = ProgressLine()
        self.progress = progress
        self.format = format
        intake = Intake(own: config, namedPerReason: Intake.namedPerReason, named: { problem in
            progress.clear()
            Console().err("rejected \(problem)")
        }, stored: { progress.count() }, rules: RuleSet(rules: config.rules, targets: config.targets), now: now)
    }

    /// Standard input, copied to an unlinked temporary file before the import's transaction
    /// starts (a slow pipe must not keep the store locked); nil until `spoolStandardInput`.
    var spooled: Int32?

    /// Copies standard input to a private temporary file (created exclusively, with no name
    /// once open), so the transaction that reads it holds the store only as long as reading a
    /// file takes.
    /// How much of standard input is looked at before the rest is kept.
    static let sniff = 64 << 10

    mutating func spoolStandardInput() throws {
        if StandardStreams.closedAtStart.contains(STDIN_FILENO) { throw HeedExit.usage("cannot read standard input: it was closed; nothing imported") }
        let folder = PrivateFiles.temporaryFolder
        // Where no temporary file can be made, standard input is read as it comes.
        guard let fd = try? PrivateFiles.createUnnamed(in: folder) else { return }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        // The first bytes are looked at before the rest is kept: endless binary input
        // (`< /dev/zero`, `< /dev/urandom`) is refused at once instead of filling the disk.
        var start: [UInt8] = []
        while true {
            let count = Foundation.read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw HeedExit.usage("cannot read standard input: \(String(cString: strerror(errno))); nothing imported") }
            if count == 0 { break }
            if start.count < Self.sniff {
                start += buffer[0..<min(count, Self.sniff - start.count)]
                if start.count >= Self.sniff, let refusal = FormatDetector.refusal(start: start[...], whole: false) {
                    close(fd)
                    throw HeedExit.usage("<stdin>: \(refusal); nothing imported")
                }
            }
            if let code = buffer[0..<count].withUnsafeBytes({ PrivateFiles.writeAll(fd, $0) }) {
                close(fd)
                throw HeedExit.failure("cannot keep standard input in \(folder): \(String(cString: strerror(code))); nothing imported: free some space there (or set TMPDIR) and try again")
            }
        }
        if start.count < Self.sniff, let refusal = FormatDetector.refusal(start: start[...], whole: true) {
            close(fd)
            throw HeedExit.usage("<stdin>: \(refusal); nothing imported")
        }
        lseek(fd, 0, SEEK_SET)
        spooled = fd
    }

    /// Reads one file (or standard input) into the sink.
    mutating func read(_ file: String, into sink: any MentionSink) throws {
        let source: Intake.Source = file == "-" ? .descriptor(spooled ?? STDIN_FILENO) : .path(file)
        let name = file == "-" ? "<stdin>" : file
        progress.start(name, size: source.size)
        try intake.read(source, name: name, format: format, into: sink, progress: { [progress] in progress.update(bytes: $0) })
    }

    func finishProgress() { progress.clear() }

    /// Skip reasons, rejections not named one by one, and advice, on standard error after the summary.
    func report() {
        for line in intake.notes { Console().err(line) }
    }
}

/// `--format` of `heed import`: heed's formats and every platform's, listed and checked by ArgumentParser.
extension ImportFormat: ExpressibleByArgument {
    /// A name as `--format` takes it, in any case (`heed` for `jsonl`).
    public init?(argument: String) { self.init(name: argument) }

    /// The names help lists and errors offer.
    public static var allValueStrings: [String] { names }
}
