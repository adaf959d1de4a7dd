import Foundation
import TestSupport
import XCTest

/// The commands on a team store: a URL is a team store (never a file name), no password ever
/// shows in a message, `heed store copy` moves a whole store both ways, `heed stats --by person`.
final class TeamCommandTests: XCTestCase {
    var folder: URL!
    var heed: String!

    override func setUpWithError() throws {
        guard let path = HeedBinary.path else { throw SpawnError(description: HeedBinary.missing) }
        heed = path
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-teamcmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs heed in the test's folder with a home of its own there.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> SpawnResult {
        var environment = Teammates.environment(home: folder)
        for (key, value) in extra { environment[key] = value }
        return try Spawn.run(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder.path, heed] + arguments, environment: environment, timeout: 120)
    }

    func testAURLIsATeamStoreAndItsPasswordIsNeverShown() throws {
        // Given a URL with a password to a port nothing listens on.
        for url in ["postgres://ana:hunter2@127.0.0.1:1/team", "postgresql://ana:hunter2@127.0.0.1:1/team"] {
            let result = try run(["list", "--store", url])
            // Then it fails in one line naming the store without its password, and makes no folder.
            XCTAssertEqual(result.status, 1)
            XCTAssertTrue(result.stderr.hasPrefix("heed: cannot reach the team store postgres://ana@127.0.0.1:1/team: "), result.stderr)
            XCTAssertFalse(result.stderr.contains("hunter2"), result.stderr)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        }
        let viaEnvironment = try run(["ack", "mastodon:1"], environment: ["HEED_STORE": "postgres://ana@127.0.0.1:1/team", "PGPASSWORD": "hunter2"])
        XCTAssertEqual(viaEnvironment.status, 1)
        XCTAssertFalse(viaEnvironment.stderr.contains("hunter2"), viaEnvironment.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "nothing made in the current folder")
        let bad = try run(["list", "--store", "postgres://ana:hunter2@host/db?sslmode=sometimes"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertFalse(bad.stderr.contains("hunter2"), bad.stderr)
    }

    func testStoreCopyGoesBothWaysAndRefusesAFullTarget() throws {
        // Given a SQLite store with states, an assignment and a draft in its outbox.
        let url = try PostgresServer.freshStore()
        let file = folder.appendingPathComponent("mine.sqlite").path
        let outbox = folder.appendingPathComponent("outbox.jsonl").path
        let lines = (0..<5).map { #"{"platform":"mastodon","id":"\#($0)","text":"hello \#($0)","created_at":\#(1_763_800_000 + $0)}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder.appendingPathComponent("in.jsonl").path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["import", "--store", file, "in.jsonl"]).status, 0)
        XCTAssertEqual(try run(["ack", "--store", file, "mastodon:1"]).stdout, "acknowledged 1\n")
        XCTAssertEqual(try run(["assign", "--store", file, "mastodon:2", "--to", "ben"]).stdout, "assigned 1 to ben\n")
        let draft = #"{"record":"draft","draft":"d1","at":"2025-11-22T08:30:00Z","ref":"mastodon:3","platform":"mastodon","in_reply_to":"3","reply_target":{},"text":"thanks"}"#
        try (draft + "\n").write(toFile: outbox, atomically: true, encoding: .utf8)
        // When it is copied to the team store and back into a new file.
        let there = try run(["store", "copy", "--outbox", outbox, file, url])
        XCTAssertEqual(there.status, 0, there.stderr)
        XCTAssertTrue(there.stdout.hasPrefix("copied 5 items, 0 answers made elsewhere, 2 actions of the journal, 1 draft into postgres://"), there.stdout)
        let back = folder.appendingPathComponent("back.sqlite").path
        let outboxBack = folder.appendingPathComponent("back.jsonl").path
        let again = try run(["store", "copy", "--outbox", outboxBack, url, back])
        XCTAssertEqual(again.status, 0, again.stderr)
        // Then the three list the same, and the team store and the new outbox hold the draft.
        func listing(_ store: String) throws -> [String] {
            try run(["list", "--json", "--all", "--store", store]).stdout.split(separator: "\n").map { $0.replacingOccurrences(of: #""waited_seconds":\d+"#, with: "", options: .regularExpression) }
        }
        XCTAssertEqual(try listing(url), try listing(file))
        XCTAssertEqual(try listing(back), try listing(file))
        XCTAssertEqual(try run(["outbox", "--store", url]).stdout, try run(["outbox", "--outbox", outbox]).stdout)
        XCTAssertTrue(try String(contentsOfFile: outboxBack, encoding: .utf8).contains(#""text":"thanks""#))
        XCTAssertEqual(try run(["list", "--store", back, "--search", "assignee:ben"]).stdout.split(separator: "\n").count, 1)
        // And a copy into a store that holds items is refused unless told to merge.
        let full = try run(["store", "copy", "--outbox", outbox, file, url])
        XCTAssertEqual(full.status, 1)
        XCTAssertTrue(full.stderr.contains("holds 5 items already; copy into an empty store, or add --merge"), full.stderr)
        let merged = try run(["store", "copy", "--merge", "--outbox", outbox, file, url])
        XCTAssertTrue(merged.stdout.hasPrefix("copied 0 items (5 already there, kept as they were)"), merged.stdout)
    }

    func testStatsByPerson() throws {
        let url = try PostgresServer.freshStore()
        let lines = (0..<3).map { #"{"platform":"x","id":"\#($0)","text":"hi","created_at":\#(Int(Date().timeIntervalSince1970) - 3_600)}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder.appendingPathComponent("in.jsonl").path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["import", "--store", url, "in.jsonl"]).status, 0)
        for (person, ref) in [("ana", "x:0"), ("ana", "x:1"), ("ben", "x:2")] {
            let config = folder.appendingPathComponent("\(person).toml").path
            try "[team]\nme = \"\(person)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            XCTAssertEqual(try run(["ack", "--store", url, "--config", config, ref]).status, 0)
        }
        let table = try run(["stats", "--by", "person", "--store", url])
        XCTAssertEqual(table.stdout.split(separator: "\n").prefix(4).map { $0.split(separator: " ").prefix(3).joined(separator: " ") },
                       ["By person", "answered replied acknowledged", "ana 2 0", "ben 1 0"])
        let json = try run(["stats", "--by", "person", "--json", "--store", url])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let people = try XCTUnwrap(object["people"] as? [[String: Any]])
        XCTAssertEqual(people.map { $0["person"] as? String }, ["ana", "ben"])
        XCTAssertEqual(people.map { $0["acknowledged"] as? Int }, [2, 1])
    }
}
