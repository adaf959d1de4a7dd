import Foundation
import HeedCore
import HeedOutbox
import XCTest

/// The outbox is appended under `flock`: a heed waits for another's lock, two processes
/// appending at once never interleave, and a line torn by a crash is ended, then reported.
final class OutboxLockTests: HeedTestCase {
    static let draftLine = #"{"record":"draft","draft":"d1","at":"2026-01-02T03:04:05Z","ref":"mastodon:1","platform":"mastodon","in_reply_to":"1","reply_target":{"in_reply_to_id":"1"},"author":"a","text":"hi"}"#

    /// The test holds the outbox's lock; `heed export` blocks on it (as /proc/locks shows),
    /// writes nothing meanwhile, and finishes once the lock is released.
    func testHeedWaitsForAnotherHoldersLock() throws {
        guard FileManager.default.fileExists(atPath: "/proc/locks") else { throw XCTSkip("no /proc/locks (Linux only): a process waiting for a lock cannot be seen without it") }
        try (Self.draftLine + "\n").write(toFile: outboxPath, atomically: false, encoding: .utf8)
        let fd = open(outboxPath, O_RDWR | O_CLOEXEC)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        var info = stat()
        fstat(fd, &info)
        let before = bytes(outboxPath)
        let output = directory.appendingPathComponent("out.jsonl").path
        let export = try startHeed(["export", "-o", output])
        try waitUntil("heed export waiting for the outbox lock") {
            let locks = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
            return locks.split(separator: "\n").contains { $0.contains("-> FLOCK") && $0.contains(" \(export.pid) ") && $0.hasSuffix(":\(info.st_ino) 0 EOF") }
        }
        XCTAssertEqual(bytes(outboxPath), before, "nothing written while the lock is held")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        flock(fd, LOCK_UN)
        close(fd)
        let result = export.wait()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(OutboxFile(path: outboxPath).drafts["d1"]?.status, "exported")
    }

    /// Two processes append 60 records each, 1 byte to 200 KB of text, at the same time.
    func testTwoProcessesAppendingAtOnce() throws {
        guard let runner = CommandLine.arguments.first, runner.hasSuffix(".xctest") else {
            throw XCTSkip("the test bundle cannot be started as a child here (\(CommandLine.arguments.first ?? "?")): the second appending process is that child")
        }
        let seed = SeededRandom.forTest("OutboxLockTests", seed: 1).seed
        let children = try ["left", "right"].enumerated().map { index, tag in
            var environment = childEnvironment
            environment[OutboxAppenderChild.variable] = "\(outboxPath)|\(tag)|60|\(seed &+ UInt64(index))"
            return try Child([runner, "ReliabilityTests.OutboxAppenderChild/testAppendAsChild"], environment: environment)
        }
        for child in children {
            let result = child.wait(timeout: 60)
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        }
        let file = OutboxFile(path: outboxPath)
        XCTAssertEqual(file.bad.count, 0, "no torn or interleaved line: \(file.bad.map { "\($0.0): \($0.1.prefix(80))" })")
        XCTAssertFalse(file.endsMidLine)
        for (index, tag) in ["left", "right"].enumerated() {
            let mine = file.records.filter { ($0["draft"] as? String)?.hasPrefix(tag + "-") ?? false }
            XCTAssertEqual(mine.map { $0["draft"] as? String }, (0..<60).map { "\(tag)-\($0)" }, "all, in order")
            var generator = SeededRandom(seed: seed &+ UInt64(index))
            for record in mine {
                XCTAssertEqual(record["text"] as? String, OutboxAppenderChild.text(tag, using: &generator))
            }
        }
    }

    /// A crash left half a record at the end: `heed outbox` names it, the next append (an
    /// export marking its drafts) starts on a line of its own, and the fragment stays reported.
    func testTornLineIsEndedAndReported() throws {
        try (Self.draftLine + "\n" + #"{"record":"draft","draft":"d2","at":"2026-01-02T03:"#).write(toFile: outboxPath, atomically: false, encoding: .utf8)
        var result = try runHeed(["outbox"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "heed: outbox \(outboxPath) line 2: a half-written line (from an interrupted write); skipped\n")
        XCTAssertTrue(result.stdout.contains("d1"))
        result = try runHeed(["export", "-o", directory.appendingPathComponent("out.jsonl").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("line 2: a half-written line"), result.stderr)
        let file = OutboxFile(path: outboxPath)
        XCTAssertEqual(file.bad.map(\.0), [2], "only the fragment is unreadable")
        XCTAssertEqual(file.records.last?["record"] as? String, "exported", "the export's record was not glued onto it")
        XCTAssertFalse(file.endsMidLine)
        result = try runHeed(["outbox"])
        XCTAssertEqual(result.stderr, "heed: outbox \(outboxPath) line 2: a half-written line (from an interrupted write); skipped\n")
    }

    /// A draft appended and then not confirmed is cut off: the file is byte for byte as before.
    func testUnconfirmedAppendIsTakenBack() throws {
        let outbox = Outbox(path: outboxPath)
        try (Self.draftLine + "\n" + #"{"record":"draft","dr"#).write(toFile: outboxPath, atomically: false, encoding: .utf8)
        let before = bytes(outboxPath)
        let draft = Draft(id: "d9", ref: Ref(platform: .mastodon, id: "9"), replyTarget: [:], author: nil, text: "maybe", createdAt: Date())
        XCTAssertFalse(try outbox.append([.draft(draft)]) { false })
        XCTAssertEqual(bytes(outboxPath), before)
        struct Refused: Error {}
        XCTAssertThrowsError(try outbox.append([.draft(draft)]) { throw Refused() })
        XCTAssertEqual(bytes(outboxPath), before)
        XCTAssertTrue(try outbox.append([.draft(draft)]) { true })
        XCTAssertEqual(try outbox.read().drafts.map(\.id), ["d1", "d9"])
    }
}

/// The child of `testTwoProcessesAppendingAtOnce`: appends records through `Outbox` when
/// started with `HEED_REL_APPEND=path|tag|count|seed[|small]`; skipped in an ordinary run.
final class OutboxAppenderChild: XCTestCase {
    static let variable = "HEED_REL_APPEND"

    /// The text of a tag's next record: 1 byte to 200 KB (to 8 KB when `small`).
    static func text(_ tag: String, small: Bool = false, using generator: inout SeededRandom) -> String {
        let sizes = small ? [1, 100, 1_000, 8_000] : [1, 100, 5_000, 70_000, 200_000]
        let size = sizes[Int.random(in: 0..<sizes.count, using: &generator)]
        return String(repeating: String(tag.prefix(1)), count: size)
    }

    func testAppendAsChild() throws {
        guard let value = ProcessInfo.processInfo.environment[Self.variable] else {
            throw XCTSkip("not a test on its own: the appending child process of OutboxLockTests.testTwoProcessesAppendingAtOnce runs it")
        }
        let parts = value.split(separator: "|").map(String.init)
        let outbox = Outbox(path: parts[0])
        var generator = SeededRandom(seed: UInt64(parts[3]) ?? 1)
        for index in 0..<(Int(parts[2]) ?? 0) {
            let draft = Draft(id: "\(parts[1])-\(index)", ref: Ref(platform: .mastodon, id: "\(index)"), replyTarget: [:], author: nil,
                              text: Self.text(parts[1], small: parts.count > 4, using: &generator), createdAt: Date())
            try outbox.append([.draft(draft)])
        }
    }
}
