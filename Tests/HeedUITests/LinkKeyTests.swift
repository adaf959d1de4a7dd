import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// `O` opens the item's link, `y` copies it, `Y` copies the ref; what came of it is said.
final class LinkKeyTests: XCTestCase {
    func testOOpensTheLinkAndSaysWhatCameOfIt() {
        let opened = EffectLog()
        var harness = Harness { $0.openLink = { url in opened.effects.append(.openLink(url)); return nil } }
        XCTAssertEqual(harness.effects(of: { $0.press(.character("O")) }), [.openLink("https://example.social/@alice@example.social/1")])
        XCTAssertEqual(opened.effects, [.openLink("https://example.social/@alice@example.social/1")], "handed to the browser once")
        XCTAssertEqual(harness.screen[22], " Opened https://example.social/@alice@example.social/1 in the browser")
        var failing = Harness { $0.openLink = { _ in "cannot start 'xdg-open': No such file or directory" } }
        failing.press(.character("O"))
        XCTAssertEqual(failing.said, "error: The link was not opened: cannot start 'xdg-open': No such file or directory")
    }

    func testYCopiesTheLinkAndShiftYTheRef() {
        var harness = Harness()
        harness.press(.character("j"))
        XCTAssertEqual(harness.effects(of: { $0.press(.character("y")) }), [.copy("https://example.social/@kenji_t/2", what: "the link")])
        XCTAssertEqual(harness.effects(of: { $0.press(.character("Y")) }), [.copy("x:2", what: "the ref x:2")])
        harness.send(.copied(what: "the ref x:2", how: "through the terminal, OSC 52", problem: nil))
        XCTAssertEqual(harness.screen[22], " Copied the ref x:2 (through the terminal, OSC 52)")
        harness.send(.copied(what: "the link", how: nil, problem: "the terminal takes no OSC 52 and no clipboard tool (wl-copy, xclip, xsel) worked"))
        XCTAssertEqual(harness.said, "error: Could not copy the link: the terminal takes no OSC 52 and no clipboard tool (wl-copy, xclip, xsel) worked")
    }

    func testALinkThatIsNotAWebAddressIsNeverHandedOn() {
        var mentions = Sample.three
        mentions[0].url = "-n file:///etc/passwd"
        mentions[1].url = nil
        mentions[2].url = "https://bsky.app/profile/x\u{1B}]52;c;ZXZpbA==\u{07}"
        var harness = Harness(mentions)
        XCTAssertEqual(harness.effects(of: { $0.press(.character("O"), .character("y")) }), [])
        XCTAssertEqual(harness.state.status?.text, "This item's link is not a web address (http or https)")
        harness.press(.character("j"), .character("O"))
        XCTAssertEqual(harness.state.status?.text, "This item has no link")
        harness.press(.character("j"))
        XCTAssertEqual(harness.effects(of: { $0.press(.character("y")) }), [], "controls inside a link: not handed on")
        XCTAssertEqual(harness.effects(of: { $0.press(.character("Y")) }), [.copy("bluesky:3", what: "the ref bluesky:3")], "the ref always can be")
    }
}
