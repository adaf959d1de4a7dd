import Foundation
import TestSupport
import XCTest

/// Input of any size or kind costs `heed import` bounded memory and ends with a clear line:
/// endless devices and binary streams are refused from their first bytes, a record longer than
/// heed reads is refused by its size while the lines around it import, and a JSON array or a
/// CSV file larger than one document is read in parts with every item kept.
final class ImportBoundsTests: HeedTestCase {
    /// Runs `heed import …` with this test's store, standard input from `stdin`.
    func run(_ arguments: [String], stdin: String = "/dev/null") throws -> SpawnResult {
        try Spawn.run([heed, "import"] + arguments, environment: heedEnvironment, stdinPath: stdin)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        return path
    }

    /// One line of heed's JSON Lines.
    func line(_ id: Int, text: String = "hi") -> String {
        #"{"platform":"mastodon","id":"\#(id)","text":"\#(text)","created_at":1763630040,"author":{"handle":"a@x.social"}}"#
    }

    func testEndlessDevicesAreRefusedFromTheirFirstBytesByPathAndOnStandardInput() throws {
        for device in ["/dev/zero", "/dev/urandom"] {
            let byPath = try run([device])
            XCTAssertEqual(byPath.status, 2, device)
            XCTAssertTrue(byPath.stderr.hasPrefix("heed: \(device): this is binary data, not mentions"), byPath.stderr)
            let piped = try run(["-"], stdin: device)
            XCTAssertEqual(piped.status, 2, device)
            XCTAssertEqual(piped.stderr.split(separator: "\n").count, 1, piped.stderr)
            XCTAssertTrue(piped.stderr.hasPrefix("heed: <stdin>: this is binary data, not mentions"), piped.stderr)
            XCTAssertTrue(piped.stderr.hasSuffix("; nothing imported\n"), piped.stderr)
        }
    }

    /// Random bytes can open with a short line of text: what a file is, is told from its first
    /// bytes, not its first line.
    func testBinaryDataOpeningWithALineOfTextIsToldAsBinary() throws {
        for opening in ["\n", "A\n", "\n\nok\r\n", "{", "[\n", "platform,id\n"] {
            let path = directory.appendingPathComponent("opening.bin").path
            var bytes = Array(opening.utf8)
            // Bytes as /dev/urandom gives them: NULs among bytes that are no UTF-8.
            bytes += (0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let result = try run([path])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.hasPrefix("heed: \(path): this is binary data, not mentions"), "\(opening.debugDescription): \(result.stderr)")
        }
        // Text that opens a file after blank lines is still told by its first line.
        let page = try file("page.html", "\n\n<!DOCTYPE html>\n<html><body>hi</body></html>\n")
        XCTAssertTrue(try run([page]).stderr.hasPrefix("heed: \(page): this is an HTML page"))
    }

    func testARecordLongerThanHeedReadsIsRefusedByItsSizeAndTheOthersImport() throws {
        // The long record is last and has no newline: it is read to its end, never kept.
        let long = line(2, text: String(repeating: "a", count: 20 << 20))
        let path = try file("long.jsonl", line(1) + "\n" + line(3) + "\n" + long)
        let result = try run([path])
        XCTAssertEqual(result.stdout, "imported 2, updated 0, unchanged 0, skipped 0, rejected 1\n")
        XCTAssertEqual(result.stderr, "heed: rejected \(path):line 3: a record of 20.0 MiB, longer than heed reads (16 MiB)\n")
    }

    func testAJSONArrayLargerThanOneDocumentImportsEveryItemInParts() throws {
        // One Mastodon page of 20,000 notifications on a single line: over 16 MiB.
        let page = "[" + (1...20_000).map { Pages.mastodon(String($0), html: "<p>" + String(repeating: "w", count: 600) + "</p>") }.joined(separator: ",") + "]"
        XCTAssertGreaterThan(page.utf8.count, 16 << 20)
        let path = try file("page.json", page)
        let result = try run([path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "imported 20,000, updated 0, unchanged 0, skipped 0, rejected 0\n")
    }

    func testACSVFileLargerThanOneDocumentStreamsEveryRow() throws {
        let rows = (1...6_000).map { #"mastodon,\#($0),"row \#($0), with ""quotes"" and a comma \#(String(repeating: "z", count: 3_000))",2026-11-20T09:00:00Z"# }
        XCTAssertGreaterThan(rows.joined().utf8.count, 16 << 20)
        let path = try file("big.csv", "platform,id,text,created_at\n" + rows.joined(separator: "\n") + "\n")
        let result = try run([path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "imported 6,000, updated 0, unchanged 0, skipped 0, rejected 0\n")
    }
}
