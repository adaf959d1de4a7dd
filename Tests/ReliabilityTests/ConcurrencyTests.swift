import Foundation
import HeedCore
import HeedStore
import XCTest

/// Several heeds on one store: interleaved writes, a long import beside a queue, two users
/// answering the same item. No "database is locked" reaches anyone; each item gets one answer.
final class ConcurrencyTests: HeedTestCase {
    func refs(_ prefix: String, _ count: Int) -> [Ref] {
        (0..<count).map { Ref(platform: .mastodon, id: "\(prefix)-\($0)") }
    }

    func testTwoStoresOnOneFileInterleaved() throws {
        try importMentions(prefix: "i", count: 300)
        let stores = [try Store(path: storePath), try Store(path: storePath)]
        let now = Date()
        for (index, ref) in refs("i", 100).enumerated() {
            let first = stores[index % 2], second = stores[1 - index % 2]
            XCTAssertEqual(try first.acknowledge([ref], at: now).changed, [ref])
            XCTAssertEqual(try second.acknowledge([ref], at: now).alreadyAnswered, [ref])
            XCTAssertEqual(try second.markReplied(ref, draft: "d", at: now).alreadyAnswered, [ref])
        }
        // Both at once, every item through both stores in different orders: each changes once.
        let contested = Array(refs("i", 300)[100...])
        let shared = Shared((changed: [[Ref]](repeating: [], count: 2), failures: [String]()))
        let seed = SeededRandom.forTest("ConcurrencyTests", seed: 1).seed
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            var generator = SeededRandom(seed: seed &+ UInt64(side))
            for ref in contested.shuffled(using: &generator) {
                do {
                    let result = try stores[side].acknowledge([ref], at: now)
                    shared.change { $0.changed[side] += result.changed }
                } catch {
                    shared.change { $0.failures.append("\(error)") }
                }
            }
        }
        let (changed, failures) = shared.current
        XCTAssertEqual(failures, [])
        XCTAssertEqual(Set(changed[0]).intersection(changed[1]), [])
        XCTAssertEqual(Set(changed[0] + changed[1]), Set(contested))
        XCTAssertEqual(try stores[0].summary().waiting, 0)
        XCTAssertEqual(try stores[1].summary().waiting, 0)
        let counter = try StoreInspector(path: storePath).waitingCounter()
        XCTAssertEqual(counter.counter, counter.actual)
    }

    /// An import's transaction held for 11 s (longer than SQLite's 10 s busy timeout): `heed
    /// ack` and a queue's `a` wait and then succeed, the queue saying what it waits for;
    /// `heed list` reads meanwhile.
    func testAcknowledgeWaitsForAnImportLongerThanSQLitesTimeout() throws {
        try importMentions(prefix: "w", count: 5)
        let importer = try Store(path: storePath)
        let tmux = try makeTmux()
        try tmux.start(queueCommand())
        try tmux.waitForText("5 waiting")
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let importDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? importer.importing(now: Date()) { _ in
                holding.signal()
                release.wait()
            }
            importDone.signal()
        }
        holding.wait()
        let heldSince = Date()
        let ack = try startHeed(["ack", "mastodon:w-4"])
        try tmux.press("a")
        try tmux.waitForText("Waiting for another heed to finish writing the store")
        let started = Date()
        let list = try runHeed(["list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout.split(separator: "\n").count, 5)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "reading does not wait for the writer")
        // The store stays held past SQLite's own 10 s busy timeout; the check runs while it is
        // still held, so an acknowledge that finishes once the import commits cannot race it.
        let left = 11 - Date().timeIntervalSince(heldSince)
        if left > 0 { Thread.sleep(forTimeInterval: left) }
        XCTAssertFalse(ack.hasExited, "heed ack gave up while the import held the store for 11 s")
        release.signal()
        importDone.wait()
        let result = ack.wait()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "acknowledged 1\n")
        XCTAssertEqual(result.stderr, "heed: waiting for another heed to finish writing \(storePath)…\n", "said once, while it waited")
        let screen = try tmux.waitForText("Acknowledged u0@example.social (u undoes)")
        XCTAssertFalse(screen.contains("locked"), screen)
        let states = try StoreInspector(path: storePath).states()
        XCTAssertEqual(states["mastodon:w-0"]?.state, "acknowledged")
        XCTAssertEqual(states["mastodon:w-4"]?.state, "acknowledged")
    }

    /// An import of many files pauses between them once it has held the store a while, so a
    /// `heed ack` waiting for it gets in long before the whole import ends.
    func testImportOfManyFilesLetsAnAcknowledgeIn() throws {
        try importMentions(prefix: "a", count: 10)
        let files = try (0..<60).map { try writeMentions(prefix: "m\($0)", count: 800, to: directory.appendingPathComponent("m\($0).jsonl").path) }
        let inspector = StoreInspector(path: storePath)
        let importing = try startHeed(["import"] + files)
        try waitUntil("the import's first file", timeout: 30) { try inspector.count(prefix: "m0") > 0 }
        let started = Date()
        let ack = try runHeed(["ack", "mastodon:a-0"])
        XCTAssertEqual(ack.stdout, "acknowledged 1\n", ack.stderr)
        let waited = Date().timeIntervalSince(started)
        XCTAssertFalse(importing.hasExited, "the acknowledge got in while the import was still running (waited \(waited) s)")
        let result = importing.wait()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "imported 48,000, updated 0, unchanged 0, skipped 0, rejected 0\n")
        print("acknowledge during a 60-file import waited \(String(format: "%.2f", waited)) s")
    }

    /// A store that stays busy past heed's patience gives a message that says so, not SQLite's.
    func testBusyForTooLongSaysSo() throws {
        try importMentions(prefix: "b", count: 2)
        let importer = try Store(path: storePath)
        let impatient = try Store(path: storePath, busyTimeout: 0.3)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? importer.importing(now: Date()) { _ in
                holding.signal()
                release.wait()
            }
            done.signal()
        }
        holding.wait()
        defer { release.signal(); done.wait() }
        XCTAssertThrowsError(try impatient.acknowledge([Ref(platform: .mastodon, id: "b-0")], at: Date())) { error in
            let message = StoreError.explaining(error, store: storePath).description
            XCTAssertTrue(message.hasPrefix("the store \(storePath) is busy: another heed has been writing it"), message)
            XCTAssertTrue(message.contains("nothing was changed: try again"), message)
        }
    }

    /// Something other than a file where the turn file goes (a FIFO) never holds a write up:
    /// writes go on without turns.
    func testAFIFOForTheTurnFileNeverHoldsAWrite() throws {
        try importMentions(prefix: "f", count: 1)
        XCTAssertEqual(unlink(storePath + "-turn"), 0)
        XCTAssertEqual(mkfifo(storePath + "-turn", 0o600), 0)
        let store = try Store(path: storePath)
        XCTAssertEqual(try store.acknowledge([Ref(platform: .mastodon, id: "f-0")], at: Date()).changed.count, 1)
        XCTAssertEqual(try store.importing(now: Date()) { _ in }.imported, 0)
    }

    /// A person waiting to write goes before an import's next file, however quickly the import
    /// begins it: SQLite's lock alone would let the import win every race, and the acknowledge
    /// wait for the whole import.
    func testAPersonWaitingToWriteGoesBeforeTheImportsNextFile() throws {
        try importMentions(prefix: "w", count: 2)
        let importer = try Store(path: storePath), person = try Store(path: storePath)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let waiting = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let seen = Shared([String]()), path = storePath
        Thread.detachNewThread {
            _ = try? importer.importing(now: Date()) { _ in
                holding.signal()
                release.wait()
            }
            // The next file begins the moment the first commits.
            _ = try? importer.importing(now: Date()) { _ in
                let state = (try? StoreInspector(path: path).states()["mastodon:w-0"]?.state) ?? "unreadable"
                seen.change { $0.append(state) }
            }
            done.signal()
        }
        holding.wait()
        person.lockWait.whenWaiting { waiting.signal() }
        let acknowledged = Shared(-1)
        Thread.detachNewThread {
            let changed = (try? person.acknowledge([Ref(platform: .mastodon, id: "w-0")], at: Date()).changed.count) ?? 0
            acknowledged.change { $0 = changed }
        }
        waiting.wait()
        release.signal()
        done.wait()
        XCTAssertEqual(seen.current, ["acknowledged"], "the import's second file began before the waiting acknowledge")
        try waitUntil("the acknowledge to return") { acknowledged.current >= 0 }
        XCTAssertEqual(acknowledged.current, 1)
    }
}

