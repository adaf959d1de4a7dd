import Foundation
import HeedStore
import XCTest

/// A full disk (ENOSPC), simulated by a small tmpfs filled to the last byte (needs mount
/// rights; where they are missing these tests skip and say so, and `ReplyRaceTests` covers the
/// outbox through /dev/full). Each failure is one line naming the file and what to do; nothing
/// already there is lost or overwritten.
final class FullDiskTests: HeedTestCase {
    var full: String { directory.appendingPathComponent("full").path }

    /// Mounts a tmpfs of `kilobytes` at `full`, or skips the test where mounting is not allowed.
    func mountSmallDisk(kilobytes: Int) throws {
        guard Privileges.canMount else { throw XCTSkip("mount -t tmpfs is not permitted here (needs root with CAP_SYS_ADMIN): a full disk is made only as a small filled tmpfs") }
        cleanups.append(try Privileges.mountTmpfs(at: full, kilobytes: kilobytes))
    }

    func testImportIntoAFullDiskIsWhollyOut() throws {
        try mountSmallDisk(kilobytes: 4096)
        var environment = heedEnvironment
        environment["HEED_STORE"] = full + "/store.sqlite"
        let first = try writeMentions(prefix: "in", count: 100, to: directory.appendingPathComponent("in.jsonl").path)
        XCTAssertEqual(try runHeed(["import", first], environment: environment).status, 0)
        let open = try Store(path: full + "/store.sqlite")
        let filler = Privileges.fill(full)
        let big = try writeMentions(prefix: "big", count: 5_000, to: directory.appendingPathComponent("big.jsonl").path)
        let result = try runHeed(["import", big], environment: environment)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "heed: the disk holding the store \(full)/store.sqlite is full; nothing was changed: free some space and try again; nothing of \(big) was imported\n")
        let inspector = StoreInspector(path: full + "/store.sqlite")
        XCTAssertEqual(try inspector.integrity(), ["ok"])
        XCTAssertEqual(try inspector.count(prefix: "big"), 0)
        XCTAssertEqual(try inspector.count(prefix: "in"), 100)
        XCTAssertEqual(try open.summary().waiting, 100)
        unlink(filler)
        let again = try runHeed(["import", big], environment: environment)
        XCTAssertEqual(again.stdout, "imported 5,000, updated 0, unchanged 0, skipped 0, rejected 0\n", again.stderr)
    }

    /// Opening needs room for the -wal and -shm files: on a full disk it says so and writes nothing.
    func testOpeningAStoreOnAFullDisk() throws {
        try mountSmallDisk(kilobytes: 512)
        var environment = heedEnvironment
        environment["HEED_STORE"] = full + "/store.sqlite"
        let file = try writeMentions(prefix: "o", count: 50, to: directory.appendingPathComponent("o.jsonl").path)
        XCTAssertEqual(try runHeed(["import", file], environment: environment).status, 0)
        let before = bytes(full + "/store.sqlite")
        let filler = Privileges.fill(full)
        for command in [["list"], ["ack", "--older-than", "1d"]] {
            let result = try runHeed(command, environment: environment)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertEqual(result.stderr, "heed: the disk holding the store \(full)/store.sqlite is full; nothing was changed: free some space and try again\n")
        }
        XCTAssertEqual(bytes(full + "/store.sqlite"), before)
        unlink(filler)
        XCTAssertEqual(try runHeed(["list"], environment: environment).stdout.split(separator: "\n").count, 50)
    }

    func testExportToAFullDiskLeavesTheEarlierFile() throws {
        try mountSmallDisk(kilobytes: 64)
        try (OutboxLockTests.draftLine + "\n").write(toFile: outboxPath, atomically: false, encoding: .utf8)
        let output = full + "/out.jsonl"
        try "an earlier export, not posted yet\n".write(toFile: output, atomically: false, encoding: .utf8)
        let filler = Privileges.fill(full)
        let result = try runHeed(["export", "-o", output])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: cannot write \(output): No space left on device; nothing marked exported, and any earlier \(output) is as it was: free some space and export again\n")
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), "an earlier export, not posted yet\n")
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: full)), ["out.jsonl", "filler"], "no temporary file left")
        XCTAssertEqual(OutboxFile(path: outboxPath).drafts["d1"]?.status, "pending")
        unlink(filler)
        XCTAssertEqual(try runHeed(["export", "-o", output]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: output, encoding: .utf8).contains(#""draft":"d1""#))
    }

    func testOutboxOnAFullDiskIsLeftAsItWas() throws {
        try mountSmallDisk(kilobytes: 64)
        var environment = heedEnvironment
        environment["HEED_OUTBOX"] = full + "/outbox.jsonl"
        // Exactly one page, so the next append needs a new block (tmpfs has none left).
        let line = OutboxLockTests.draftLine.replacingOccurrences(of: #""text":"hi""#, with: #""text":"hi "# + String(repeating: "x", count: 4095 - OutboxLockTests.draftLine.utf8.count - 1) + #"""#)
        try (line + "\n").write(toFile: full + "/outbox.jsonl", atomically: false, encoding: .utf8)
        XCTAssertEqual(bytes(full + "/outbox.jsonl").count, 4096)
        let before = bytes(full + "/outbox.jsonl")
        _ = Privileges.fill(full)
        let result = try runHeed(["export", "-o", directory.appendingPathComponent("out.jsonl").path], environment: environment)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "heed: cannot write the outbox \(full)/outbox.jsonl: No space left on device; nothing was written: free some space and try again; the drafts were written but not marked exported\n")
        XCTAssertEqual(bytes(full + "/outbox.jsonl"), before)
    }

    /// The composer over a full disk: typing says the text cannot be kept, Ctrl-S says the reply
    /// was not saved and why, the text stays in the composer; once there is room, Ctrl-S saves.
    func testComposerKeepsTheReplyWhenTheOutboxDiskIsFull() throws {
        try mountSmallDisk(kilobytes: 64)
        try importMentions(prefix: "c", count: 2)
        let outbox = full + "/outbox.jsonl"
        let tmux = try makeTmux()
        try tmux.start(queueCommand(outbox: outbox), width: 240, height: 30)
        try tmux.waitForText("2 waiting")
        let filler = Privileges.fill(full)
        try tmux.press("r")
        try tmux.waitForText("Reply to u0@example.social")
        try tmux.type("kept through a full disk")
        try tmux.waitForText("kept through a full disk", "cannot keep the unsaved reply in \(full)/autosave/")
        try tmux.press("C-s")
        let screen = try tmux.waitForText("The reply was not saved: cannot write the outbox \(outbox): No space left on device; nothing was written: free some space and try again")
        XCTAssertTrue(screen.contains("kept through a full disk"), "the text stays in the composer")
        XCTAssertEqual(try StoreInspector(path: storePath).states()["mastodon:c-0"]?.state, "waiting")
        XCTAssertEqual(bytes(outbox), Data())
        unlink(filler)
        try tmux.press("C-s")
        try tmux.waitForText("Reply to u0@example.social saved to the outbox", "1 waiting")
        let drafts = OutboxFile(path: outbox).drafts
        XCTAssertEqual(drafts.values.map(\.ref), ["mastodon:c-0"])
        XCTAssertEqual(try StoreInspector(path: storePath).states()["mastodon:c-0"]?.draft, drafts.keys.first)
    }
}
