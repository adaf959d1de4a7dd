import Foundation
import HeedFiles
import TestSupport
import XCTest

/// `heed export -o PATH` on the real binary, where PATH is not a plain file: a FIFO (with a
/// reader, with none, with one that leaves early), a character device, a symbolic link, a
/// folder, a path whose folder is missing; and standard output full, closed or a pipe that
/// closes. Drafts are marked exported only when every byte was delivered; a FIFO, device or
/// link stays what it was.
final class ExportTargetTests: HeedTestCase {
    /// Writes `count` pending Mastodon drafts of `size` characters each to the outbox.
    func writeDrafts(_ count: Int, size: Int = 20) throws {
        let text = String(repeating: "x", count: size)
        let lines = (0..<count).map { index in
            #"{"record":"draft","draft":"d\#(index)","at":"2026-01-02T03:04:05Z","ref":"mastodon:\#(index)","platform":"mastodon","in_reply_to":"\#(index)","reply_target":{"in_reply_to_id":"\#(index)"},"author":"a","text":"\#(text)"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: outboxPath, atomically: false, encoding: .utf8)
    }

    /// The drafts' statuses, sorted by id.
    func statuses() -> [String] {
        OutboxFile(path: outboxPath).drafts.sorted { $0.key < $1.key }.map(\.value.status)
    }

    func assertNothingMarked(_ count: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(statuses(), Array(repeating: "pending", count: count), "nothing is marked exported", file: file, line: line)
    }

    /// A FIFO with a reader gets the whole export, stays a FIFO, and the drafts are marked.
    func testAFIFOIsWrittenThroughToItsReader() throws {
        try writeDrafts(300, size: 1_000)
        let fifo = directory.appendingPathComponent("poster.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = directory.appendingPathComponent("received").path
        let reader = try Child(["/bin/cat", fifo], stdout: .file(received))
        let result = try runHeed(["export", "-o", fifo])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("heed: exported 300 drafts to \(fifo)"), result.stderr)
        XCTAssertEqual(reader.wait(timeout: 10).status, 0)
        let read = try String(contentsOfFile: received, encoding: .utf8)
        XCTAssertEqual(read.split(separator: "\n").count, 300)
        XCTAssertTrue(read.hasSuffix("\n"))
        XCTAssertEqual(FileKind(at: fifo), .fifo, "still a FIFO, not a regular file")
        XCTAssertEqual(Set(statuses()), ["exported"])
    }

    /// No program reads the FIFO: heed waits 2 s for one, then says so; nothing is marked.
    func testAFIFOWithNoReaderIsOneLineAndNothingMarked() throws {
        try writeDrafts(2)
        let fifo = directory.appendingPathComponent("poster.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let result = try runHeed(["export", "-o", fifo], timeout: 20)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "heed: cannot write \(fifo): no program is reading the FIFO (heed waited 2 s for one); nothing marked exported: start its reader, then export again\n")
        XCTAssertEqual(FileKind(at: fifo), .fifo)
        assertNothingMarked(2)
    }

    /// The reader takes one byte and closes: the write fails with EPIPE (heed is not killed by
    /// SIGPIPE) and nothing is marked.
    func testAReaderThatLeavesEarlyMarksNothing() throws {
        try writeDrafts(300, size: 1_000)
        let fifo = directory.appendingPathComponent("poster.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let reader = try Child(["/bin/sh", "-c", "head -c 1 \"$0\" > /dev/null", fifo])
        let result = try runHeed(["export", "-o", fifo])
        reader.wait(timeout: 10)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "heed: cannot write \(fifo): the program reading the FIFO closed it before everything was written; nothing marked exported: see that its reader reads to the end, then export again\n")
        assertNothingMarked(300)
    }

