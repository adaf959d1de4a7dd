import Foundation
import HeedStore
import XCTest

/// Every file heed creates is its owner's alone (files 0600, folders 0700), even under a
/// umask of 0 that would leave anything else open to everyone.
final class FilePermissionTests: HeedTestCase {
    private var savedUmask: mode_t = 0

    override func setUpWithError() throws {
        try super.setUpWithError()
        savedUmask = umask(0)
    }

    override func tearDownWithError() throws {
        umask(savedUmask)
        try super.tearDownWithError()
    }

    /// The environment with no store or outbox named: heed uses its XDG defaults under `data/`.
    var defaultsEnvironment: [String: String] {
        var environment = heedEnvironment
        environment["HEED_STORE"] = nil
        environment["HEED_OUTBOX"] = nil
        return environment
    }

    var heedData: String { directory.appendingPathComponent("data/heed").path }

    func testStoreAndItsFolderAndJournalFiles() throws {
        let file = try writeMentions(prefix: "p", count: 5, to: directory.appendingPathComponent("p.jsonl").path)
        let result = try runHeed(["import", file], environment: defaultsEnvironment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try mode(heedData), 0o700)
        XCTAssertEqual(try mode(heedData + "/heed.sqlite"), 0o600)
        // The -wal and -shm files exist while a store is open.
        let store = try Store(path: heedData + "/heed.sqlite")
        XCTAssertEqual(try store.summary().waiting, 5)
        XCTAssertEqual(try mode(heedData + "/heed.sqlite-wal"), 0o600)
        XCTAssertEqual(try mode(heedData + "/heed.sqlite-shm"), 0o600)
    }

    func testStoreInANewNestedFolder() throws {
        let path = directory.appendingPathComponent("a/b/c/store.sqlite").path
        var environment = heedEnvironment
        environment["HEED_STORE"] = path
        XCTAssertEqual(try runHeed(["list"], environment: environment).status, 0)
        for folder in ["a", "a/b", "a/b/c"] {
            XCTAssertEqual(try mode(directory.appendingPathComponent(folder).path), 0o700, folder)
        }
        XCTAssertEqual(try mode(path), 0o600)
    }

    /// The outbox and the autosave of a reply being typed, made by the real queue in tmux.
    func testOutboxAndAutosaveFromTheQueue() throws {
        try importMentions(prefix: "q", count: 3)
        let outbox = directory.appendingPathComponent("new/folder/outbox.jsonl").path
        let tmux = try makeTmux()
        try tmux.start(queueCommand(outbox: outbox))
        try tmux.waitForText("q quit")
        try tmux.press("r")
        try tmux.waitForText("Reply to u0@example.social")
        try tmux.type("owner only")
        try tmux.waitForText("owner only")
        let autosave = directory.appendingPathComponent("new/folder/autosave").path
        let saved = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: autosave).first { $0.hasSuffix(".json") })
        XCTAssertEqual(try mode(autosave), 0o700)
        XCTAssertEqual(try mode(autosave + "/" + saved), 0o600)
        try tmux.press("C-s")
        try tmux.waitForText("saved to the outbox")
        XCTAssertEqual(try mode(outbox), 0o600)
        XCTAssertEqual(try mode(directory.appendingPathComponent("new/folder").path), 0o700)
        XCTAssertEqual(try mode(directory.appendingPathComponent("new").path), 0o700)
    }

    /// An export's output, written whole through a temporary file.
    func testExportOutput() throws {
        try #"{"record":"draft","draft":"d1","at":"2026-01-02T03:04:05Z","ref":"mastodon:1","platform":"mastodon","in_reply_to":"1","reply_target":{"in_reply_to_id":"1"},"author":"a","text":"hi"}"#
            .appending("\n").write(toFile: outboxPath, atomically: false, encoding: .utf8)
        let output = directory.appendingPathComponent("out.jsonl").path
        let result = try runHeed(["export", "-o", output])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try mode(output), 0o600)
    }

    /// heed reads its config but never creates or rewrites it: no config folder appears, and
    /// an existing config keeps its bytes and its mode.
    func testConfigIsNeverCreatedOrRewritten() throws {
        try importMentions(prefix: "c", count: 2)
        XCTAssertEqual(try runHeed(["list"]).status, 0)
        let config = directory.appendingPathComponent("config").path
        XCTAssertFalse(FileManager.default.fileExists(atPath: config))
        try FileManager.default.createDirectory(atPath: config + "/heed", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let text = "theme = \"light\"\n[handles]\nmastodon = [\"me@example.social\"]\n"
        XCTAssertTrue(FileManager.default.createFile(atPath: config + "/heed/config.toml", contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]))
        XCTAssertEqual(try runHeed(["list"]).status, 0)
        XCTAssertEqual(bytes(config + "/heed/config.toml"), Data(text.utf8))
        XCTAssertEqual(try mode(config + "/heed/config.toml"), 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: config + "/heed"), ["config.toml"])
    }
}
