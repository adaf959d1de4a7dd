import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// `s` on the outbox screen: the question, the post in the background with its progress on the
/// status row, the result after (the list read again); drafts that cannot be posted say why;
/// where each draft went, on the outbox screen and in the detail pane of its item.
final class SendKeyTests: XCTestCase {
    let alice = Ref(platform: .mastodon, id: "1")

    /// A send service that records what it was asked and reports what the test scripts, one report a poll.
    final class FakeSend: @unchecked Sendable {
        var started: [String] = []
        var reports: [FetchReport] = []
        var refusal: String?

        func install(_ services: inout Services) {
            services.startSend = { draft in
                if let refusal = self.refusal { return refusal }
                self.started.append(draft)
                return nil
            }
            services.sendReport = { self.reports.isEmpty ? nil : self.reports.removeFirst() }
        }
    }

    func harness(_ send: FakeSend, rows: [DraftRow]) -> Harness {
        let outbox = FakeOutbox()
        outbox.rows = rows
        return Harness(outbox: outbox) { send.install(&$0) }
    }

    func pending(_ id: String = "d2", failure: String? = nil, unsendable: String? = nil) -> DraftRow {
        DraftRow(id: id, ref: alice, status: "pending", text: "See you there", createdAt: Sample.now.addingTimeInterval(-120), item: nil,
                 failure: failure, unsendable: unsendable)
    }

    func testSAsksThenPostsAfterTheFrameThatSaysSoThenSaysWhereItWent() {
        let send = FakeSend()
        var harness = harness(send, rows: [pending()])
        harness.press(.character("o"), .character("s"))
        XCTAssertEqual(harness.screen[22], " Post this reply to mastodon now? y posts it, n keeps it in the outbox")
        XCTAssertEqual(harness.screen[23], " y post  n/Esc keep it")
        XCTAssertEqual(send.started, [])

        harness.runtime.keyPressed(.character("y"))
        XCTAssertEqual(harness.screen[22], " Sending to mastodon…")
        XCTAssertEqual(send.started, [], "the frame that says so comes first")
        harness.settle()
        XCTAssertEqual(send.started, ["d2"])

        send.reports = [FetchReport(line: "Sending d2 to mastodon you@example.social…", finished: false)]
        harness.send(.ticked(Sample.now.addingTimeInterval(1)))
        XCTAssertEqual(harness.screen[22], " Sending d2 to mastodon you@example.social…")
        harness.press(.character("s"))
        XCTAssertEqual(harness.said, "Sending already: Sending d2 to mastodon you@example.social…")

        harness.outbox.rows = [DraftRow(id: "d2", ref: alice, status: "sent", text: "See you there", createdAt: Sample.now.addingTimeInterval(-120), item: nil,
                                        link: "https://example.social/@you/42")]
        send.reports = [FetchReport(line: "Sent with mastodon you@example.social: https://example.social/@you/42", finished: true, changed: true)]
        let effects = harness.effects(of: { $0.send(.ticked(Sample.now.addingTimeInterval(2))) })
        XCTAssertTrue(effects.contains(.loadDrafts), "\(effects)")
        XCTAssertNil(harness.state.sending)
        XCTAssertEqual(harness.screen[0], " heed outbox  0 pending · 0 exported · 1 sent")
        XCTAssertEqual(harness.screen[1], "      2m  sent      mastodon   mastodon:1       See you there")
        XCTAssertEqual(harness.screen[12], " Sent: https://example.social/@you/42")
        XCTAssertEqual(harness.screen[22], " Sent with mastodon you@example.social: https://example.social/@you/42")

        harness.press(.character("s"))
        XCTAssertEqual(harness.said, "This draft was sent already: https://example.social/@you/42")
        XCTAssertEqual(send.started, ["d2"], "a sent draft is never posted again from here")
    }

