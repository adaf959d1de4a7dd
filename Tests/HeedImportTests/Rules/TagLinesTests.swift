import Foundation
import HeedCore
@testable import HeedImport
import XCTest

/// Tags and points in heed's JSON Lines: written by `heed list --json` when an item has them,
/// read back (through the general path), refused with a reason when they are not tags.
final class TagLinesTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    func decode(_ line: String) -> Result<Mention, HeedLines.Problem> {
        HeedLines.decode(ArraySlice(line.utf8))
    }

    func testAListedLineReadsBackWithItsTagsAndPoints() throws {
        let mention = Mention(platform: .mastodon, id: "7", author: Author(handle: "a"), text: "hi", createdAt: now.addingTimeInterval(-600),
                              state: .acknowledged(at: now), tags: ["press", "vip"], priority: -3)
        let due = ResponseTargets.Due(target: 3_600_000, elapsed: 600_000)
        let line = HeedLines.line(mention, now: now, due: due)
        XCTAssertTrue(line.hasSuffix(#""waited_seconds":600,"tags":["press","vip"],"priority":-3,"due_seconds":3000}"#), line)
        XCTAssertEqual(try decode(line).get(), mention)
        let plain = HeedLines.line(Mention(platform: .x, id: "1", text: "hi", createdAt: now), now: now)
        XCTAssertFalse(plain.contains("tags") || plain.contains("priority") || plain.contains("due_seconds"), "nothing when there is nothing")
    }

    func testTagsAndPointsAreLeftToTheGeneralPath() {
        let line = #"{"platform":"x","id":"1","text":"hi","created_at":"2026-11-20T09:14:00Z","tags":["Press"]}"#
        XCTAssertNil(Array(line.utf8).withUnsafeBufferPointer { HeedLines.fastMention($0) })
        XCTAssertEqual(try decode(line).get().tags, ["press"])
    }

    func testWhatIsNotATagIsRefusedWithItsReason() {
        func reason(_ fields: String) -> String {
            switch decode(#"{"platform":"x","id":"1","text":"hi","created_at":1763630040,"# + fields + "}") {
            case .success: "read"
            case .failure(let problem): problem.reason
            }
        }
        XCTAssertEqual(reason(#""tags":"a b""#), "read", "tags in one text (as CSV gives them)")
        XCTAssertEqual(reason(#""tags":[1]"#), #"'tags': "1" is not a tag: one word of letters, digits, - _ or ., at most 40 characters"#)
        XCTAssertEqual(reason(#""tags":{"a":1}"#), "'tags' must be a list of tags")
        XCTAssertEqual(reason(#""priority":2.5"#), "'priority' must be a whole number from -1000 to 1000")
        XCTAssertEqual(reason(#""priority":"12""#), "read")
    }
}
