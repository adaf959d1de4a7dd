import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// Text far larger than a screen: drawn from its start with its size said, at a screenful's
/// cost; saved replies that cannot be used say why; config problems keep their place.
final class HugeTextScreenTests: XCTestCase {
    /// 50 MiB of text in one item.
    static let huge = String(repeating: "0123456789abcdef", count: (50 << 20) / 16)

    func testAFiftyMegabyteTextIsShownCutWithItsSize() {
        let mentions = [Sample.mention("big", handle: "flood", text: Self.huge, minutesAgo: 10 * 1440)] + Sample.three
        let harness = Harness(mentions, width: 80, height: 24)
        let screen = harness.screen
        XCTAssertEqual(screen[1], "   1w 3d  mastodon   flood            0123456789abcdef0123456789abcdef01234567…")
        XCTAssertTrue(screen.contains(" The text is 50.0 MiB: its start is shown; heed list --json gives it whole"), screen.joined(separator: "\n"))
        XCTAssertTrue(screen.contains(" " + String(Self.huge.prefix(78))), screen.joined(separator: "\n"))
    }

    func testASavedReplyThatCannotBeUsedSaysWhyAndInsertsNothing() {
        var harness = Harness(width: 70, height: 12)
        harness.outbox.templates = [
            Template(name: "huge", text: "", problem: "is 100.0 MiB, over the 64.0 KiB heed reads: left unread"),
            Template(name: "thanks", text: "Thanks {author}!"),
        ]
        harness.press(.character("r"), .control("t"))
        XCTAssertEqual(harness.screen[4], "  huge                    (is 100.0 MiB, over the 64.0 KiB heed read…")
        harness.press(.enter)
        XCTAssertEqual(harness.state.status?.text, "Saved reply huge is 100.0 MiB, over the 64.0 KiB heed reads: left unread")
        XCTAssertEqual(harness.text, "@alice@example.social ")
        XCTAssertNotNil(harness.state.composer?.picker, "the list stays open")
    }

    func testAConfigProblemSaidAtStartKeepsItsPlaceBeforeAThemeProblem() {
        var state = AppState(width: 80, height: 24, now: Sample.now)
        state.status = .init(text: "Config: c.toml:3 (views.x): unknown filter y:", isError: true)
        _ = Reducer.reduce(&state, .themeLoaded(ThemeChoice(name: "dark", names: ["dark"], problems: ["t.toml: no theme named 'z'"])))
        XCTAssertEqual(state.status?.text, "Config: c.toml:3 (views.x): unknown filter y: · Theme: t.toml: no theme named 'z'; using dark")
    }
}