    func testNKeepsTheDraftAndPostsNothing() {
        let send = FakeSend()
        var harness = harness(send, rows: [pending()])
        harness.press(.character("o"), .character("s"), .character("n"))
        XCTAssertEqual(harness.said, "Kept in the outbox")
        XCTAssertEqual(harness.screen[23], " j/k move  e edit  d discard  s send  u undo  Esc back")
        XCTAssertEqual(send.started, [])
    }

    func testAFailedTryShowsItsReasonAndTheDraftCanBeTriedAgain() {
        let send = FakeSend()
        var harness = harness(send, rows: [pending(failure: "422: Validation failed: Text character limit of 500 exceeded")])
        harness.press(.character("o"))
        XCTAssertEqual(harness.screen[0], " heed outbox  1 pending · 0 exported")
        XCTAssertEqual(harness.screen[1], "      2m  failed    mastodon   mastodon:1       See you there")
        XCTAssertEqual(harness.screen[12], " Last try failed: 422: Validation failed: Text character limit of 500 exceeded")
        XCTAssertEqual(harness.screen[13], " See you there")
        harness.press(.character("s"), .character("y"))
        XCTAssertEqual(send.started, ["d2"])
    }

    func testWhatCannotBePostedSaysWhyAndAsksNothing() {
        let send = FakeSend()
        let unknown = DraftRow(id: "d3", ref: alice, status: "sending", text: "maybe", createdAt: Sample.now.addingTimeInterval(-60), item: nil)
        var harness = harness(send, rows: [unknown, pending(unsendable: "no mastodon account in config.toml to send with")])
        harness.press(.character("o"))
        XCTAssertEqual(harness.screen[0], " heed outbox  1 pending · 0 exported · 1 unknown")
        XCTAssertEqual(harness.screen[1], "      1m  unknown   mastodon   mastodon:1       maybe")
        XCTAssertEqual(harness.screen[12], " A heed stopped while posting it: unknown — check before sending again (heed")
        XCTAssertEqual(harness.screen[13], " send --retry-unknown or --mark-sent)")
        XCTAssertEqual(harness.screen[14], " maybe")
        harness.press(.character("s"))
        XCTAssertEqual(harness.said, "A heed stopped while posting this draft: check the platform, then heed send --retry-unknown d3 or --mark-sent d3")
        harness.press(.character("j"), .character("s"))
        XCTAssertEqual(harness.said, "no mastodon account in config.toml to send with")
        XCTAssertFalse(harness.state.outboxConfirmingSend)
        XCTAssertEqual(send.started, [])
    }

    func testARefusedStartIsSaid() {
        let send = FakeSend()
        send.refusal = "Not sent: another heed is sending from this outbox; try again when it is done"
        var harness = harness(send, rows: [pending()])
        harness.press(.character("o"), .character("s"), .character("y"))
        XCTAssertEqual(harness.said, "error: Not sent: another heed is sending from this outbox; try again when it is done")
        XCTAssertNil(harness.state.sending)
    }

    func testTheDetailPaneOfARepliedItemSaysWhereTheAnswerWent() {
        var mentions = Sample.three
        mentions[0].state = .replied(draft: "d7", at: Sample.now.addingTimeInterval(-60))
        var harness = Harness(mentions) { services in
            services.delivery = { $0 == "d7" ? "sent 2026-11-20 09:13: https://example.social/@you/42" : nil }
        }
        harness.press(.character("/"))
        harness.type("is:replied")
        harness.press(.enter)
        XCTAssertTrue(harness.effects.contains(.loadDelivery(alice, draft: "d7")), "\(harness.effects)")
        XCTAssertTrue(harness.screen.contains(" sent 2026-11-20 09:13: https://example.social/@you/42"), harness.screen.joined(separator: "\n"))
    }
}

private extension AppState {
    var outboxConfirmingSend: Bool {
        if case .outbox(let screen) = mode { return screen.confirmingSend }
        return false
    }
}
