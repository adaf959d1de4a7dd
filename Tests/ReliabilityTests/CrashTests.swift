import Foundation
import HeedCore
import HeedOutbox
import XCTest

/// heed killed with SIGKILL at random points, many times over one store and outbox: in the
/// middle of imports (bulk mode included), exports, outbox appends by two processes, and the
/// queue (acknowledging, replying, composing). After every kill `CrashChecks` must find nothing.
///
/// `HEED_CRASH_TRIALS` sets the number of kills (default 24, about 20 s); `HEED_TEST_SEED`
/// replays a run (the seed is printed first).
final class CrashTests: HeedTestCase {
    /// One kind of work to interrupt.
    enum Kind: String, CaseIterable { case importing, exporting, appending, queue }

    var random = SeededRandom(seed: 1)
    var trial = 0
    /// Measured durations of runs that finished before their kill, to aim the next kills.
    var estimates: [Kind: TimeInterval] = [.importing: 1, .exporting: 0.1, .appending: 0.5]
    /// Items per second of the last import that finished.
    var importRate: Double = 12_000
    var tally: [String: Int] = [:]
    var checks: CrashChecks { CrashChecks(store: storePath, outbox: outboxPath) }

    func testKillAtRandomPoints() throws {
        let environment = ProcessInfo.processInfo.environment
        let trials = environment["HEED_CRASH_TRIALS"].flatMap(Int.init) ?? 24
        print("crash trials: \(trials) (HEED_CRASH_TRIALS=\(trials) with the seed below repeats them)")
        random = SeededRandom.forTest("CrashTests")
        let seed = random.seed
        let started = Date()
        for index in 0..<trials {
            trial = index
            if index % 40 == 0 { try freshFiles() }
            let kind = Kind.allCases[index % Kind.allCases.count]
            var problems: [String]
            let trialStarted = Date()
            do {
                switch kind {
                case .importing: problems = try importTrial()
                case .exporting: problems = try exportTrial()
                case .appending: problems = try appendTrial()
                case .queue: problems = try queueTrial()
                }
            } catch {
                XCTFail("trial \(index) (\(kind.rawValue)) of seed \(seed) stopped: \(error)")
                break
            }
            problems += checks.always()
            if environment["HEED_CRASH_VERBOSE"] != nil {
                print("trial \(index) \(kind.rawValue): \(String(format: "%.2f", Date().timeIntervalSince(trialStarted))) s with its checks")
            }
            if !problems.isEmpty {
                XCTFail("trial \(index) (\(kind.rawValue)) of seed \(seed):\n" + problems.joined(separator: "\n"))
                break
            }
        }
        let summary = tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("crash trials done in \(Int(Date().timeIntervalSince(started))) s: \(summary)")
    }

    /// A new store of 400 waiting items and an empty outbox (every 40 trials, so stores stay small).
    func freshFiles() throws {
        for path in [storePath, storePath + "-wal", storePath + "-shm", outboxPath] { unlink(path) }
        try? FileManager.default.removeItem(atPath: directory.appendingPathComponent("autosave").path)
        try importMentions(prefix: "base\(trial)", count: 400)
    }

    /// Waits a random part of `estimate` (up to 1.2 times it), then kills `child`; true when it
    /// had already finished with status 0.
    func kill(_ child: Child, kind: Kind, estimate: TimeInterval) -> (finished: Bool, result: SpawnResult) {
        let delay = Double.random(in: 0..<(estimate * 1.2), using: &random)
        let started = Date()
        while Date().timeIntervalSince(started) < delay, !child.hasExited {
            usleep(1_000)
        }
        if !child.hasExited { child.killNow() }
        let result = child.wait()
        let finished = result.status == 0
        tally["\(kind.rawValue) \(finished ? "finished" : "killed")", default: 0] += 1
        // Aim at the whole run: a kill stretches the estimate, a finished run sets it.
        estimates[kind] = finished ? Date().timeIntervalSince(started) : estimate * 1.1
        return (finished, result)
    }

