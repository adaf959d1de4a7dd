import Foundation
import HeedCore
import XCTest

final class AgeTests: XCTestCase {
    func testWordsUseTwoUnitsLargestFirst() {
        let cases: [(TimeInterval, String)] = [
            (0, "0s"), (42, "42s"), (60, "1m"), (59 * 60 + 59, "59m"), (3_600, "1h"), (3 * 3_600 + 12 * 60, "3h 12m"),
            (86_400, "1d"), (3 * 86_400 + 4 * 3_600 + 59, "3d 4h"), (7 * 86_400, "1w"), (17 * 86_400, "2w 3d"),
            (400 * 86_400, "1y 5w"), (-5, "0s"),
        ]
        for (seconds, words) in cases {
            XCTAssertEqual(Age.words(seconds), words, "\(seconds)")
        }
    }

    func testParseReadsUnitsAndSums() {
        XCTAssertEqual(Age.parse("30d"), 30 * 86_400)
        XCTAssertEqual(Age.parse("90m"), 5_400)
        XCTAssertEqual(Age.parse("1h30m"), 5_400)
        XCTAssertEqual(Age.parse("1d 12h"), 129_600)
        XCTAssertEqual(Age.parse("2w"), 1_209_600)
        XCTAssertNil(Age.parse("30"))
        XCTAssertNil(Age.parse("d"))
        XCTAssertNil(Age.parse("3x"))
        XCTAssertNil(Age.parse(""))
    }
}

final class TimestampTests: XCTestCase {
    func testISOFormsPlatformsWrite() throws {
        let base = 1_763_630_040.0  // 2025-11-20T09:14:00Z
        let cases: [(String, Double)] = [
            ("2025-11-20T09:14:00Z", base),
            ("2025-11-20T09:14:00.940Z", base + 0.94),
            ("2025-11-20T09:14:00.938510Z", base + 0.93851),
            ("2025-11-20T10:14:00+01:00", base),
            ("2025-11-20T09:14:00+0000", base),
            ("2025-11-20T04:14:00-0500", base),
            ("2025-11-20 09:14:00Z", base),
            ("2025-11-20T09:14Z", base),
        ]
        for (text, expected) in cases {
            let date = try XCTUnwrap(Timestamp.parseISO(text), text)
            XCTAssertEqual(date.timeIntervalSince1970, expected, accuracy: 0.000_5, text)
        }
    }

    func testISOWithoutZoneNeedsConsent() {
        XCTAssertNil(Timestamp.parseISO("2025-11-20T09:14:00"))
        XCTAssertEqual(Timestamp.parseISO("2025-11-20T09:14:00", assumeUTC: true)?.timeIntervalSince1970, 1_763_630_040)
    }

    func testRejectsNonsense() {
        for text in ["", "yesterday", "2025-13-01T00:00:00Z", "2025-11-20", "2025-11-20T25:00:00Z", "2025-11-20T09:14:00Zjunk"] {
            XCTAssertNil(Timestamp.parseISO(text), text)
        }
    }

    func testEpochSeconds() {
        XCTAssertEqual(Timestamp.parseEpoch("1763630040")?.timeIntervalSince1970, 1_763_630_040)
        XCTAssertEqual(Timestamp.parseEpoch("1763630040.5")?.timeIntervalSince1970, 1_763_630_040.5)
        XCTAssertNil(Timestamp.parseEpoch("-1"))
        XCTAssertNil(Timestamp.parseEpoch("abc"))
    }

    func testFormatRoundTrips() {
        let date = Date(timeIntervalSince1970: 1_763_630_040.25)
        XCTAssertEqual(Timestamp.format(date), "2025-11-20T09:14:00Z")
        XCTAssertEqual(Timestamp.formatPrecise(date), "2025-11-20T09:14:00.250Z")
        XCTAssertEqual(Timestamp.parseISO(Timestamp.formatPrecise(date)), date)
        XCTAssertEqual(Timestamp.display(date), "2025-11-20 09:14 UTC")
        XCTAssertEqual(Timestamp.format(Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00Z")
    }
}

final class RefTests: XCTestCase {
    func testParsesPlatformAndKeepsColonsInId() {
        XCTAssertEqual(Ref(parsing: "mastodon:109876"), Ref(platform: .mastodon, id: "109876"))
        XCTAssertEqual(Ref(parsing: "bluesky:at://did:plc:x/app.bsky.feed.post/3k")?.id, "at://did:plc:x/app.bsky.feed.post/3k")
        XCTAssertEqual(Ref(parsing: "twitter:1")?.platform, .x)
        XCTAssertNil(Ref(parsing: "nowhere:1"))
        XCTAssertNil(Ref(parsing: "mastodon:"))
        XCTAssertNil(Ref(parsing: "109876"))
    }

    /// A combining mark right after the colon joins it into one character: still a ref.
    func testAnIdStartingWithAMarkStillParses() {
        XCTAssertEqual(Ref(parsing: "mastodon:\u{0301}x"), Ref(platform: .mastodon, id: "\u{0301}x"))
        XCTAssertEqual(Ref(parsing: "mastodon:\u{0301}x")?.description, "mastodon:\u{0301}x")
    }
}

