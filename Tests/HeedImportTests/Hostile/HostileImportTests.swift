import Foundation
import GRDB
import HeedConfig
import HeedCore
import HeedImport
import HeedIntake
@testable import HeedStore
import TestSupport
import XCTest

/// Mutated pages through the import path of `heed import` (detection or a named format, every
/// reader, one transaction into a real store on disk): every import ends in time, throws nothing
/// but `ImportFailure`, names a reason and a place for every rejection and every skip, and its
/// counts agree with its events, the fast readers agree with their reference paths; the store
/// stays intact. A bounded run by default, seed printed;
/// `HEED_HOSTILE_ITERATIONS=N` and `HEED_TEST_SEED=S` run it longer or again.
final class HostileImportTests: XCTestCase {
    static let root = SharedFiles.packageRoot
    var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder("heed-hostile")
    }

    /// The pages mutations start from: the fuzzer's seeds, a Mastodon and a Bluesky page, and
    /// the sample pages (required on CI; elsewhere the run goes on without them when missing).
    static func seeds() throws -> [[UInt8]] {
        var folders = [root.appendingPathComponent("Fuzz/Seeds")]
        do { folders.append(try SharedFiles.samples()) } catch is XCTSkip {}
        var pages: [[UInt8]] = [Array("[\(DetectionTests.mastodon("1")),\(DetectionTests.mastodon("2", type: "favourite"))]".utf8)]
        pages.append(Array(#"{"notifications":[{"uri":"at://did:plc:a/app.bsky.feed.post/1","cid":"bafy1","author":{"did":"did:plc:a","handle":"a.bsky.social"},"reason":"reply","record":{"$type":"app.bsky.feed.post","text":"hi","createdAt":"2026-11-20T09:00:00.000Z","reply":{"root":{"uri":"at://r","cid":"c"},"parent":{"uri":"at://p","cid":"d"}}},"indexedAt":"2026-11-20T09:00:01.000Z"}],"cursor":"c"}"#.utf8))
        for folder in folders {
            for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted() where !name.hasSuffix(".md") {
                let url = folder.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                    pages.append(Array(try Data(contentsOf: url)))
                }
            }
        }
        return pages
    }

    func testMutatedPagesNeverBreakTheImportOrTheStore() throws {
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["HEED_HOSTILE_ITERATIONS"].flatMap { Int($0) } ?? 150
        print("HostileImportTests: \(iterations) iterations")
        var generator = SeededRandom.forTest("HostileImportTests")
        let seed = generator.seed
        let pages = try Self.seeds()
        XCTAssertGreaterThanOrEqual(pages.count, 4, "the seed pages were not found under \(Self.root.path)/Fuzz/Seeds")
        let store = try makeSQLiteStore(in: folder, named: "store")
        let formats = ImportFormat.names
        var totals = (mentions: 0, rejected: 0, failed: 0)

        for iteration in 0..<iterations {
            let (input, mutations) = Mutator.mutate(pages.randomElement(using: &generator)!, others: pages, using: &generator)
            let format = Int.random(in: 0..<5, using: &generator) == 0 ? formats.randomElement(using: &generator) : nil
            let path = folder.appendingPathComponent("input-\(iteration)").path
            try Data(input).write(to: URL(fileURLWithPath: path))
            let what = "seed \(seed), iteration \(iteration), \(mutations.joined(separator: " + ")), format \(format ?? "detected"), input kept at \(path)"

            let run = try HostileImport.run(path, format: format, into: store, deadline: 30, what: what)
            try check(run, input: input, format: format, what: what)
            XCTAssertEqual(FastPathOracle.disagreements(input), [], "fast and reference readers disagree: \(what)")
            totals.mentions += run.tally.mentions
            totals.rejected += run.tally.rejected
            if run.failure != nil { totals.failed += 1 }
            if iteration % 25 == 24 || iteration == iterations - 1 { try checkStore(store, what: what) }
            if testRun!.totalFailureCount > 0 { return }
            try FileManager.default.removeItem(atPath: path)
        }
        print("HostileImportTests: \(iterations) files, \(totals.mentions) mentions, \(totals.rejected) rejected, \(totals.failed) files refused whole")
    }

    /// The promises one import keeps.
    func check(_ run: HostileImport.Run, input: [UInt8], format: String?, what: String) throws {
        let tally = run.tally
        if let failure = run.failure {
            XCTAssertFalse(failure.trimmed().isEmpty, "a file refused without a reason: \(what)")
            if let name = format.flatMap(ImportFormat.init(name:)) {
                XCTAssertTrue(failure.contains(": this is not a \(name) file: it looks like "),
                              "a named format refuses only a file that is not of it, and says what it looks like: \(failure); \(what)")
            }
            return
        }
        let counts = try XCTUnwrap(run.counts, what)
        XCTAssertTrue(tally.unnamed.isEmpty, "events without a reason or a place: \(tally.unnamed.prefix(3)); \(what)")
        XCTAssertEqual(counts.skipped, tally.skipped, "skipped: \(what)")
        XCTAssertEqual(counts.rejected, tally.rejected, "rejected: \(what)")
        let stored = counts.imported + counts.updated + counts.unchanged
        XCTAssertTrue((tally.mentions...(tally.mentions + tally.answered)).contains(stored),
                      "\(tally.mentions) mentions and \(tally.answered) answers stored as \(stored): \(what)")
        if format == "jsonl" {
            // heed's JSON Lines: every line that is not blank is one record, and it is accounted for.
            let lines = input.split(separator: 10).map { $0.last == 13 ? $0.dropLast() : $0 }
                .filter { !$0.allSatisfy { $0 == 32 || $0 == 9 } }
            XCTAssertEqual(tally.mentions + tally.skipped + tally.rejected, lines.count, "records of \(lines.count) lines: \(what)")
        }
    }

    /// SQLite finds nothing wrong, and the waiting counter its triggers keep is exact.
    func checkStore(_ store: Store, what: String) throws {
        let (integrity, counter, waiting) = try store.writer.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
             try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'waiting'") ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention WHERE state = 'waiting'") ?? -2)
        }
        XCTAssertEqual(integrity, ["ok"], "integrity_check after \(what)")
        XCTAssertEqual(counter, waiting, "the waiting counter after \(what)")
        XCTAssertEqual(try store.summary().waiting, try store.list(all: false, limit: nil).count, what)
    }
}

