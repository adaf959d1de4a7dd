import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// When effects run: the scheduler's queues as data, and the runtime the binary's loop drives,
/// fed keys, frames and pauses the way the loop feeds it.
final class SchedulingTests: XCTestCase {
    let alice = Ref(platform: .mastodon, id: "1")
    let kenji = Ref(platform: .x, id: "2")

    func testEffectsWaitForTheFrameOrAPauseAndOnlyTheLatestOfAKindRuns() throws {
        let meet = try QueryParser.parse("meet")
        var scheduler = Scheduler()
        let now = scheduler.schedule([
            .countTabs([.queue]), .loadSummary(meet), .countQuery(.queue), .loadAuthorLine(alice),
            .openEditor("draft"), .countQuery(meet), .countTabs([meet]), .loadAuthorLine(kenji), .undo,
        ])
        XCTAssertEqual(now, [.loadSummary(meet), .openEditor("draft"), .undo])
        XCTAssertEqual(scheduler.afterFrame, [.countQuery(meet), .countTabs([meet])])
        XCTAssertEqual(scheduler.whenIdle, .loadAuthorLine(kenji))
        XCTAssertEqual(scheduler.takeAfterFrame(), [.countQuery(meet), .countTabs([meet])])
        XCTAssertEqual(scheduler.takeWhenIdle(), .loadAuthorLine(kenji))
        XCTAssertEqual(scheduler, Scheduler(), "nothing waits any more")
    }

    func testABurstOfSearchTypingLoadsOnlyTheLastQuery() throws {
        let me = try QueryParser.parse("me")
        let meet = try QueryParser.parse("meet")
        let effects: [Effect] = [.loadSummary(me), .load(.first(100), query: me), .autosave(alice, "x"), .loadSummary(meet), .load(.first(100), query: meet), .focus(alice, query: me)]
        XCTAssertEqual(Scheduler.latestQuery(effects), [.autosave(alice, "x"), .loadSummary(meet), .load(.first(100), query: meet)])
        XCTAssertEqual(Scheduler.latestQuery([.undo]), [.undo], "no search, nothing dropped")
    }

    func testKeysTypedAheadIntoTheSearchLineAreReducedTogether() throws {
        var harness = Harness(TriageReducerTests.five)
        let typed = harness.effects(of: { $0.typeAhead([.character("/"), .character("m"), .character("e"), .character("e"), .character("t")]) })
        XCTAssertEqual(typed.filter { if case .loadSummary = $0 { true } else { false } }, [.loadSummary(try QueryParser.parse("meet"))])
        XCTAssertEqual(harness.state.queue.items.map(\.mention.id), ["1", "3"])
        XCTAssertEqual(harness.screen[22], "/ meet▏")
        // The search line closes inside the burst: the keys after Enter wait for the loop.
        harness.press(.escape)
        var rest: [Key] = [.character("e"), .enter, .character("j")]
        harness.runtime.keyPressed(.character("/"), typed: { rest.isEmpty ? nil : rest.removeFirst() })
        XCTAssertEqual(rest, [.character("j")], "j was left for the next read")
        XCTAssertNil(harness.state.prompt)
    }

    func testAResizeEndsABurstAndIsHandedBack() {
        var harness = Harness()
        harness.press(.character("/"))
        var rest: [Key] = [.character("a"), .resize, .character("b")]
        let held = harness.runtime.keyPressed(.character("x"), typed: { rest.isEmpty ? nil : rest.removeFirst() })
        XCTAssertEqual(held, .resize)
        XCTAssertEqual(harness.state.prompt, .search(text: "xa", error: nil))
    }

    func testTheAuthorLineWaitsForKeysToPause() {
        var harness = Harness(TriageReducerTests.five, countsAuthors: true)
        harness.runtime.keyPressed(.character("j"))
        XCTAssertEqual(harness.state.authorLine?.ref, TriageReducerTests.five[1].ref)
        XCTAssertEqual(harness.state.authorLine?.loading, true)
        XCTAssertTrue(harness.runtime.waitsForPause)
        XCTAssertFalse(harness.runtime.frameDrawn(), "nothing waits for the frame")
        harness.runtime.keyPressed(.character("j"))
        XCTAssertTrue(harness.runtime.keysPaused())
        XCTAssertEqual(harness.state.authorLine?.ref, TriageReducerTests.five[2].ref, "only the latest item's line is loaded")
        XCTAssertNotNil(harness.state.authorLine?.history)
        XCTAssertEqual(harness.effects.filter { if case .loadAuthorLine = $0 { true } else { false } }.count, 2, "the first item's at start, then the third's")
        XCTAssertFalse(harness.runtime.keysPaused())
    }

