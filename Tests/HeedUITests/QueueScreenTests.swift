import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// The queue screen rendered to text and compared line by line.
final class QueueScreenTests: XCTestCase {
    func testQueueAt80x24() {
        let harness = Harness(Sample.three, now: Sample.now)
        XCTAssertEqual(harness.screen, [
            " heed  3 waiting · oldest 3d 4h                                             1/3",
            "   3d 4h  mastodon   alice@example.s… @you is the meetup still on?",
            "      5h  x          kenji_t          返信ありがとうございます！😀",
            "     12m  bluesky    noor.bsky.social line one line two safe",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "─ Alice @alice@example.social ──────────────────────────────────────────────────",
            " mastodon · mention · 2026-11-17 05:14 UTC · waited 3d 4h",
            " https://example.social/@alice@example.social/1",
            "",
            " @you is the meetup still on?",
            "",
            "",
            "",
            "",
            "",
            "",
            " j/k move  a ack  r reply  s snooze  / search  x mark  u undo  ? help  q quit",
        ])
    }

    func testEmptyStoreExplainsWhatToDo() {
        let harness = Harness([], now: Sample.now)
        let screen = harness.screen
        XCTAssertEqual(screen[0], " heed  0 waiting")
        XCTAssertTrue(screen.contains("  Nothing is waiting. Everyone who spoke to you has had an answer."), screen.joined(separator: "\n"))
        XCTAssertTrue(screen.contains("  Bring in mentions:   heed import FILE…   (heed's JSON Lines, - for stdin)"))
        XCTAssertTrue(screen.contains("  Try heed on sample data:   heed demo"))
    }

    func testDetailKeepsLinesAndDropsEscapes() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.press(.character("G"))
        let screen = harness.screen
        XCTAssertTrue(screen.contains(" line one"), screen.joined(separator: "\n"))
        XCTAssertTrue(screen.contains(" line two safe"))
        XCTAssertFalse(screen.joined().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    func testAgesMoveWithTheClock() {
        var harness = Harness(Sample.three, now: Sample.now)
        harness.send(.ticked(Sample.now.addingTimeInterval(3_600)))
        XCTAssertEqual(harness.screen[1], "   3d 5h  mastodon   alice@example.s… @you is the meetup still on?")
        XCTAssertEqual(harness.screen[3], "  1h 12m  bluesky    noor.bsky.social line one line two safe")
    }

    func testTooSmallSaysSoAtEverySize() {
        for (width, height) in [(1, 1), (20, 5), (39, 24), (80, 9), (2, 30)] {
            var harness = Harness(Sample.three, width: 80, height: 24, now: Sample.now)
            harness.send(.resized(width: width, height: height))
            let lines = harness.screen
            XCTAssertEqual(lines.count, height)
            XCTAssertTrue(lines.allSatisfy { Glyphs.width($0) <= width })
            if width >= 18 { XCTAssertTrue(lines.joined(separator: " ").contains("Enlarge the window"), "\(width)x\(height): \(lines)") }
        }
        var harness = Harness(Sample.three, width: 20, height: 5, now: Sample.now)
        harness.send(.resized(width: 80, height: 24))
        XCTAssertEqual(harness.screen[1], "   3d 4h  mastodon   alice@example.s… @you is the meetup still on?")
    }

    func testKeysDoNothingWhileTheScreenIsTooSmallButQuit() {
        var harness = Harness(Sample.three, width: 30, height: 8, now: Sample.now)
        harness.press(.character("a"), .character("r"), .character("j"))
        XCTAssertEqual(harness.state.mode, .queue)
        XCTAssertEqual(harness.queue.waiting.count, 3)
        XCTAssertEqual(harness.state.queue.cursor, 0)
        harness.press(.character("q"))
        XCTAssertTrue(harness.state.quitting)
    }

    func testNarrowTerminalDropsThePlatformColumn() {
        let harness = Harness(Sample.three, width: 50, height: 12, now: Sample.now)
        XCTAssertEqual(harness.screen[1], "   3d 4h  alice@examp… @you is the meetup still …")
    }
}

/// Text of every kind in rows, the detail pane and the composer: the layout never breaks.
final class FidelityTests: XCTestCase {
    static let hard: [Mention] = [
        Sample.mention("1", handle: String(repeating: "名前👨‍👩‍👧é\u{301}", count: 1_000), name: String(repeating: "مرحبا ", count: 2_000),
                       text: "flags 🇯🇵🇳🇿 family 👨‍👩‍👧‍👦 tones 👍🏽👋🏿 keycap 1️⃣ zero\u{200B}width rtl \u{202E}evil\u{202C} مرحبا بالعالم", minutesAgo: 300),
        Sample.mention("2", .x, handle: "a\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}", text: "combining overload a\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}\u{0307} ok", minutesAgo: 200),
        Sample.mention("3", .bluesky, handle: "tab\tand\nnewline", text: String(repeating: "界", count: 5_000), minutesAgo: 100),
    ]

    func testEveryRowFitsItsWidthAtManySizes() {
        for (width, height) in [(40, 10), (41, 11), (57, 13), (80, 24), (101, 40), (200, 50)] {
            var harness = Harness(Self.hard, width: width, height: height, now: Sample.now)
            for keys in [[Key](), [.character("j")], [.character("G")], [.character("r")], [.escape, .character("?")]] {
                for key in keys { harness.send(.keyPressed(key)) }
                let buffer = Views.render(harness.state)
                XCTAssertEqual(buffer.lines().count, height)
                for (row, line) in buffer.lines().enumerated() {
                    XCTAssertLessThanOrEqual(Glyphs.width(line), width, "\(width)x\(height) row \(row): \(line.prefix(40))")
                    XCTAssertFalse(line.unicodeScalars.contains { $0.value < 0x20 || (0x202A...0x202E).contains($0.value) }, "control on row \(row)")
                }
                for y in 0..<height {
                    for x in 0..<width where buffer[x, y].isContinuation {
                        XCTAssertTrue(x > 0 && !buffer[x - 1, y].isContinuation, "a lone half of a wide glyph at \(x),\(y)")
                    }
                }
            }
        }
    }
}
