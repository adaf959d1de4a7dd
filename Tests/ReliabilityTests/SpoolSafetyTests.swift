import Foundation
import HeedConfig
import HeedFiles
import HeedStore
import TestSupport
import XCTest
@testable import heed

/// The spool never reads what is not a regular file (a FIFO dropped in never blocks it, a link
/// is never followed, a device never opened: each is said once and left where it is), never
/// files anything away through a `done/` or `failed/` that is a link, and takes nothing from a
/// folder another user owns or can write in.
final class SpoolSafetyTests: HeedTestCase {
    var spoolFolder: String { directory.appendingPathComponent("spool").path }
    static let line = #"{"platform":"mastodon","id":"1","text":"hi","created_at":1763630040}"# + "\n"

    func makeSpool() throws -> (Spool, Store, Notices) {
        let store = try Store()
        let notices = Notices()
        return (try Spool(folder: spoolFolder, store: store, config: Config(), notices: notices), store, notices)
    }

    /// Runs one scan on the spool's own kind of thread, failing (instead of hanging) when it
    /// does not end: a scan that opened a FIFO would wait for a writer forever.
    func scan(_ spool: Spool, file: StaticString = #filePath, line: UInt = #line) {
        let done = DispatchSemaphore(value: 0)
        Thread { spool.scan(); done.signal() }.start()
        XCTAssertEqual(done.wait(timeout: .now() + 20), .success, "the scan did not end", file: file, line: line)
    }

