import Foundation
import XCTest

/// What `heed list` shows of a ref, piped or on a terminal, can be given back to `heed ack`:
/// ids of every kind (controls, bidi, quotes, spaces, backslashes, long Bluesky and YouTube
/// ids) are printed whole in an escaped form that `ack` reads back.
final class RefRoundTripTests: CommandTestCase {
    static let pool: [String] = [
        "a", "Z", "7", ":", "/", ".", "-", "'", "\"", " ", "\t", "\\", "x1b", "u{", "}", "\u{1B}", "\u{1B}[31m", "\u{07}", "\u{7F}",
        "\u{85}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{200F}", "\u{200B}", "\u{200D}", "\u{FE0F}", "\u{0301}", "中", "😀", "é", "$(rm)", "*",
    ]

    /// `count` random ids (reproducible), each different, none empty, no NUL.
    func randomIDs(_ count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var ids: [String] = []
        while ids.count < count {
            let id = (0..<(1 + next(8))).map { _ in Self.pool[next(Self.pool.count)] }.joined()
            if !ids.contains(id), id.trimmingCharacters(in: .whitespacesAndNewlines) == id { ids.append(id) }
        }
        return ids
    }

    func testPipedRefsGoBackToAck() throws {
        let long = "at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kbhx2xqcsx2y-very-long-record-key-that-goes-on"
        let ids = randomIDs(40, seed: 0x12EF) + [long]
        try importObjects(ids.enumerated().map { index, id in item(id, platform: id == long ? "bluesky" : "mastodon", age: Double(1_000 + index)) })
        let listed = try heed(["list"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let refs = listed.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false)[1] }.map(String.init)
        XCTAssertEqual(refs.count, ids.count)
        XCTAssertTrue(refs.contains("bluesky:" + long), "a long ref is printed whole")
        let acked = try heed(["ack"] + refs)
        XCTAssertEqual(acked.status, 0, acked.stderr)
        XCTAssertEqual(acked.stdout, "acknowledged 41\n", acked.stderr)
        XCTAssertEqual(try heed(["list"]).stdout, "", "every item was acknowledged by the ref list printed")
    }

    func testRefsCopiedOffATerminalGoBackToAck() throws {
        let ids = randomIDs(25, seed: 0xBEEF)
        try importObjects(ids.enumerated().map { index, id in item(id, age: Double(1_000 + index)) })
        let (output, status) = try heedOnTerminal(["list"], width: 120)
        XCTAssertEqual(status, 0, output)
        let rows = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.first?.hasPrefix("AGE  REF"), true, "a header row: \(output)")
        // On screen the ref is the column under REF (ages are ASCII, so characters are cells
        // up to it), up to the gap before the author; an escaped ref holds no space.
        let start = try XCTUnwrap(rows.first?.range(of: "REF")).lowerBound.utf16Offset(in: rows[0])
        let refs = rows.dropFirst().map { row in
            String(row.dropFirst(start).prefix { $0 != " " })
        }
        XCTAssertEqual(refs.count, ids.count)
        for ref in refs {
            let result = try heed(["ack", ref])
            XCTAssertEqual(result.stdout, "acknowledged 1\n", "\(ref.debugDescription): \(result.stderr)")
        }
    }
}
