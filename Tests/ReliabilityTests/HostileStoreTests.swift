import Foundation
import GRDB
import HeedCore
import XCTest

/// Stores heed must refuse: written by a newer heed, garbage, truncated, someone else's SQLite
/// file, read-only. Each: exit 1, one line naming the file and what to do, not a byte written.
final class HostileStoreTests: HeedTestCase {
    /// The commands that open the store, each with a small file to import.
    func storeCommands() throws -> [[String]] {
        let file = try writeMentions(prefix: "h", count: 3, to: directory.appendingPathComponent("h.jsonl").path)
        return [["list"], ["ack", "--older-than", "1d"], ["import", file], ["list", "--json", "--all"]]
    }

    /// Runs every store command on `store`: each must exit 1 with one line that names the
    /// store and says `hints` (any of them), and leave the file's bytes as they were.
    func assertRefused(_ store: String, saying hints: [String], asUser prefix: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = bytes(store)
        var environment = heedEnvironment
        environment["HEED_STORE"] = store
        for command in try storeCommands() {
            let result = try Spawn.run(prefix + [heed] + command, environment: environment)
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(result.status, 1, "heed \(command.joined(separator: " ")): \(result.stderr)", file: file, line: line)
            XCTAssertEqual(lines.count, 1, "one line: \(result.stderr)", file: file, line: line)
            XCTAssertTrue(result.stderr.hasPrefix("heed: ") && result.stderr.contains(store), "names the store: \(result.stderr)", file: file, line: line)
            XCTAssertTrue(hints.contains { result.stderr.contains($0) }, "says \(hints): \(result.stderr)", file: file, line: line)
            XCTAssertFalse(result.stderr.contains("SQLite error"), "no raw SQLite error: \(result.stderr)", file: file, line: line)
            XCTAssertEqual(result.stdout, "", file: file, line: line)
        }
        XCTAssertEqual(bytes(store), before, "the file is left as it was", file: file, line: line)
    }

    /// A real store with a few items, checkpointed into its main file (no -wal left).
    func makeStore(items: Int = 20) throws {
        try importMentions(prefix: "s", count: items)
        XCTAssertFalse(FileManager.default.fileExists(atPath: storePath + "-wal"))
    }

    func testNewerHeedStoreIsRefusedUntouched() throws {
        try makeStore()
        let queue = try DatabaseQueue(path: storePath)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99 from the future')") }
        try queue.close()
        try assertRefused(storePath, saying: ["written by a newer heed (schema v99 from the future)"])
        XCTAssertTrue(try runHeed(["list"]).stderr.contains("upgrade heed"))
    }

    func testAStoreWhoseTableWasChangedByHandIsRefusedUntouched() throws {
        try makeStore()
        let queue = try DatabaseQueue(path: storePath)
        try queue.write { try $0.execute(sql: "ALTER TABLE mention DROP COLUMN url") }
        try queue.close()
        try assertRefused(storePath, saying: ["was changed by hand: its table mention is not as heed made it"])
    }

