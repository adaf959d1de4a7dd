import Foundation
import HeedConfig
import HeedCore
import HeedStore
import XCTest
@testable import heed

/// A file dropped in the spool folder meets the same `[[rules]]` as `heed import`: through the
/// one `Intake`, journaled, undone a rule at a time.
final class SpoolRulesTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-spool-rules-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func testRulesActOnWhatTheSpoolTakes() throws {
        let (config, problems) = Config.parse("""
            [[rules]]
            when = "from:spammer"
            then = ["ack"]
            [[rules]]
            when = "invoice"
            then = ["tag:billing", "snooze:2h"]
            """, file: "c.toml")
        XCTAssertEqual(problems, [])
        let store = try Store()
        let spool = try Spool(folder: folder + "/spool", store: store, config: config, notices: Notices())
        try Data("""
            {"platform":"x","id":"1","author":{"handle":"spammer"},"text":"buy now","created_at":1763630040}
            {"platform":"x","id":"2","author":{"handle":"client"},"text":"where is my invoice?","created_at":1763630040}
            {"platform":"x","id":"3","author":{"handle":"friend"},"text":"hello","created_at":1763630040}
            """.utf8).write(to: URL(fileURLWithPath: folder + "/spool/page.jsonl"))
        XCTAssertEqual(spool.take("page.jsonl"), "Spool: page.jsonl: imported 3, updated 0, unchanged 0, skipped 0, rejected 0")
        XCTAssertEqual(try store.page(.first(10)).map(\.mention.id), ["3"])
        let invoice = try XCTUnwrap(store.item(Ref(platform: .x, id: "2")))
        XCTAssertEqual(invoice.mention.tags, ["billing"])
        guard case .snoozed = invoice.mention.state else { return XCTFail("\(invoice.mention.state)") }
        XCTAssertEqual(try store.undoLast()?.detail, "rule 2 (invoice → tag:billing, snooze:2h)")
        XCTAssertEqual(try store.undoLast()?.detail, "rule 1 (from:spammer → ack)")
        XCTAssertEqual(try store.page(.first(10)).map(\.mention.id), ["1", "2", "3"])
    }
}
