import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// Autosave, the external editor, saved replies, reply starts and limits, and the outbox screen.
final class ComposerFeatureTests: XCTestCase {
    let alice = Ref(platform: .mastodon, id: "1")
    let kenji = Ref(platform: .x, id: "2")
    let start = "@alice@example.social "

    func testTypingAutosavesTheTextAndSavingForgetsIt() {
        var harness = Harness()
        XCTAssertEqual(harness.effects(of: { $0.press(.character("r")) }), [.recoverAutosave(alice), .composing(alice)], "the others are told where it is open")
        XCTAssertEqual(harness.effects(of: { $0.type("Hi") }), [.autosave(alice, start + "H"), .autosave(alice, start + "Hi")])
        XCTAssertEqual(harness.effects(of: { $0.press(.left, .right, .end) }), [], "moving changes nothing to keep")
        XCTAssertEqual(harness.effects(of: { $0.press(.backspace) }), [.autosave(alice, start + "H")])
        XCTAssertEqual(harness.outbox.autosaved, [alice: start + "H"])
        let saving = harness.effects(of: { $0.press(.control("s")) })
        XCTAssertEqual(saving.first, .saveReply(ReplyInput(ref: alice, replyTarget: [:], author: "alice@example.social", text: start + "H")))
        XCTAssertTrue(saving.contains(.forgetAutosave(alice)), "\(saving)")
        XCTAssertTrue(saving.contains(.composing(nil)), "\(saving)")
        XCTAssertEqual(harness.outbox.autosaved, [:])
        XCTAssertEqual(harness.state.mode, .queue)
    }

    func testCancellingForgetsTheAutosave() {
        var harness = Harness()
        harness.press(.character("r"))
        XCTAssertEqual(harness.effects(of: { $0.press(.escape) }), [.forgetAutosave(alice), .composing(nil)], "no changes: leaves and forgets")
        XCTAssertEqual(harness.state.mode, .queue)
        harness.press(.character("r"))
        harness.type("x")
        XCTAssertEqual(harness.effects(of: { $0.press(.escape) }), [], "asks before forgetting anything")
        XCTAssertTrue(harness.state.confirmDiscard)
        XCTAssertEqual(harness.effects(of: { $0.press(.character("n")) }), [])
        XCTAssertEqual(harness.text, start + "x")
        XCTAssertEqual(harness.effects(of: { $0.press(.escape, .character("y")) }), [.forgetAutosave(alice), .composing(nil)])
        XCTAssertEqual(harness.state.status?.text, "Reply discarded")
        XCTAssertEqual(harness.outbox.autosaved, [:])
        XCTAssertEqual(harness.outbox.forgotten, [alice, alice])
    }

    func testOpeningRestoresTheUnsavedTextWithItsAge() {
        let outbox = FakeOutbox()
        outbox.keep(alice, start + "kept", at: Sample.now.addingTimeInterval(-300))
        var harness = Harness(outbox: outbox)
        XCTAssertEqual(harness.screen[0], " heed  1 reply you had not saved")
        harness.press(.escape)
        XCTAssertEqual(harness.state.status?.text, "1 unsaved reply stays kept: opening its item brings the text back")
        harness.press(.character("r"))
        XCTAssertEqual(harness.text, start + "kept")
        XCTAssertEqual(harness.said, "Restored the reply you had not saved (typed 5m ago)")
        XCTAssertEqual(harness.screen[22], " Restored the reply you had not saved (typed 5m ago)")
        harness.type("!")
        XCTAssertEqual(harness.text, start + "kept!", "the cursor is at the end of the restored text")
        XCTAssertNil(harness.state.status)
        harness.send(.autosaveRecovered(alice, text: start + "old", at: Sample.now))
        XCTAssertEqual(harness.text, start + "kept!", "never over what was typed")
        harness.press(.escape, .character("y"), .character("r"))
        harness.send(.autosaveRecovered(kenji, text: "other item", at: Sample.now))
        XCTAssertEqual(harness.text, start, "another item's text is ignored")
        XCTAssertNil(harness.state.status)
    }

