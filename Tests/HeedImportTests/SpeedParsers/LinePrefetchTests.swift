import Foundation
import HeedCore
@testable import HeedImport
import XCTest

/// Pages one per line parsed ahead on another thread: the same events as parsing each line when
/// it is read, and readers whose lines are not parsed that way stop being parsed ahead.
final class LinePrefetchTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-prefetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        LinePrefetch.shared.isEnabled = true
        try? FileManager.default.removeItem(at: folder)
    }

    /// An event as something to compare (a mention as itself: its description orders a
    /// dictionary as it happens to be laid out).
    enum Seen: Equatable {
        case mention(Mention)
        case other(String)
    }

    func events(_ bytes: [UInt8], prefetch: Bool) throws -> [Seen] {
        let path = folder.appendingPathComponent("f-\(UUID().uuidString)").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        LinePrefetch.shared.isEnabled = prefetch
        defer { LinePrefetch.shared.isEnabled = true }
        var events: [Seen] = []
        try MentionFile.read(fd: fd, file: "f") { event in
            if case .mention(let mention) = event { events.append(.mention(mention)) } else { events.append(.other(String(describing: event))) }
        }
        return events
    }

    static func notification(_ id: Int, text: String) -> String {
        #"{"id":"n\#(id)","type":"\#(id % 4 == 0 ? "favourite" : "mention")","created_at":"2026-11-20T09:00:00.000Z","account":{"id":"\#(id % 7)","acct":"u\#(id % 7)@example.social","display_name":"Zoë \ud83d\ude00","url":"https://example.social/@u"},"status":{"id":"\#(110_000_000_000_000_000 + id)","created_at":"2026-11-20T09:00:00.000Z","in_reply_to_id":null,"visibility":"public","content":"<p>\#(text) #\#(id)</p>","spoiler_text":"","url":"https://example.social/@u/\#(id)","media_attachments":[],"mentions":[{"acct":"b@c"}]}}"#
    }

    func testPagesPerLineGiveTheSameEventsParsedAhead() throws {
        let texts = [#"caf\u00e9 \"q\" &amp; <b>x</b>"#, "日本語 😀", #"tab\tnl\n"#, "plain"]
        var lines: [String] = []
        for page in 0..<40 {
            let records = (0..<(page % 5 + 1)).map { Self.notification(page * 10 + $0, text: texts[($0 + page) % texts.count]) }
            lines.append("[" + records.joined(separator: ",") + "]")
        }
        lines[7] = String(lines[7].dropLast(9))                       // truncated page
        lines[12] = ""                                                 // blank line
        lines[15] = #"{"some":"object","that":"is no page"}"#          // valid JSON, no format
        lines[18] = lines[18].replacingOccurrences(of: #"\ud83d\ude00"#, with: #"\ud83d"#)  // lone surrogate
        lines[21] = lines[3]                                           // the same page again
        lines[25] = "  " + lines[25] + "  \r"                          // blanks and CRLF
        lines[30] = #"[{"id":"n1","type":"mention","account":{},"status":null}]"#
        var bytes = Array(lines.joined(separator: "\n").utf8)
        bytes.append(10)
        let ahead = try events(bytes, prefetch: true)
        let plain = try events(bytes, prefetch: false)
        XCTAssertEqual(ahead, plain)
        XCTAssertGreaterThan(ahead.count, 60)
        let others = ahead.compactMap { if case .other(let text) = $0 { text } else { nil } }
        XCTAssertTrue(others.contains { $0.contains("line 8") && $0.contains("not valid JSON") }, others.joined(separator: "\n"))
        XCTAssertTrue(others.contains { $0.contains("line 19") && $0.contains("not valid JSON") }, others.joined(separator: "\n"))
        // Most pages were parsed ahead.
        let before = LinePrefetch.shared.parsesStarted
        _ = try events(bytes, prefetch: true)
        XCTAssertGreaterThan(LinePrefetch.shared.parsesStarted - before, 30)
    }

    func testReadersThatParseTheirOwnLinesStopBeingParsedAhead() throws {
        let now = Date(timeIntervalSince1970: 1_763_800_000)
        let lines = (0..<500).map { index in
            HeedLines.line(Mention(platform: .mastodon, id: String(index), text: "t \(index)", createdAt: now), now: now)
        }
        let before = LinePrefetch.shared.parsesStarted
        let events = try events(Array((lines.joined(separator: "\n") + "\n").utf8), prefetch: true)
        XCTAssertEqual(events.count, 500)
        XCTAssertLessThanOrEqual(LinePrefetch.shared.parsesStarted - before, LinePrefetch.patience + LinePrefetch.depth + 1)
    }

    func testCSVStopsBeingOfferedSoon() throws {
        let csv = "platform,id,text,created_at\n" + (0..<300).map { "x,\($0),hello \($0),2026-11-20T09:00:00Z" }.joined(separator: "\n") + "\n"
        var reader = try makeReader(csv)
        var offered = 0
        while try reader.nextLine(longest: 1 << 20) != nil { offered += 1 }
        XCTAssertEqual(offered, 301)
        XCTAssertFalse(reader.isPrefetching, "lines that are no pages should soon stop being offered")
    }

    func makeReader(_ text: String) throws -> LineReader {
        let path = folder.appendingPathComponent("r-\(UUID().uuidString)").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let fd = open(path, O_RDONLY)
        addTeardownBlock { close(fd) }
        return LineReader(fd: fd)
    }
}
