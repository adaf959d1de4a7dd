import Foundation
import HeedCore
import TestSupport
import XCTest
import Yams

/// X's counting against twitter-text's own conformance suite, read from `../shared/conformance`:
/// every case of the groups that hold for X's v3 configuration, and every URL extraction case.
final class ReplyRulesConformanceTests: XCTestCase {
    func testWeightedLengthWithDiscountedEmojiAsV3() throws {
        try checkCounting(group: "WeightedTweetsWithDiscountedEmojiCounterTest", configuration: .v3)
    }

    func testDirectionalMarkersAndInvalidCharacters() throws {
        try checkCounting(group: "UnicodeDirectionalMarkerCounterTest", configuration: .v3)
    }

    /// The v2 group differs from v3 only in weighing each code point of an emoji: it checks the
    /// same URL and range rules once more.
    func testWeightedLengthAsV2() throws {
        var v2 = TwitterText.Configuration.v3
        v2.emojiParsingEnabled = false
        try checkCounting(group: "WeightedTweetsCounterTest", configuration: v2)
    }

    func testTheBuiltInConfigurationIsV3() throws {
        let data = try Data(contentsOf: try Conformance.file("twitter-text_config_v3.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let v3 = TwitterText.Configuration.v3
        XCTAssertEqual(json["maxWeightedTweetLength"] as? Int, v3.maxWeightedTweetLength)
        XCTAssertEqual(json["scale"] as? Int, v3.scale)
        XCTAssertEqual(json["defaultWeight"] as? Int, v3.defaultWeight)
        XCTAssertEqual(json["transformedURLLength"] as? Int, v3.transformedURLLength)
        XCTAssertEqual(json["emojiParsingEnabled"] as? Bool, v3.emojiParsingEnabled)
        let ranges = try XCTUnwrap(json["ranges"] as? [[String: Int]])
        XCTAssertEqual(ranges.map { [$0["start"], $0["end"], $0["weight"]] }, v3.ranges.map { [Int($0.start), Int($0.end), $0.weight] })
    }

    func testExtractedURLs() throws {
        for group in ["urls", "tco_urls_with_params"] {
            let cases = try Conformance.cases("twitter-text_extract.yml", group)
            var failures: [String] = []
            for item in cases {
                let text = try XCTUnwrap(item["text"] as? String)
                let expected = item["expected"] as? [String] ?? []
                let found = TwitterText.extractURLs(text).map(\.url)
                if found != expected { failures.append("\(item["description"] ?? ""): \(found) ≠ \(expected)") }
            }
            Conformance.report("extract.yml \(group)", cases.count, failures)
        }
    }

    func testExtractedURLsWithIndices() throws {
        for group in ["urls_with_indices", "urls_with_directional_markers"] {
            let cases = try Conformance.cases("twitter-text_extract.yml", group)
            var failures: [String] = []
            for item in cases {
                let text = try XCTUnwrap(item["text"] as? String)
                let expected = (item["expected"] as? [[String: Any]] ?? []).map { "\($0["url"] ?? "") \($0["indices"] ?? "")" }
                let found = TwitterText.extractURLs(text).map { "\($0.url) \(Conformance.codePointIndices($0.range, in: text))" }
                if found != expected { failures.append("\(item["description"] ?? ""): \(found) ≠ \(expected)") }
            }
            Conformance.report("extract.yml \(group)", cases.count, failures)
        }
    }

    /// Every field `parseTweet` returns, for every case of a `validate.yml` group.
    func checkCounting(group: String, configuration: TwitterText.Configuration) throws {
        let cases = try Conformance.cases("twitter-text_validate.yml", group)
        var failures: [String] = []
        for item in cases {
            let text = try XCTUnwrap(item["text"] as? String)
            let expected = try XCTUnwrap(item["expected"] as? [String: Any])
            let result = TwitterText.parse(text, configuration: configuration)
            let got: [String: Any] = [
                "weightedLength": result.weightedLength, "valid": result.isValid, "permillage": result.permillage,
                "displayRangeStart": result.displayRange.start, "displayRangeEnd": result.displayRange.end,
                "validRangeStart": result.validRange.start, "validRangeEnd": result.validRange.end,
            ]
            for key in expected.keys.sorted() where "\(expected[key]!)" != "\(got[key] ?? "nil")" {
                failures.append("\(item["description"] ?? ""): \(key) \(got[key] ?? "nil") ≠ \(expected[key]!)")
            }
        }
        Conformance.report("validate.yml \(group)", cases.count, failures)
    }
}

/// The shared conformance files, from `../shared/conformance` (`SharedFiles`: skipped with the
/// reason when missing, a failure on CI).
enum Conformance {
    /// The file's URL.
    static func file(_ name: String) throws -> URL {
        try SharedFiles.url("conformance/" + name)
    }

    /// The cases of one group of a twitter-text YAML file.
    static func cases(_ name: String, _ group: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: try file(name), encoding: .utf8)
        let root = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        let tests = try XCTUnwrap(root["tests"] as? [String: Any])
        let cases = try XCTUnwrap(tests[group] as? [[String: Any]], "no group \(group) in \(name)")
        XCTAssertFalse(cases.isEmpty, "\(name) \(group) has no cases")
        return cases
    }

    /// Prints the pass count of a group and fails with each case that did not pass.
    static func report(_ suite: String, _ total: Int, _ failures: [String], file: StaticString = #filePath, line: UInt = #line) {
        print("conformance \(suite): \(total - failures.count)/\(total) passed")
        for failure in failures { XCTFail("\(suite): \(failure)", file: file, line: line) }
    }

    /// A UTF-16 range as the suite's `[start, end]` in code points.
    static func codePointIndices(_ range: Range<Int>, in text: String) -> [Int] {
        let utf16 = text.utf16
        func scalars(_ offset: Int) -> Int {
            let index = utf16.index(utf16.startIndex, offsetBy: offset)
            return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
        }
        return [scalars(range.lowerBound), scalars(range.upperBound)]
    }
}
