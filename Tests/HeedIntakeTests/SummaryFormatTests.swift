import HeedCore
import HeedStorage
import XCTest

/// The import summary writes its counts as every count for people is written (1,000,000).
final class SummaryFormatTests: XCTestCase {
    func testTheImportSummaryUsesTheSameFormat() {
        var counts = ImportCounts()
        counts.imported = 1_000_000
        counts.skipped = 1_234
        XCTAssertEqual(counts.summary, "imported 1,000,000, updated 0, unchanged 0, skipped 1,234, rejected 0")
    }
}