    func importTrial() throws -> [String] {
        let bulk = trial % 40 == 4
        let sizes = bulk ? [25_000] : (0..<Int.random(in: 1...3, using: &random)).map { _ in [50, 1_500, 6_000].randomElement(using: &random)! }
        let files = sizes.enumerated().map { (prefix: "t\(trial)f\($0.offset)", count: $0.element) }
        let paths = try files.map { try writeMentions(prefix: $0.prefix, count: $0.count, to: directory.appendingPathComponent("\($0.prefix).jsonl").path) }
        let total = Double(sizes.reduce(0, +))
        let started = Date()
        let (finished, result) = kill(try startHeed(["import"] + paths), kind: .importing, estimate: 0.05 + total / importRate)
        importRate = finished ? total / max(0.01, Date().timeIntervalSince(started) - 0.05) : importRate / 1.1
        if bulk { tally["bulk imports", default: 0] += 1 }
        let whole = files.filter { (try? StoreInspector(path: storePath).count(prefix: $0.prefix)) == $0.count }.count
        if !finished { tally["importing killed with \(whole) of \(files.count) files in", default: 0] += 1 }
        try? paths.forEach { try FileManager.default.removeItem(atPath: $0) }
        return checks.importFiles(files, completed: finished) + (result.stderr.contains("locked") ? [result.stderr] : [])
    }

    func exportTrial() throws -> [String] {
        try appendGhostDrafts(Int.random(in: 20...120, using: &random))
        let exportable = OutboxFile(path: outboxPath).drafts.values.filter { $0.status == "pending" }.count
        let output = directory.appendingPathComponent("export-\(trial).jsonl").path
        let (finished, result) = kill(try startHeed(["export", "-o", output]), kind: .exporting, estimate: estimates[.exporting]!)
        if finished, !FileManager.default.fileExists(atPath: output) { return ["a finished export left no output: \(result.stderr)"] }
        if !finished { tally["exporting killed, output \(FileManager.default.fileExists(atPath: output) ? "complete" : "absent")", default: 0] += 1 }
        return checks.exportOutput(output, drafts: exportable)
    }

    /// Drafts for items no store holds (the queue never sees them; exports do).
    func appendGhostDrafts(_ count: Int) throws {
        let lines = (0..<count).map { index in
            #"{"record":"draft","draft":"g\#(trial)-\#(index)","at":"2026-01-02T03:04:05Z","ref":"mastodon:ghost\#(index)","platform":"mastodon","in_reply_to":"ghost","reply_target":{"in_reply_to_id":"1"},"author":"a","text":"ghost reply \#(index)"}"#
        }
        try Outbox(path: outboxPath).locked { _ in
            let handle = try XCTUnwrap(FileHandle(forWritingAtPath: outboxPath))
            handle.seekToEndOfFile()
            if let last = try? Data(contentsOf: URL(fileURLWithPath: outboxPath)).last, last != 10 { handle.write(Data("\n".utf8)) }
            handle.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            try handle.close()
        }
    }

    /// Two processes appending drafts of up to 8 KB; both killed at random moments.
    func appendTrial() throws -> [String] {
        guard let runner = CommandLine.arguments.first, runner.hasSuffix(".xctest") else {
            tally["appending skipped (the test bundle cannot be started as a child here)", default: 0] += 1
            return []
        }
        let children = try ["a", "b"].map { side in
            var environment = childEnvironment
            environment[OutboxAppenderChild.variable] = "\(outboxPath)|t\(trial)\(side)|60|\(trial + 1)|small"
            return try Child([runner, "ReliabilityTests.OutboxAppenderChild/testAppendAsChild"], environment: environment)
        }
        let estimate = estimates[.appending]!
        let first = Double.random(in: 0..<estimate, using: &random)
        usleep(useconds_t(first * 1_000_000))
        children[0].killNow()
        _ = kill(children[1], kind: .appending, estimate: estimate)
        children[0].wait()
        // Their drafts are then discarded, so pending drafts stay few, as a user's are.
        let theirs = OutboxFile(path: outboxPath).drafts.filter { $0.value.status == "pending" && $0.key.hasPrefix("t\(trial)") }
        try Outbox(path: outboxPath).append(theirs.keys.sorted().map { .discarded(draft: $0, at: Date()) })
        return checks.outboxLines(OutboxFile(path: outboxPath))
    }
}
