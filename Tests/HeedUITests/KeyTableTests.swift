import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// The key table drives dispatch, every key bar and the help screen; its names are what a
/// remapping will look up.
final class KeyTableTests: XCTestCase {
    let table = KeyTable.standard

    func bar(_ context: KeyContext) -> String {
        table.bar(for: context).map { $0.what.isEmpty ? $0.keys : "\($0.keys) \($0.what)" }.joined(separator: "  ")
    }

    func testEveryContextsBarComesFromTheTable() {
        XCTAssertEqual(KeyContext.allCases.map { "\($0.rawValue): \(bar($0))" }, [
            "Queue: j/k move  a ack  r reply  s snooze  / search  x mark  u undo  ? help  q quit",
            "Search line: Enter keep  Esc back  Ctrl-U clear  platform: kind: from: age>4h is:snoozed \"phrase\"",
            "Snooze: Enter snooze  Esc cancel  1-4, 90m, 2d, 1w how long",
            "Platform filter: j/k choose  Enter filter  Esc cancel",
            "Tag: Enter tag  Tab complete  Esc cancel  -name removes a tag",
            "Bulk action question: y yes  n/Esc no",
            "Assignment: j/k choose  Enter assign  Esc cancel",
            "Composer: Ctrl-S save to outbox  Ctrl-E editor  Ctrl-T saved replies  Esc cancel",
            "Saved replies: j/k move  Enter insert  Esc close",
            "Discard question: y discard  n/Esc back to it",
            "Outbox: j/k move  e edit  d discard  s send  u undo  Esc back",
            "Send question: y post  n/Esc keep it",
            "Help: j/k scroll  Esc/?/q close help",
            "Stats: j/k scroll  Esc back  heed stats --since 7d in the shell",
            "Author history: j/k scroll  Esc back  [people] in config.toml links accounts",
            "Unsaved replies: j/k move  Enter/r open  Esc queue",
        ])
    }

    func testAKeyHasOneMeaningPerContextAndACommandOneBindingPerContext() {
        for context in KeyContext.allCases {
            let bindings = table.bindings(in: context)
            XCTAssertFalse(bindings.isEmpty, "\(context) has no keys")
            let keys = bindings.flatMap(\.keys)
            XCTAssertEqual(keys.count, Set(keys).count, "a key bound twice in \(context)")
            let commands = bindings.map(\.command)
            XCTAssertEqual(commands.count, Set(commands).count, "a command bound twice in \(context): a remapping by name would be unclear")
        }
        XCTAssertEqual(Command.allCases.count, Set(Command.allCases.map(\.rawValue)).count)
        XCTAssertEqual(Command.acknowledge.rawValue, "acknowledge", "the name config.toml's [keys] uses")
        XCTAssertEqual(Command.acknowledgeThread.rawValue, "acknowledge_thread")
    }

    func testTheHelpScreenShowsKeysNamesAndWhatTheyDoForEveryContext() {
        var harness = Harness(width: 120, height: 40)
        harness.press(.character("?"))
        XCTAssertEqual(Array(harness.screen[0...4]), [
            " heed: keys",
            "",
            " Queue",
            "   j, ↓                next                next item",
            "   k, ↑                previous            previous item",
        ])
        XCTAssertEqual(harness.screen[39], " j/k scroll  Esc/?/q close help")
        let all = HelpLines.of(harness)
        XCTAssertTrue(all.contains("   a                   acknowledge         acknowledge: seen, no reply needed"), all.joined(separator: "\n"))
        XCTAssertTrue(all.contains("   typing                                  inserts text at the cursor"))
        XCTAssertTrue(all.contains("   Ctrl-Z                                  suspend heed, as any job (fg brings it back)"))
        for context in KeyContext.allCases { XCTAssertTrue(all.contains(" " + context.rawValue), "no \(context.rawValue) in help") }
    }

    func testLongHelpWrapsUnderItsColumnOnANarrowScreen() throws {
        var harness = Harness(width: 64, height: 200)
        harness.press(.character("?"))
        let screen = harness.screen
        let row = try XCTUnwrap(screen.firstIndex(of: "   s                   snooze              snooze: 1 h, 4 h,"), screen.joined(separator: "\n"))
        XCTAssertEqual(Array(screen[(row + 1)...(row + 2)]), [
            "                                           tomorrow, next week",
            "                                           or a typed duration",
        ])
        XCTAssertTrue(screen.allSatisfy { Glyphs.width($0) <= 64 && !$0.contains("…") }, screen.joined(separator: "\n"))
    }

    func testEveryPromptShowsItsOwnBar() {
        var harness = Harness(TriageReducerTests.five)
        harness.press(.character("/"))
        XCTAssertEqual(harness.screen[23], " Enter keep  Esc back  Ctrl-U clear  platform: kind: from: age>4h is:snoozed \"p…")
        harness.press(.escape, .character("s"))
        XCTAssertEqual(harness.screen[23], " Enter snooze  Esc cancel  1-4, 90m, 2d, 1w how long")
        harness.press(.escape, .character("f"))
        XCTAssertEqual(harness.screen[23], " j/k choose  Enter filter  Esc cancel")
        harness.press(.escape)
        harness.state.settings.confirmAbove = 1
        harness.press(.character("X"), .character("a"))
        XCTAssertEqual(harness.screen[23], " y yes  n/Esc no")
        harness.press(.character("n"), .character("r"))
        harness.type("x")
        harness.press(.escape)
        XCTAssertEqual(harness.screen[22], " Discard this reply? y discards, n goes back to it")
        XCTAssertEqual(harness.screen[23], " y discard  n/Esc back to it")
        harness.press(.escape)
        XCTAssertEqual(harness.screen[23], " Ctrl-S save to outbox  Ctrl-E editor  Ctrl-T saved replies  Esc cancel")
    }

    func testADisabledCommandSaysWhyAndDoesNothing() {
        var harness = Harness([])
        for key in ["a", "r", "s", "x", "A", "R"] {
            XCTAssertEqual(harness.effects(of: { $0.press(.character(Character(key))) }), [], key)
            XCTAssertEqual(harness.said, "Nothing is waiting", key)
        }
        harness.press(.character("X"))
        XCTAssertEqual(harness.said, "Nothing in this view to mark")
        harness.press(.character("o"), .character("e"))
        XCTAssertEqual(harness.said, "No draft selected")
        let reason = KeyTable.standard.binding(for: .character("a"), in: .queue)?.disabled?(harness.state)
        XCTAssertEqual(reason, "Nothing is waiting", "the table answers why, without pressing")
    }

    func testTheContextFollowsTheScreenThePromptAndTheQuestion() {
        var harness = Harness()
        XCTAssertEqual(harness.state.keyContext, .queue)
        harness.press(.character("/"))
        XCTAssertEqual(harness.state.keyContext, .search)
        harness.press(.escape, .character("r"))
        XCTAssertEqual(harness.state.keyContext, .composer)
        harness.outbox.templates = [Template(name: "t", text: "hi")]
        harness.press(.control("t"))
        XCTAssertEqual(harness.state.keyContext, .templates)
        harness.press(.enter, .escape)
        XCTAssertEqual(harness.state.keyContext, .discard)
        harness.press(.character("y"), .character("S"))
        XCTAssertEqual(harness.state.keyContext, .stats)
    }
}

/// The help screen's lines from top to bottom, scrolled through as a user would.
enum HelpLines {
    static func of(_ harness: Harness) -> [String] {
        var harness = harness
        var seen: [String] = []
        for _ in 0..<200 {
            seen.append(harness.screen[0])
            harness.press(.character("j"))
        }
        return seen + harness.screen
    }
}