    func testUnsavedRepliesFoundAtStartOpenAScreenOfTheirOwnByAuthor() {
        let outbox = FakeOutbox()
        outbox.keep(alice, "See you there at six, with the slides", at: Sample.now.addingTimeInterval(-600))
        outbox.keep(kenji, "どういたしまして", at: Sample.now.addingTimeInterval(-60))
        outbox.keep(Ref(platform: .bluesky, id: "gone"), "lost", at: Sample.now)
        var harness = Harness(outbox: outbox, width: 80, height: 14)
        XCTAssertTrue(harness.effects.contains(.findUnsaved))
        XCTAssertEqual(harness.screen, [
            " heed  3 replies you had not saved",
            " heed stopped before these replies were saved; the text is kept. Enter opens",
            " one on its item, Esc goes to the queue.",
            "",
            "      0s  bluesky    bluesky:gone           lost",
            "     10m  mastodon   alice@example.social   See you there at six, with the sli…",
            "      1m  x          kenji_t                どういたしまして",
            "",
            "─ your reply to bluesky:gone (not in the store) ────────────────────────────────",
            " lost",
            "",
            "",
            "",
            " j/k move  Enter/r open  Esc queue",
        ])
        harness.press(.enter)
        XCTAssertEqual(harness.state.status?.text, "bluesky:gone is not in the store; import it again to go on with this reply")
        harness.press(.character("j"))
        XCTAssertEqual(harness.screen[8], "─ your reply to alice@example.social on mastodon, typed 10m ago ────────────────")
        XCTAssertEqual(harness.screen[9], " See you there at six, with the slides", "the whole text, wrapped")
        harness.press(.enter)
        XCTAssertEqual(harness.state.composer?.item.mention.ref, alice)
        XCTAssertEqual(harness.text, "See you there at six, with the slides", "the kept text is back in the composer")
        harness.press(.escape, .character("y"))
        XCTAssertEqual(harness.state.mode, .queue)
        XCTAssertEqual(Harness().state.status, nil, "nothing unsaved, nothing said")
        // Alice's reply was discarded in the composer above: two are left.
        var leaving = Harness(outbox: outbox, width: 80, height: 14)
        leaving.press(.escape)
        XCTAssertEqual(leaving.state.mode, .queue)
        XCTAssertEqual(leaving.screen[12], " 2 unsaved replies stay kept: opening their items brings the text back")
    }

    func testTheEditorGetsTheTextAndItsResultReplacesItOrItsFailureIsSaid() {
        var harness = Harness()
        harness.press(.character("r"))
        harness.type("draft")
        XCTAssertEqual(harness.effects(of: { $0.press(.control("e")) }), [.openEditor(start + "draft")])
        XCTAssertEqual(harness.text, start + "draft")
        let effects = harness.effects(of: { $0.send(.editorFinished("new \u{1B}[31mred\u{1B}[0m\u{7}\nline", problem: nil)) })
        XCTAssertEqual(harness.text, "new red\nline", "controls and escapes are stripped")
        XCTAssertEqual(effects, [.autosave(alice, "new red\nline")])
        harness.type("!")
        XCTAssertEqual(harness.text, "new red\nline!")
        XCTAssertEqual(harness.effects(of: { $0.send(.editorFinished(nil, problem: "the editor 'vi' exited with code 3")) }), [])
        XCTAssertEqual(harness.text, "new red\nline!", "a failed editor keeps the text")
        XCTAssertEqual(harness.said, "error: the editor 'vi' exited with code 3; your text is unchanged")
        XCTAssertEqual(harness.screen[22], " the editor 'vi' exited with code 3; your text is unchanged")
    }