/// One import as `heed import` runs it, on a thread of its own so one that never ends is caught.
enum HostileImport {
    /// What an import's events were.
    struct Tally: Sendable {
        var mentions = 0, skipped = 0, rejected = 0, answered = 0
        /// Rejections, skips or advice with no reason or place.
        var unnamed: [String] = []
    }

    /// What one import did: its events, and the store's counts or the reason the file was refused.
    struct Run: Sendable {
        var tally = Tally()
        var counts: ImportCounts?
        var failure: String?
    }

    /// The user's own handles, so own posts are skipped and answer what they reply to.
    static let config = Config(handles: [.mastodon: ["you@example.social"], .x: ["yourname"], .bluesky: ["you.bsky.social"]])

    /// Imports `path` into `store`; fails the process after `deadline` seconds, naming `what`.
    static func run(_ path: String, format: String?, into store: Store, deadline: TimeInterval, what: String) throws -> Run {
        final class Box: @unchecked Sendable { var result: Result<Run, any Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.result = Result { try importFile(path, format: format, into: store) }
            done.signal()
        }
        guard done.wait(timeout: .now() + deadline) == .success else {
            fatalError("an import did not end within \(Int(deadline)) s: \(what)")
        }
        return try box.result!.get()
    }

    /// Reads `path` through `Intake` into the store, as `heed import` does, tallying what the
    /// store is handed and what was said of it.
    static func importFile(_ path: String, format: String?, into store: Store) throws -> Run {
        var run = Run()
        var unnamed: [String] = []
        var intake = Intake(own: config, named: { problem in
            if problem.reason.trimmed().isEmpty || problem.position.trimmed().isEmpty { unnamed.append(problem.description) }
        })
        do {
            run.counts = try store.importing(now: Date()) { sink in
                let tally = TallySink(sink)
                defer { run.tally = tally.tally }
                try intake.read(.path(path), name: path, format: try format.map(ImportFormat.named), into: tally)
            }
        } catch let failure as ImportFailure {
            run.failure = failure.description
        }
        if intake.skipped.counts.keys.contains(where: { $0.trimmed().isEmpty }) { unnamed.append("skipped") }
        if intake.advice.contains(where: { $0.trimmed().isEmpty }) { unnamed.append("advice") }
        run.tally.unnamed = unnamed
        return run
    }
}

/// Hands everything on to the store's sink, counting what it was handed.
final class TallySink: MentionSink {
    let sink: any MentionSink
    var tally = HostileImport.Tally()

    init(_ sink: any MentionSink) { self.sink = sink }

    var counts: ImportCounts { sink.counts }

    func put(_ mention: Mention) throws {
        tally.mentions += 1
        try sink.put(mention)
    }

    func skip() {
        tally.skipped += 1
        sink.skip()
    }

    func reject() {
        tally.rejected += 1
        sink.reject()
    }

    func answered(_ ref: Ref, at date: Date) throws {
        tally.answered += 1
        try sink.answered(ref, at: date)
    }
}