/// What users see with two queues open on one store while an import runs.
final class TwoQueuesTests: HeedTestCase {
    func testTwoQueuesAndAnImportGiveOneAnswerAndAClearMessage() throws {
        try importMentions(prefix: "k", count: 10)
        let first = try makeTmux(), second = try makeTmux()
        for queue in [first, second] {
            try queue.start(queueCommand(), width: 140, height: 30)
            try queue.waitForText("10 waiting")
        }
        // Newer than the queue's items, so they never take the top rows the keys below act on.
        let files = try (0..<8).map { try writeMentions(prefix: "n\($0)", count: 3_000, to: directory.appendingPathComponent("n\($0).jsonl").path, daysAgo: 1) }
        let importing = try startHeed(["import"] + files)
        let inspector = StoreInspector(path: storePath)
        try waitUntil("the import's first file", timeout: 30) { try inspector.count(prefix: "n0") > 0 }

        try first.press("a")
        try first.waitForText("Acknowledged u0@example.social")
        try second.press("a")
        try second.waitForText("u0@example.social was already answered elsewhere; nothing changed")
        try first.press("r")
        try first.waitForText("Reply to u1@example.social")
        try first.type("first queue's reply")
        try first.waitForText("first queue's reply")
        try first.press("C-s")
        try first.waitForText("Reply to u1@example.social saved to the outbox")
        try second.press("r")
        try second.waitForText("Reply to u1@example.social")
        try second.type("second queue's reply")
        try second.waitForText("second queue's reply")
        try second.press("C-s")
        let screen = try second.waitForText("u1@example.social was already answered elsewhere; this reply was not saved")
        XCTAssertTrue(screen.contains("second queue's reply"), "the text stays in the composer")

        let result = importing.wait()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "imported 24,000, updated 0, unchanged 0, skipped 0, rejected 0\n")
        for queue in [first, second] { XCTAssertFalse(try queue.screen()?.contains("locked") ?? true) }
        let drafts = OutboxFile(path: outboxPath)
        XCTAssertEqual(drafts.records.count, 1, "one draft, the first queue's; nothing of the second's")
        XCTAssertEqual(drafts.records.first?["text"] as? String, "@u1@example.social first queue's reply")
        let states = try StoreInspector(path: storePath).states()
        XCTAssertEqual(states["mastodon:k-0"]?.state, "acknowledged")
        XCTAssertEqual(states["mastodon:k-1"]?.draft, drafts.records.first?["draft"] as? String)
    }

    /// `heed import -` reads a pipe to its end before it locks the store: a slow writer on the
    /// other end never keeps an acknowledge waiting.
    func testSlowStandardInputDoesNotHoldTheStore() throws {
        try importMentions(prefix: "s", count: 3)
        let fifo = directory.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let lines = try writeMentions(prefix: "p", count: 200, to: directory.appendingPathComponent("p.jsonl").path)
        let text = try String(contentsOfFile: lines, encoding: .utf8).split(separator: "\n")
        var environment = heedEnvironment
        environment["TMPDIR"] = directory.path
        // Held open for writing first (O_RDWR does not wait for a reader), so the child's open
        // of the pipe does not wait for a writer while posix_spawn waits for the child.
        let writer = FileHandle(fileDescriptor: open(fifo, O_RDWR | O_CLOEXEC), closeOnDealloc: true)
        let importing = try Child([heed, "import", "-"], environment: environment, stdinPath: fifo)
        writer.write(Data((text[..<100].joined(separator: "\n") + "\n").utf8))
        try waitUntil("heed reading the first lines") {
            var unread: Int32 = 0
            return ioctl(writer.fileDescriptor, UInt(FIONREAD), &unread) == 0 && unread == 0
        }
        let store = try Store(path: storePath)
        XCTAssertEqual(try store.acknowledge([Ref(platform: .mastodon, id: "s-0")], at: Date()).changed.count, 1)
        XCTAssertFalse(importing.hasExited, "the import is still reading its input")
        writer.write(Data((text[100...].joined(separator: "\n") + "\n").utf8))
        try writer.close()
        let result = importing.wait()
        XCTAssertEqual(result.stdout, "imported 200, updated 0, unchanged 0, skipped 0, rejected 0\n", result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("heed-stdin") }, [], "no copy of the input left behind")
    }
}
