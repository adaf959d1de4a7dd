import Foundation
import HeedCore
import HeedTheme
import HeedUI
import Screen
import XCTest

/// The queue drawn in each shipped theme at 256 and 16 colours and without colour: the text
/// never changes with the theme, and each run of cells carries its theme look.
final class ThemedScreenTests: XCTestCase {
    /// A row as runs of text with their look: `{fg/bg/attrs}text`.
    func styled(_ buffer: ScreenBuffer, row: Int, _ looks: [Role: ResolvedLook]) -> String {
        var out = ""
        var current: ResolvedLook?
        for x in 0..<buffer.width {
            let cell = buffer[x, row]
            let look = looks[cell.role] ?? ResolvedLook()
            if look != current {
                var attrs: [String] = []
                if look.attributes.contains(.bold) { attrs.append("b") }
                if look.attributes.contains(.dim) { attrs.append("d") }
                if look.attributes.contains(.underline) { attrs.append("u") }
                if look.attributes.contains(.reverse) { attrs.append("r") }
                out += "{\(look.foreground)/\(look.background)/\(attrs.joined())}"
                current = look
            }
            out += cell.text
        }
        return out.replacingOccurrences(of: " +$", with: "", options: .regularExpression)
    }

    func testDarkAt256AndWithoutColour() {
        let harness = Harness(Sample.three, width: 60, height: 12, now: Sample.now)
        let buffer = Views.render(harness.state)
        let dark = ThemeLibrary().theme(named: "dark").0
        let full = dark.resolved(for: .full)
        XCTAssertEqual(styled(buffer, row: 0, full), "{11/4/b} heed{15/4/b}  3 waiting · oldest 3d 4h                         1/3")
        XCTAssertEqual(styled(buffer, row: 1, full), "{0/6/}   3d 4h  mastodon   alice@examp… @you is the meetup still…")
        XCTAssertEqual(styled(buffer, row: 2, full), "{9/-1/b}      5h{-1/-1/}  {6/-1/}x{-1/-1/}          {12/-1/b}kenji_t{-1/-1/}      返信ありがとうございます…")
        XCTAssertEqual(styled(buffer, row: 3, full), "{2/-1/}     12m{-1/-1/}  {6/-1/}bluesky{-1/-1/}    {12/-1/b}noor.bsky.s…{-1/-1/} line one line two safe")
        XCTAssertEqual(styled(buffer, row: 11, full), "{7/0/} {14/0/b}j/k{7/0/} move  {14/0/b}a{7/0/} ack  {14/0/b}r{7/0/} reply  {14/0/b}s{7/0/} snooze  {14/0/b}/{7/0/} search  {14/0/b}x{7/0/} mark  {14/0/b}u{7/0/} un…")

        let plain = dark.resolved(for: .none)
        XCTAssertEqual(styled(buffer, row: 0, plain), "{-1/-1/br} heed  3 waiting · oldest 3d 4h                         1/3")
        XCTAssertEqual(styled(buffer, row: 1, plain), "{-1/-1/r}   3d 4h  mastodon   alice@examp… @you is the meetup still…")
        XCTAssertEqual(styled(buffer, row: 2, plain), "{-1/-1/b}      5h{-1/-1/}  x          {-1/-1/b}kenji_t{-1/-1/}      返信ありがとうございます…")
    }

    func testEveryThemeKeepsTheTextAndShowsTheSelection() {
        let harness = Harness(Sample.three, width: 80, height: 24, now: Sample.now)
        let buffer = Views.render(harness.state)
        let library = ThemeLibrary()
        for name in library.names {
            let theme = library.theme(named: name).0
            for depth in [ColorDepth.full, .sixteen, .none] {
                let looks = theme.resolved(for: depth)
                let selectedRow = styled(buffer, row: 1, looks)
                let plainRow = styled(buffer, row: 2, looks)
                XCTAssertFalse(selectedRow.hasPrefix(plainRow.prefix(12)), "\(name) at \(depth): the selected row looks like the others")
                if depth == .none {
                    XCTAssertTrue(selectedRow.hasPrefix("{-1/-1/") && selectedRow.prefix(12).contains("r"), "\(name) without colour: \(selectedRow)")
                    XCTAssertFalse(styled(buffer, row: 0, looks).contains("{-1/-1/}"), "\(name) without colour: the header must stand out")
                }
            }
        }
        XCTAssertEqual(buffer.lines()[1].replacingOccurrences(of: " +$", with: "", options: .regularExpression), "   3d 4h  mastodon   alice@example.s… @you is the meetup still on?")
    }
}
