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

    func testTheImportSummaryUsesTheSameFormat() {
        var counts = ImportCounts()
        counts.imported = 1_000_000
        counts.skipped = 1_234
        XCTAssertEqual(counts.summary, "imported 1,000,000, updated 0, unchanged 0, skipped 1,234, rejected 0")
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
}
