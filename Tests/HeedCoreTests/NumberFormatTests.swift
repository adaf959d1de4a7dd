import Foundation
import HeedCore
import XCTest

/// One way of writing counts for people everywhere, and JSON that stays safe on a terminal.
final class NumberFormatTests: XCTestCase {
    func testCountsAreGroupedByThousandsWithCommas() {
        XCTAssertEqual(0.grouped, "0")
        XCTAssertEqual(999.grouped, "999")
        XCTAssertEqual(1_000.grouped, "1,000")
        XCTAssertEqual(699_318.grouped, "699,318")
        XCTAssertEqual(1_000_000.grouped, "1,000,000")
        XCTAssertEqual((-12_345).grouped, "-12,345")
        XCTAssertEqual(Int.min.grouped, "-9,223,372,036,854,775,808")
    }

    func testSizesInWords() {
        XCTAssertEqual(1.bytesInWords, "1 byte")
        XCTAssertEqual(812.bytesInWords, "812 bytes")
        XCTAssertEqual(65_536.bytesInWords, "64.0 KiB")
        XCTAssertEqual((50 << 20).bytesInWords, "50.0 MiB")
        XCTAssertEqual(TextLimits.sizeMark(String(repeating: "a", count: 70_000)), "[68.4 KiB] ")
        XCTAssertEqual(TextLimits.sizeMark("short"), "")
    }

    func testJSONEscapesEveryControlAndBidiCharacter() throws {
        var writer = JSONWriter()
        writer.add("t", "a\u{1B}[31m\u{85}\u{9B}\u{202E}\u{2066}\u{200F}\u{061C}\u{7F}z")
        let line = writer.finish()
        XCTAssertEqual(line, #"{"t":"a\u001b[31m\u0085\u009b\u202e\u2066\u200f\u061c\u007fz"}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        XCTAssertEqual(decoded?["t"], "a\u{1B}[31m\u{85}\u{9B}\u{202E}\u{2066}\u{200F}\u{061C}\u{7F}z")
    }

    /// Random strings of the scalars the fast path treats specially, and their neighbours,
    /// decode back exactly, with no control or bidi character left raw.
    func testQuotingRoundTripsAnyText() throws {
        let pool: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{C2}",
                                      "\u{61C}", "\u{600}", "\u{200B}", "\u{200E}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}",
                                      "\u{2066}", "\u{2069}", "\u{206A}", "\u{20AC}", "中", "😀", "\u{E2}"]
        var state: UInt64 = 42
        for _ in 0..<3_000 {
            var scalars = String.UnicodeScalarView()
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 59) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                scalars.append(pool[Int(state >> 33) % pool.count])
            }
            let text = String(scalars)
            var line = ""
            JSONWriter.quote(text, into: &line)
            XCTAssertFalse(line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || [0x200E, 0x200F, 0x061C, 0x2028, 0x2029].contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }, line)
            let decoded = try JSONSerialization.jsonObject(with: Data(("[" + line + "]").utf8)) as? [String]
            XCTAssertEqual(decoded?.first, text, line)
        }
    }
}