    func testWhatIsNotARegularFileIsSkippedOnceAndNeverOpened() throws {
        let (spool, store, notices) = try makeSpool()
        let victim = directory.appendingPathComponent("victim.jsonl").path
        try Self.line.write(toFile: victim, atomically: false, encoding: .utf8)
        XCTAssertEqual(mkfifo(spoolFolder + "/a-fifo.jsonl", 0o600), 0)
        XCTAssertEqual(symlink(victim, spoolFolder + "/b-link.jsonl"), 0)
        let device = mknod(spoolFolder + "/c-device.jsonl", S_IFCHR | 0o600, 0x105) == 0  // /dev/zero's numbers
        try Self.line.write(toFile: spoolFolder + "/d-real.jsonl", atomically: false, encoding: .utf8)
        scan(spool)
        var expected = [
            "Spool: a-fifo.jsonl skipped: it is a FIFO (named pipe); heed reads only regular files (left where it is)",
            "Spool: b-link.jsonl skipped: it is a symbolic link; heed reads only regular files (left where it is)",
        ]
        if device { expected.append("Spool: c-device.jsonl skipped: it is a character device; heed reads only regular files (left where it is)") }
        expected.append("Spool: d-real.jsonl: imported 1, updated 0, unchanged 0, skipped 0, rejected 0")
        XCTAssertEqual(notices.take(), expected)
        XCTAssertEqual(try store.summary().waiting, 1)
        XCTAssertEqual(FileKind(at: spoolFolder + "/a-fifo.jsonl"), .fifo, "left where it is")
        XCTAssertEqual(FileKind(at: spoolFolder + "/b-link.jsonl"), .symbolicLink)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), Self.line, "the link's file is not moved or read")
        XCTAssertEqual(FileKind(at: spoolFolder + "/done/d-real.jsonl"), .regular)
        scan(spool)
        XCTAssertEqual(notices.take(), [], "each is said once")
    }

    /// Moving into `done/` or `failed/` never replaces what is there, and a `.why` name taken
    /// by a link is replaced as a name, never written through.
    func testFilingAwayNeverReplacesOrWritesThroughALink() throws {
        let (spool, _, notices) = try makeSpool()
        let victim = directory.appendingPathComponent("victim").path
        try "victim".write(toFile: victim, atomically: false, encoding: .utf8)
        XCTAssertEqual(mkdir(spoolFolder + "/done", 0o700), 0)
        XCTAssertEqual(mkdir(spoolFolder + "/failed", 0o700), 0)
        try "earlier\n".write(toFile: spoolFolder + "/done/m.jsonl", atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(victim, spoolFolder + "/failed/bad.txt.why"), 0)
        try Self.line.write(toFile: spoolFolder + "/m.jsonl", atomically: false, encoding: .utf8)
        try "not a mention file\n".write(toFile: spoolFolder + "/bad.txt", atomically: false, encoding: .utf8)
        scan(spool)
        XCTAssertEqual(notices.take().count, 2)
        XCTAssertEqual(try String(contentsOfFile: spoolFolder + "/done/m.jsonl", encoding: .utf8), "earlier\n", "not replaced")
        let done = try FileManager.default.contentsOfDirectory(atPath: spoolFolder + "/done").sorted()
        XCTAssertEqual(done.count, 2, "\(done)")
        XCTAssertTrue(done[0].hasSuffix("-m.jsonl"), "\(done)")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "victim", "the link's file is never written")
        XCTAssertEqual(FileKind(at: spoolFolder + "/failed/bad.txt.why"), .regular)
        XCTAssertTrue(try String(contentsOfFile: spoolFolder + "/failed/bad.txt.why", encoding: .utf8).contains("unknown format"))
    }

    func testADoneOrFailedFolderThatIsALinkIsNotFollowed() throws {
        for subfolder in ["done", "failed"] {
            try? FileManager.default.removeItem(atPath: spoolFolder)
            let (spool, store, notices) = try makeSpool()
            let elsewhere = directory.appendingPathComponent("elsewhere-\(subfolder)").path
            XCTAssertEqual(mkdir(elsewhere, 0o700), 0)
            XCTAssertEqual(symlink(elsewhere, spoolFolder + "/" + subfolder), 0)
            try Self.line.write(toFile: spoolFolder + "/m.jsonl", atomically: false, encoding: .utf8)
            scan(spool)
            XCTAssertEqual(notices.take(), ["Spool paused: \(spoolFolder)/\(subfolder) is a symbolic link, which heed does not follow here: remove it (heed makes the folder itself)"])
            XCTAssertEqual(try store.summary().waiting, 0, "nothing taken while it cannot be filed away")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere), [])
            scan(spool)
            XCTAssertEqual(notices.take(), [], "said once")
            // Once the link is gone, the spool goes on by itself.
            XCTAssertEqual(unlink(spoolFolder + "/" + subfolder), 0)
            scan(spool)
            XCTAssertEqual(notices.take(), ["Spool: m.jsonl: imported 1, updated 0, unchanged 0, skipped 0, rejected 0"])
            XCTAssertEqual(FileKind(at: spoolFolder + "/done/m.jsonl"), .regular)
            XCTAssertEqual(try mode(spoolFolder + "/done"), 0o700)
        }
    }

    func testASpoolFolderOthersControlTakesNothing() throws {
        XCTAssertEqual(mkdir(spoolFolder, 0o700), 0)
        XCTAssertEqual(chmod(spoolFolder, 0o777), 0)
        XCTAssertThrowsError(try makeSpool()) { error in
            XCTAssertEqual("\(error)", "Spool off: the folder \(spoolFolder) can be written by anyone (mode 777), so another user could plant or swap files in it: make it yours alone (chmod 700 \(spoolFolder))")
        }
        // Opened while it was fine, then opened to others: it pauses.
        XCTAssertEqual(chmod(spoolFolder, 0o700), 0)
        let (spool, store, notices) = try makeSpool()
        XCTAssertEqual(chmod(spoolFolder, 0o770), 0)
        try Self.line.write(toFile: spoolFolder + "/m.jsonl", atomically: false, encoding: .utf8)
        scan(spool)
        XCTAssertEqual(notices.take(), ["Spool paused: the folder \(spoolFolder) can be written by its group (mode 770), so another user could plant or swap files in it: make it yours alone (chmod 700 \(spoolFolder))"])
        XCTAssertEqual(try store.summary().waiting, 0)
        if Privileges.isRoot {
            XCTAssertEqual(chmod(spoolFolder, 0o700), 0)
            XCTAssertEqual(chown(spoolFolder, 65534, 65534), 0)
            scan(spool)
            XCTAssertEqual(notices.take(), ["Spool paused: the folder \(spoolFolder) belongs to nobody (uid 65534), not to you (root), and heed uses no folder another user controls: make it yours (chown root \(spoolFolder)) or choose a folder of your own"])
            XCTAssertEqual(try store.summary().waiting, 0)
        }
    }

    /// The open queue with a FIFO dropped into its spool before a real file: the real file is
    /// imported and the FIFO said, the spool never blocked.
    func testAFIFOInTheSpoolNeverBlocksTheQueue() throws {
        XCTAssertEqual(mkdir(spoolFolder, 0o700), 0)
        XCTAssertEqual(mkfifo(spoolFolder + "/a-feed.jsonl", 0o600), 0)
        try Self.line.write(toFile: spoolFolder + "/b-real.jsonl", atomically: false, encoding: .utf8)
        let tmux = try makeTmux()
        try tmux.start(queueCommand(), width: 160)
        try tmux.waitForText("q quit")
        try waitUntil("the real file filed in done/", timeout: 20) { FileKind(at: spoolFolder + "/done/b-real.jsonl") == .regular }
        try tmux.waitForText("1 waiting")
        XCTAssertEqual(FileKind(at: spoolFolder + "/a-feed.jsonl"), .fifo)
    }
}