    func testThePickerListsMovesAndInsertsTheFilledTemplate() {
        var harness = Harness(width: 60, height: 12)
        harness.press(.character("j"), .character("r"))
        XCTAssertEqual(harness.effects(of: { $0.press(.control("t")) }), [.loadTemplates])
        XCTAssertNil(harness.state.composer?.picker)
        XCTAssertEqual(harness.state.status?.text, "No saved replies yet: put text files in the templates folder beside config.toml ({author}, {name} and {platform} are filled in)")
        var told = Harness(width: 140, height: 12) { $0.templatesFolder = "/home/ana/.config/heed/templates" }
        told.press(.character("r"), .control("t"))
        XCTAssertEqual(told.screen[10], " No saved replies yet: put text files in /home/ana/.config/heed/templates/ ({author}, {name} and {platform} are filled in)", "the folder itself")
        harness.outbox.templates = [Template(name: "thanks", text: "Thanks {author}!"), Template(name: "later", text: "Later, {name}, on {platform}")]
        harness.press(.control("t"))
        XCTAssertEqual(harness.screen, [
            " Reply to kenji_t on x",
            " │ 返信ありがとうございます！😀",
            "─ your reply ─────────────────────────────────────── 0/280 ─",
            " Saved replies (Enter inserts, Esc closes)",
            "  thanks                  Thanks @kenji_t!",
            "  later                   Later, 田中健二, on x",
            "", "", "", "", "",
            " j/k move  Enter insert  Esc close",
        ])
        XCTAssertEqual(harness.state.composer?.picker?.selected, 0)
        harness.press(.character("j"), .character("j"))
        XCTAssertEqual(harness.state.composer?.picker?.selected, 1, "stops at the last")
        XCTAssertEqual(harness.text, "", "j moves, it does not type")
        XCTAssertEqual(harness.effects(of: { $0.press(.enter) }), [.autosave(kenji, "Later, 田中健二, on x")])
        XCTAssertNil(harness.state.composer?.picker)
        harness.press(.control("t"), .escape)
        XCTAssertNil(harness.state.composer?.picker)
        XCTAssertEqual(harness.text, "Later, 田中健二, on x", "Esc closes the list and inserts nothing")
        XCTAssertFalse(harness.state.confirmDiscard, "Esc in the list does not cancel the reply")
        harness.press(.control("t"), .enter)
        XCTAssertEqual(harness.text, "Later, 田中健二, on xThanks @kenji_t!", "inserted at the cursor")
    }

    func testTemplatesFillAHandleWithoutANameAndKeepAnAt() {
        let bluesky = Mention(platform: .bluesky, id: "b", author: Author(handle: "noor.bsky.social"), text: "t", createdAt: Sample.now)
        XCTAssertEqual(Template(name: "t", text: "{author}|{name}|{platform}").filled(for: bluesky), "@noor.bsky.social|noor.bsky.social|bluesky")
        let at = Mention(platform: .x, id: "x", author: Author(handle: "@sam", name: "Sam"), text: "t", createdAt: Sample.now)
        XCTAssertEqual(Template(name: "t", text: "{author} {name} {author}").filled(for: at), "@sam Sam @sam")
    }

    func testAMastodonReplyNamesTheAuthorAndOtherMentionsButNotTheUser() {
        let mention = Mention(platform: .mastodon, id: "m", author: Author(handle: "alice@example.social"), text: "t", createdAt: Sample.now,
                              replyTarget: ["mentions": "@bob@example.social @You@Home.social carol@other.org @Bob@Example.social @alice@example.social"])
        let settings = Settings(own: [.mastodon: ["you@home.social"]])
        XCTAssertEqual(ReplyStart.text(for: mention, settings: settings), "@alice@example.social @bob@example.social @carol@other.org ")
        XCTAssertEqual(ReplyStart.text(for: mention), "@alice@example.social @bob@example.social @You@Home.social @carol@other.org ")
        let own = Mention(platform: .mastodon, id: "o", author: Author(handle: "@you@home.social"), text: "t", createdAt: Sample.now)
        XCTAssertEqual(ReplyStart.text(for: own, settings: settings), "")
        for platform in [Platform.x, .bluesky] {
            var other = mention; other.platform = platform
            XCTAssertEqual(ReplyStart.text(for: other, settings: settings), "", "nothing on \(platform)")
        }
        var harness = Harness([mention], settings: settings)
        harness.press(.character("r"))
        XCTAssertEqual(harness.text, "@alice@example.social @bob@example.social @carol@other.org ")
    }

