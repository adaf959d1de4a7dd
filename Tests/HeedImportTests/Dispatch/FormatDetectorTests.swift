import Foundation
@testable import HeedImport
import TestSupport
import XCTest

/// The detector alone decides which reader takes a page: every sample page is claimed by one
/// format at most (so the registration order cannot matter), a page two formats claim is
/// refused naming both, and a page no format claims is described.
final class FormatDetectorTests: XCTestCase {
    /// Every sample page, unwrapped as the import unwraps it, by its path under ../shared/samples.
    func samplePages() throws -> [(String, JSON)] {
        let root = try SharedFiles.samples()
        return try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".js") }
            .map { ($0, try JSON.parse(FormatDetector.unwrap(Data(contentsOf: root.appendingPathComponent($0))))) }
    }

    func testNoSamplePageIsClaimedByTwoFormatsSoOrderCannotMatter() throws {
        let pages = try samplePages()
        XCTAssertGreaterThan(pages.count, 40)
        for (path, page) in pages {
            for item in [page] + (page.array ?? []) {
                let claims = Formats.all.filter { $0.matches(item) }.map { $0.name }
                XCTAssertLessThanOrEqual(claims.count, 1, "\(path): \(claims)")
                let forward = FormatDetector.verdict(item, among: Formats.all)
                let backward = FormatDetector.verdict(item, among: Formats.all.reversed())
                XCTAssertEqual(name(forward), name(backward), path)
            }
        }
    }

    func testAPageTwoFormatsClaimIsRefusedNamingBoth() throws {
        let page = try JSON.parse(Data(#"""
            {"notifications":[
             {"uri":"at://did:plc:a/app.bsky.feed.post/1","cid":"c","author":{"did":"did:plc:a","handle":"a.bsky.social"},"reason":"mention","record":{"text":"hi","createdAt":"2026-11-20T09:00:00.000Z"},"indexedAt":"2026-11-20T09:00:00.000Z"},
             {"action":"COMMENT","notificationId":1,"organizationalEntity":"urn:li:organization:1"}
            ]}
            """#.utf8))
        XCTAssertEqual(Formats.all.filter { $0.matches(page) }.map { $0.name }.sorted(), ["bluesky", "linkedin"])
        XCTAssertEqual(name(FormatDetector.verdict(page)),
                       #"unknown: an object with the keys "notifications" that could be bluesky or linkedin pages"#)
        XCTAssertNil(FormatDetector.format(of: page))
    }

    func testAPageNoFormatClaimsIsDescribedSafely() throws {
        XCTAssertEqual(FormatDetector.describe(try JSON.parse(Data(#"{"hello":"world","b":1}"#.utf8))), #"an object with the keys "b", "hello""#)
        XCTAssertEqual(FormatDetector.describe(try JSON.parse(Data(#"[{"a":1},{"a":2}]"#.utf8))), #"an array of 2 objects (the first with the keys "a")"#)
        XCTAssertEqual(FormatDetector.describe(try JSON.parse(Data(#"[1,"x"]"#.utf8))), "an array of 2 values")
        XCTAssertEqual(FormatDetector.describe(.string("x")), "a single string")
        let hostile = FormatDetector.describe(try JSON.parse(Data(#"{"\u001b]0;owned\u0007":1}"#.utf8)))
        XCTAssertEqual(hostile, #"an object with the keys "\u{1B}]0;owned\u{07}""#)
        XCTAssertFalse(hostile.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    func testTheFirstLineTellsTheLayout() {
        func layout(_ line: String) -> FormatDetector.Layout? { FormatDetector.layout(ofFirstLine: ArraySlice(Array(line.utf8))) }
        XCTAssertEqual(layout(#"{"platform":"x","id":"1","text":"a","created_at":1}"#), .heedLines)
        XCTAssertEqual(layout(#"{"notifications":[],"cursor":"c"}"#), .pagePerLine)
        XCTAssertEqual(layout(#"{"notifications": ["#), .document)
        XCTAssertEqual(layout("window.YTD.tweets.part0 = ["), .document)
        XCTAssertEqual(layout("jsonFlickrApi({"), .document)
        XCTAssertEqual(layout("\u{FEFF}platform,id,text,created_at"), .csv)
        XCTAssertNil(layout("hello there"))
    }

    func name(_ verdict: FormatDetector.Verdict) -> String {
        switch verdict {
        case .format(let format): format.name
        case .unknown(let looks): "unknown: \(looks)"
        }
    }
}