    func testTabCountsWaitForTheFrame() throws {
        var harness = Harness(TriageReducerTests.five)
        harness.state.tabs = [QueryTab(name: "Mastodon", query: try QueryParser.parse("platform:mastodon"))]
        harness.runtime.keyPressed(.character("a"))
        XCTAssertNil(harness.state.tabs[0].count)
        XCTAssertEqual(harness.runtime.scheduler.afterFrame, [.countTabs([try QueryParser.parse("platform:mastodon")])])
        XCTAssertTrue(harness.runtime.frameDrawn())
        XCTAssertEqual(harness.state.tabs[0].count, 2)
        XCTAssertFalse(harness.runtime.frameDrawn())
    }

    func testTheEditorIsTheLoopsToRun() {
        var asked: [Effect] = []
        var runtime = Runtime(state: Harness().state, services: FakeQueue(Sample.three, now: Sample.now).services,
                              byLoop: { effect in asked.append(effect); return [.editorFinished("from the editor", problem: nil)] })
        runtime.keyPressed(.character("r"))
        runtime.keyPressed(.control("e"))
        XCTAssertEqual(asked, [.openEditor("@alice@example.social ")])
        XCTAssertEqual(runtime.state.composer?.text, "from the editor")
    }

    func testQuitSetsQuittingAndAsksForNothing() {
        var harness = Harness()
        XCTAssertEqual(harness.effects(of: { $0.press(.character("q")) }), [])
        XCTAssertTrue(harness.state.quitting)
    }
}

/// The theme lives in the state: read at start, switched with T, its problems said.
final class ThemeStateTests: XCTestCase {
    /// Themes "dark", "light" and "broken" (which falls back to dark with two problems).
    func themes(_ services: inout Services) {
        services.theme = { name in
            let names = ["dark", "light", "broken"]
            if name == "broken" { return ThemeChoice(name: "dark", names: names, problems: ["broken.toml:3: no colour 'pink'", "broken.toml:4: no colour 'teal'"]) }
            return ThemeChoice(name: names.contains(name) ? name : "dark", names: names)
        }
    }

    func testTheThemeAskedForIsReadAtStartAndTCyclesThroughTheRest() {
        var harness = Harness(settings: Settings(theme: "light"), services: themes)
        XCTAssertEqual(harness.state.theme, ThemeChoice(name: "light", names: ["dark", "light", "broken"]))
        XCTAssertNil(harness.state.status, "a theme read without problems says nothing at start")
        XCTAssertEqual(harness.effects(of: { $0.press(.character("T")) }), [.loadTheme("broken")])
        XCTAssertEqual(harness.said, "error: Theme: broken.toml:3: no colour 'pink'; using dark")
        XCTAssertEqual(harness.state.theme?.name, "dark")
        harness.press(.character("T"))
        XCTAssertEqual(harness.state.theme?.name, "light")
        XCTAssertEqual(harness.said, "Theme: light (T for the next; --theme or theme = in config.toml keeps it)")
    }

    func testABrokenThemeAtStartIsSaidWithHowManyMoreProblems() {
        let harness = Harness(settings: Settings(theme: "broken"), services: themes)
        XCTAssertEqual(harness.said, "error: Theme: broken.toml:3: no colour 'pink' (+1 more); using dark")
        XCTAssertEqual(harness.screen[22], " Theme: broken.toml:3: no colour 'pink' (+1 more); using dark")
    }

    func testWithoutAThemeTSaysSo() {
        var harness = Harness()
        XCTAssertNil(harness.state.theme)
        XCTAssertEqual(harness.effects(of: { $0.press(.character("T")) }), [])
        XCTAssertEqual(harness.said, "No themes to choose from")
    }
}