    func testAConfiguredLimitIsCountedAndEnforced() {
        var harness = Harness(settings: Settings(limits: [.mastodon: 20]))
        harness.press(.character("r"))
        XCTAssertEqual(harness.screen[4], "─ your reply " + String(repeating: "─", count: 60) + " 7/20 ─")
        harness.type("0123456789abcd")
        XCTAssertEqual(harness.screen[4], "─ your reply " + String(repeating: "─", count: 59) + " 21/20 ─")
        XCTAssertEqual(harness.effects(of: { $0.press(.control("s")) }), [])
        XCTAssertEqual(harness.said, "error: Too long for mastodon: 21/20; shorten it to save")
        harness.press(.backspace)
        XCTAssertEqual(harness.effects(of: { $0.press(.control("s")) }).first, .saveReply(ReplyInput(ref: alice, replyTarget: [:], author: "alice@example.social", text: start + "0123456789abc")))
    }

    func testBlueskyIsRefusedOverThreeThousandBytes() {
        var harness = Harness()
        harness.press(.character("j"), .character("j"), .character("r"))
        let family = "👨‍👩‍👧‍👦"
        harness.send(.editorFinished(String(repeating: family, count: 121), problem: nil))
        XCTAssertEqual(harness.state.composer?.length.bytes, 3025)
        XCTAssertTrue(harness.screen[4].hasSuffix(" 121/300 · 3025/3000 bytes ─"), harness.screen[4])
        XCTAssertEqual(harness.effects(of: { $0.press(.control("s")) }), [])
        XCTAssertEqual(harness.state.status?.text, "Too long for bluesky: 3025/3000 bytes; shorten it to save")
        harness.press(.backspace, .control("s"))
        XCTAssertEqual(harness.queue.saved.first?.text, String(repeating: family, count: 120))
    }
}

/// The outbox screen: listing drafts, editing a pending one, discarding, going back.
final class ComposerFeatureOutboxTests: XCTestCase {
    let alice = Ref(platform: .mastodon, id: "1")

    func harness() -> Harness {
        let items = FakeQueue(Sample.three, now: Sample.now).all
        let outbox = FakeOutbox()
        outbox.rows = [
            DraftRow(id: "d2", ref: alice, status: "pending", text: "See you there", createdAt: Sample.now.addingTimeInterval(-120), item: items[0]),
            DraftRow(id: "d1", ref: Ref(platform: .x, id: "2"), status: "exported", text: "どういたしまして", createdAt: Sample.now.addingTimeInterval(-7200), item: items[1]),
            DraftRow(id: "d0", ref: Ref(platform: .mastodon, id: "9"), status: "pending", text: "gone", createdAt: Sample.now.addingTimeInterval(-90_000), item: nil),
        ]
        return Harness(outbox: outbox)
    }

    func testTheOutboxListsDrafts() {
        var harness = harness()
        XCTAssertEqual(harness.effects(of: { $0.press(.character("o")) }).first, .loadDrafts)
        XCTAssertEqual(harness.screen, [
            " heed outbox  2 pending · 1 exported",
            "      2m  pending   mastodon   alice@example.s… See you there",
            "      2h  exported  x          kenji_t          どういたしまして",
            "   1d 1h  pending   mastodon   mastodon:9       gone",
            "", "", "", "", "", "", "",
            "─ reply to alice@example.social on mastodon ────────────────────────────────────",
            " See you there",
            "", "", "", "", "", "", "", "", "", "",
            " j/k move  e edit  d discard  s send  u undo  Esc back",
        ])
    }

    func testEditingAPendingDraftSavesItsNewText() {
        var harness = harness()
        harness.press(.character("o"), .character("e"))
        XCTAssertEqual(harness.text, "See you there")
        XCTAssertEqual(harness.state.composer?.editingDraft, "d2")
        harness.type("!")
        let effects = harness.effects(of: { $0.press(.control("s")) })
        XCTAssertEqual(effects.first, .saveEdit(draft: "d2", text: "See you there!"))
        XCTAssertTrue(effects.contains(.forgetAutosave(alice)), "\(effects)")
        XCTAssertEqual(harness.outbox.edits.map(\.text), ["See you there!"])
        XCTAssertEqual(harness.state.status?.text, "Draft to alice@example.social updated in the outbox")
        guard case .outbox(let screen) = harness.state.mode else { return XCTFail("\(harness.state.mode)") }
        XCTAssertEqual(screen.rows.count, 3)
        XCTAssertTrue(harness.queue.saved.isEmpty, "an edit is not a new reply")
    }