    func testAStoreThatLostAnIndexOrTriggerIsMendedAndSaysSo() throws {
        try makeStore()
        let queue = try DatabaseQueue(path: storePath)
        try queue.write { try $0.execute(sql: "DROP INDEX mention_rank; DROP TRIGGER mention_waiting_update; UPDATE mention SET state = 'acknowledged' WHERE native_id = 's-1'") }
        try queue.close()
        let first = try runHeed(["list"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("its index mention_rank was missing: heed made it again"), first.stderr)
        XCTAssertTrue(first.stderr.contains("its trigger mention_waiting_update was missing: heed made it again and counted the waiting items again"), first.stderr)
        XCTAssertEqual(first.stdout.split(separator: "\n").count, 19, "the waiting items, counted again")
        let again = try runHeed(["list"])
        XCTAssertEqual(again.stderr, "", "mended once and for all")
        XCTAssertTrue(try runHeed(["stats", "--json"]).stdout.contains("\"waiting\":19"), "the counters agree with the rows")
    }

    func testGarbageIsRefusedUntouched() throws {
        var generator = SeededRandom.forTest("HostileStoreTests", seed: 8)
        let garbage = Data((0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: storePath))
        try assertRefused(storePath, saying: ["is not a heed store (file is not a database)"])
    }

    func testTruncatedStoreIsRefusedUntouched() throws {
        try makeStore(items: 3_000)
        let size = bytes(storePath).count
        XCTAssertGreaterThan(size, 200_000)
        XCTAssertEqual(truncate(storePath, off_t(size / 3)), 0)
        try assertRefused(storePath, saying: ["is damaged (database disk image is malformed)"])
        XCTAssertTrue(try runHeed(["list"]).stderr.contains("restore it from a backup"))
    }

    func testSomeoneElsesSQLiteFileIsRefusedUntouched() throws {
        let queue = try DatabaseQueue(path: storePath)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread')")
        }
        try queue.close()
        try assertRefused(storePath, saying: ["is an SQLite database but not a heed store (its tables: recipes)"])
        XCTAssertEqual(try DatabaseQueue(path: storePath).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") }, ["recipes"],
                       "no heed table was added to it")
    }

    func testAnEmptyFileBecomesAStore() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: storePath, contents: nil))
        try importMentions(prefix: "e", count: 2)
        XCTAssertEqual(try StoreInspector(path: storePath).total(), 2)
    }

    /// Root ignores permission bits, so as root heed runs as `nobody` (setpriv) on files that
    /// `nobody` owns; as anyone else the bits apply directly.
    func testReadOnlyStoreFileIsRefusedUntouched() throws {
        try makeStore()
        let prefix = try ownedByRunner()
        chmod(storePath, 0o400)
        try assertRefused(storePath, saying: ["cannot write the store \(storePath): Permission denied"], asUser: prefix)
        XCTAssertTrue(try Spawn.run(prefix + [heed, "list"], environment: heedEnvironment).stderr.contains("chmod u+w"))
        chmod(storePath, 0o600)
        XCTAssertEqual(try StoreInspector(path: storePath).integrity(), ["ok"])
    }

    func testReadOnlyFolderIsRefusedUntouched() throws {
        try makeStore()
        let prefix = try ownedByRunner()
        chmod(directory.path, 0o500)
        defer { chmod(directory.path, 0o700) }
        try assertRefused(storePath, saying: ["its folder \(directory.path) is not writable (Permission denied)"], asUser: prefix)
    }

    /// A read-only file system (a read-only bind mount: EROFS stops root too), when this machine allows mounting.
    func testReadOnlyFileSystemIsRefusedUntouched() throws {
        guard Privileges.canMount else { throw XCTSkip("mounting is not permitted here (needs root with CAP_SYS_ADMIN) for a read-only file system; the setpriv tests cover read-only files") }
        try makeStore()
        let source = directory.appendingPathComponent("data").path
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: storePath, toPath: source + "/store.sqlite")
        let mounted = directory.appendingPathComponent("readonly").path
        cleanups.append(try Privileges.readOnlyBind(source, at: mounted))
        try assertRefused(mounted + "/store.sqlite", saying: ["Read-only file system"])
    }

    /// As root, hands this test's folder and files to `nobody` and returns the setpriv prefix
    /// that runs heed as `nobody`; as anyone else, nothing to do.
    func ownedByRunner() throws -> [String] {
        guard Privileges.isRoot else { return [] }
        guard let prefix = Privileges.asNobody else { throw XCTSkip("running as root without setpriv: root ignores permission bits, so read-only files cannot be tested") }
        for path in [directory.path] + ((try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []).map({ directory.path + "/" + $0 }) {
            XCTAssertEqual(chown(path, 65534, 65534), 0, path)
        }
        return prefix
    }
}