    /// Character devices are written directly: /dev/null takes everything, /dev/full nothing.
    func testCharacterDevicesAreWrittenDirectly() throws {
        try writeDrafts(3)
        let null = directory.appendingPathComponent("null").path
        let full = directory.appendingPathComponent("full").path
        // Devices 1:3 and 1:7 of the test's own, so /dev is never at stake.
        guard mknod(null, S_IFCHR | 0o666, 0x103) == 0, mknod(full, S_IFCHR | 0o666, 0x107) == 0 else {
            throw XCTSkip("mknod is not permitted here")
        }
        var result = try runHeed(["export", "-o", full])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: cannot write \(full): No space left on device; nothing marked exported: free some space and export again\n")
        assertNothingMarked(3)
        result = try runHeed(["export", "-o", null])
        XCTAssertEqual(result.status, 0, result.stderr)
        for device in [null, full] {
            XCTAssertEqual(FileKind(at: device), .characterDevice, device)
        }
        XCTAssertEqual(Set(statuses()), ["exported"])
    }

    /// A symbolic link (to a link) is followed: its file is replaced in its own folder, whole,
    /// and the links stay links.
    func testASymbolicLinkIsFollowedAndStaysALink() throws {
        try writeDrafts(2)
        let real = directory.appendingPathComponent("posting").path
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try "old export\n".write(toFile: real + "/queue.jsonl", atomically: false, encoding: .utf8)
        let link = directory.appendingPathComponent("out.jsonl").path
        XCTAssertEqual(symlink("posting/queue.jsonl", link + ".2"), 0)
        XCTAssertEqual(symlink(link + ".2", link), 0)
        let result = try runHeed(["export", "-o", link])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), link + ".2")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link + ".2"), "posting/queue.jsonl")
        let lines = try String(contentsOfFile: real + "/queue.jsonl", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix(#"{"draft":"d"#) }, "\(lines)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: real), ["queue.jsonl"], "no temporary file left")
        XCTAssertEqual(try mode(real + "/queue.jsonl"), 0o600)
        XCTAssertEqual(Set(statuses()), ["exported"])
    }

    /// A folder, or a path whose folder is missing: one line saying what to do, nothing written or marked.
    func testAFolderOrAMissingFolderIsRefused() throws {
        try writeDrafts(2)
        let folder = directory.appendingPathComponent("exports").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        var result = try runHeed(["export", "-o", folder])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: cannot write \(folder): it is a folder; nothing marked exported: name a file in it with -o\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
        let missing = directory.appendingPathComponent("no/such/out.jsonl").path
        result = try runHeed(["export", "-o", missing])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: cannot write \(missing): its folder \(directory.path)/no/such does not exist; nothing marked exported: create it, or choose another -o\n")
        assertNothingMarked(2)
    }

    /// Standard output full or closed: one line, exit 1, nothing marked.
    func testAFullOrClosedStandardOutputMarksNothing() throws {
        try writeDrafts(2)
        var result = try Spawn.run([heed, "export"], environment: heedEnvironment, stdout: .file("/dev/full"))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: cannot write to standard output: No space left on device\n")
        assertNothingMarked(2)
        result = try Spawn.run(["/bin/sh", "-c", "exec \"$0\" export >&-", heed], environment: heedEnvironment)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: cannot write to standard output: Bad file descriptor\n")
        assertNothingMarked(2)
    }

    /// Standard output a pipe whose reader leaves: heed ends quietly, as SIGPIPE ends other
    /// tools, and nothing is marked.
    func testAPipeClosedEarlyEndsTheExportQuietly() throws {
        try writeDrafts(300, size: 1_000)
        let status = directory.appendingPathComponent("status").path
        let errors = directory.appendingPathComponent("errors").path
        let script = "{ \"$0\" export 2>\(quoted(errors)); echo $? > \(quoted(status)); } | head -c 1 > /dev/null"
        let result = try Spawn.run(["/bin/sh", "-c", script, heed], environment: heedEnvironment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try String(contentsOfFile: status, encoding: .utf8), "141\n", "ended by SIGPIPE")
        XCTAssertEqual(try String(contentsOfFile: errors, encoding: .utf8), "")
        assertNothingMarked(300)
    }
}