    func testOnlyPendingDraftsWithTheirItemChange() {
        var harness = harness()
        harness.press(.character("o"), .character("j"))
        XCTAssertEqual(harness.effects(of: { $0.press(.character("e")) }), [])
        XCTAssertEqual(harness.state.status?.text, "This draft was exported; only pending drafts change")
        XCTAssertEqual(harness.effects(of: { $0.press(.character("d")) }), [])
        harness.press(.character("j"), .character("e"))
        XCTAssertEqual(harness.said, "error: mastodon:9 is not in the store; import it again to edit this draft")
        XCTAssertNil(harness.state.composer)
    }

    func testDiscardingADraftPutsItsItemBackInFocus() {
        var harness = harness()
        harness.press(.character("o"))
        let row = harness.outbox.rows[0]
        let effects = harness.effects(of: { $0.press(.character("d")) })
        XCTAssertEqual(effects.first, .discardDraft(row))
        XCTAssertTrue(effects.contains(.focus(alice)), "\(effects)")
        XCTAssertEqual(harness.outbox.discards, ["d2"])
        XCTAssertEqual(harness.state.status?.text, "Draft discarded; alice@example.social is back in the queue (u undoes)")
        XCTAssertEqual(harness.effects(of: { $0.send(.draftDiscarded(row, .alreadyAnswered)) }), [])
        XCTAssertEqual(harness.state.status?.text, "Draft discarded; its item was not waiting on it any more")
        harness.press(.escape)
        XCTAssertEqual(harness.state.mode, .queue)
        XCTAssertEqual(harness.screen.last, " j/k move  a ack  r reply  s snooze  / search  x mark  u undo  ? help  q quit")
    }
}

/// Found by the tests above: editing a draft recovers its autosave, and discarding edits returns to the outbox.
final class DraftEditAutosaveTests: XCTestCase {
    func testEditingADraftAsksForItsAutosaveAndEscReturnsToTheOutbox() {
        let item = QueueItem(key: RankKey(createdAt: 0, row: 1), mention: Sample.three[0])
        var state = AppState(width: 80, height: 24, now: Sample.now)
        state.mode = .outbox(OutboxScreen(rows: [DraftRow(id: "d1", ref: item.mention.ref, status: "pending", text: "first", createdAt: Sample.now, item: item)], selected: 0, loaded: true))
        XCTAssertEqual(Reducer.reduce(&state, .keyPressed(.character("e"))), [.recoverAutosave(item.mention.ref), .composing(item.mention.ref)])
        _ = Reducer.reduce(&state, .autosaveRecovered(item.mention.ref, text: "first second", at: Sample.now))
        XCTAssertEqual(state.composer?.text, "first second")
        _ = Reducer.reduce(&state, .keyPressed(.escape))
        XCTAssertTrue(state.confirmDiscard)
        let effects = Reducer.reduce(&state, .keyPressed(.character("y")))
        XCTAssertEqual(effects, [.forgetAutosave(item.mention.ref), .loadDrafts, .composing(nil)])
        guard case .outbox = state.mode else { return XCTFail("back to the outbox, not \(state.mode)") }
    }
}

/// A reply that starts from an untrusted handle carries none of its controls.
final class ReplyStartSafetyTests: XCTestCase {
    func testControlsInAHandleNeverReachTheDraft() {
        let mention = Sample.mention("9", handle: "c1\u{9B}2Jquail@x.social", text: "hi", minutesAgo: 5)
        let composer = Composer(item: QueueItem(key: RankKey(createdAt: 0, row: 1), mention: mention), text: ReplyStart.text(for: mention))
        XCTAssertEqual(composer.text, "@c1quail@x.social ")
        XCTAssertFalse(composer.hasChanges)
    }
}
