import Foundation
import TestSupport
import XCTest

/// A store or outbox folder that another user owns, or that group or others can write in, is
/// refused with one line saying what to fix (chown / chmod 700), and nothing in it is read or
/// written: another user could have planted the store's -wal file or the outbox's drafts.
final class ForeignFolderTests: HeedTestCase {
    /// A folder of this test's, given to `nobody` when `foreign`, with `mode`.
    func folder(_ name: String, mode: mode_t = 0o700, foreign: Bool = false) throws -> String {
        let path = directory.appendingPathComponent(name).path
        XCTAssertEqual(mkdir(path, 0o700), 0)
        XCTAssertEqual(chmod(path, mode), 0)
        if foreign {
            guard Privileges.isRoot else { throw XCTSkip("only root can give a folder to another user") }
            XCTAssertEqual(chown(path, 65534, 65534), 0)
        }
        return path
    }

    func environment(store: String? = nil, outbox: String? = nil) -> [String: String] {
        var environment = heedEnvironment
        if let store { environment["HEED_STORE"] = store }
        if let outbox { environment["HEED_OUTBOX"] = outbox }
        return environment
    }

    func testAStoreFolderOfAnotherUserIsRefused() throws {
        let theirs = try folder("theirs", foreign: true)
        let file = try writeMentions(prefix: "f", count: 2, to: directory.appendingPathComponent("f.jsonl").path)
        for command in [["list"], ["import", file], ["stats"]] {
            let result = try runHeed(command, environment: environment(store: theirs + "/store.sqlite"))
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertEqual(result.stderr, "heed: the store's folder: the folder \(theirs) belongs to nobody (uid 65534), not to you (root), and heed uses no folder another user controls: make it yours (chown root \(theirs)) or choose a folder of your own; or name another store with --store\n")
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: theirs), [], "nothing created in it")
    }

    /// Every mode that lets group or others write is refused; the others are used.
    func testAStoreFolderOthersCanWriteInIsRefused() throws {
        let shared = try folder("shared")
        for bits in [0o700, 0o750, 0o755, 0o705, 0o720, 0o702, 0o770, 0o707, 0o777, 0o1777, 0o1770] as [mode_t] {
            XCTAssertEqual(chmod(shared, bits), 0)
            let result = try runHeed(["list"], environment: environment(store: shared + "/store.sqlite"))
            if bits & 0o022 == 0 {
                XCTAssertEqual(result.status, 0, "\(String(bits, radix: 8)): \(result.stderr)")
            } else {
                XCTAssertEqual(result.status, 1, String(bits, radix: 8))
                XCTAssertTrue(result.stderr.contains("(mode \(String(bits, radix: 8))), so another user could plant or swap files in it: make it yours alone (chmod 700 \(shared))"),
                              "\(String(bits, radix: 8)): \(result.stderr)")
            }
        }
    }

    func testAnOutboxFolderOthersControlIsRefusedAndLeftAlone() throws {
        let draft = #"{"record":"draft","draft":"d1","at":"2026-01-02T03:04:05Z","ref":"mastodon:1","platform":"mastodon","in_reply_to":"1","reply_target":{"in_reply_to_id":"1"},"author":"a","text":"planted"}"# + "\n"
        var folders = [try folder("open", mode: 0o777)]
        if Privileges.isRoot { folders.append(try folder("theirs", foreign: true)) }
        for outboxFolder in folders {
            let outbox = outboxFolder + "/outbox.jsonl"
            XCTAssertTrue(FileManager.default.createFile(atPath: outbox, contents: Data(draft.utf8)))
            let output = directory.appendingPathComponent("out.jsonl").path
            for command in [["outbox"], ["export", "-o", output], ["export"]] {
                let result = try runHeed(command, environment: environment(outbox: outbox))
                XCTAssertEqual(result.status, 1, "\(command): \(result.stderr)")
                XCTAssertTrue(result.stderr.hasPrefix("heed: the outbox's folder: the folder \(outboxFolder) "), result.stderr)
                XCTAssertTrue(result.stderr.hasSuffix("; or name another outbox with --outbox\n"), result.stderr)
                XCTAssertEqual(result.stdout, "", "no planted draft is printed or exported")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: output))
            XCTAssertEqual(bytes(outbox), Data(draft.utf8), "left as it was")
        }
    }

    /// The queue does not open on such an outbox folder: one line, exit 1, before any screen.
    func testTheQueueRefusesAnOutboxFolderOthersCanWriteIn() throws {
        try importMentions(prefix: "q", count: 1)
        let open = try folder("open", mode: 0o777)
        let tmux = try makeTmux()
        let command = String(queueCommand(outbox: open + "/outbox.jsonl").dropFirst("exec ".count))
        try tmux.start("\(command); echo EXIT=$?; sleep 60", width: 250)
        try tmux.waitForText("heed: the outbox's folder: the folder \(open) can be written by anyone (mode 777)", "EXIT=1")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: open), [])
    }
}
