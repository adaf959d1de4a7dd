import Foundation
import HeedTheme
import Screen
import TestSupport
import XCTest

/// Shipped themes, colour mapping by terminal depth, and broken theme files.
final class ThemeTests: XCTestCase {
    let shipped = ["dark", "high-contrast", "light", "mono", "solarized"]

    func testEveryShippedThemeIsBuiltInCleanAndNamesEveryElement() throws {
        let library = ThemeLibrary()
        XCTAssertEqual(library.names, shipped)
        for name in shipped {
            let (theme, problems) = library.theme(named: name)
            XCTAssertEqual(problems, [], name)
            XCTAssertEqual(theme.name, name)
            XCTAssertFalse(theme.description.isEmpty, name)
            XCTAssertEqual(Set(theme.looks.keys), Set(Role.allCases), "\(name) must say how every element looks")
        }
    }

    func testShippedFilesAreTheBuiltInOnes() throws {
        let folder = SharedFiles.packageRoot.appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }
        XCTAssertEqual(Set(files.map { String($0.dropLast(5)) }), Set(shipped))
    }

    func testDepthsMapColoursSensibly() {
        let library = ThemeLibrary()
        for name in shipped {
            let theme = library.theme(named: name).0
            for depth in ColorDepth.allCases {
                let looks = theme.resolved(for: depth)
                for (role, look) in looks {
                    switch depth {
                    case .none:
                        XCTAssertEqual([look.foreground, look.background], [-1, -1], "\(name) \(role) has colour without colour")
                    case .eight:
                        XCTAssertTrue(look.foreground < 8 && look.background < 8, "\(name) \(role) at 8: \(look)")
                    case .sixteen:
                        XCTAssertTrue(look.foreground < 16 && look.background < 16, "\(name) \(role) at 16: \(look)")
                    case .full:
                        XCTAssertTrue(look.foreground < 256 && look.background < 256)
                    }
                }
                // The selection must stand out from plain text in every theme at every depth.
                XCTAssertNotEqual(looks[.selected], looks[.normal], "\(name) at \(depth): the selection is invisible")
                XCTAssertNotEqual(looks[.header], looks[.normal], "\(name) at \(depth): the header is invisible")
            }
        }
    }

    func testWithoutColourBackgroundsBecomeReverseVideo() {
        let dark = ThemeLibrary().theme(named: "dark").0
        let looks = dark.resolved(for: .none)
        XCTAssertEqual(looks[.selected], ResolvedLook(attributes: [.reverse]))
        XCTAssertEqual(looks[.header], ResolvedLook(attributes: [.bold, .reverse]))
        XCTAssertEqual(looks[.ageOverdue], ResolvedLook(attributes: [.bold, .underline]))
        XCTAssertEqual(looks[.cursor], ResolvedLook(attributes: [.reverse]))
    }

    func testRGBAndBrightColoursAtEachDepth() {
        let theme = Theme(name: "t", looks: [
            .normal: Look(foreground: .rgb(0xdc, 0x32, 0x2f)),
            .link: Look(foreground: .index(12)),
            .title: Look(foreground: .index(196)),
        ])
        XCTAssertEqual(theme.resolved(for: .full)[.normal]?.foreground, 166)
        XCTAssertEqual(theme.resolved(for: .sixteen)[.normal]?.foreground, 1)
        XCTAssertEqual(theme.resolved(for: .full)[.title]?.foreground, 196)
        XCTAssertEqual(theme.resolved(for: .sixteen)[.title]?.foreground, 9)
        XCTAssertEqual(theme.resolved(for: .eight)[.link], ResolvedLook(foreground: 4, attributes: [.bold]))
    }

    func testUserThemesOverrideAddAndInherit() throws {
        let folder = try temporaryFolder("heed-themes")
        try #"""
        description = "mine"
        base = "dark"
        [elements]
        selected = { fg = "#000000", bg = "#ffd700", bold = true }
        """#.write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "description = \"my mono\"\n[elements]\nnormal = {}\n".write(to: folder.appendingPathComponent("mono.toml"), atomically: true, encoding: .utf8)
        let library = ThemeLibrary(userFolder: folder.path)
        XCTAssertEqual(library.names, ["dark", "high-contrast", "light", "mine", "mono", "solarized"])
        let (mine, problems) = library.theme(named: "mine")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(mine.look(.selected), Look(foreground: .rgb(0, 0, 0), background: .rgb(0xff, 0xd7, 0), bold: true))
        XCTAssertEqual(mine.look(.header), library.theme(named: "dark").0.look(.header))
        XCTAssertEqual(library.theme(named: "mono").0.description, "my mono")
    }

    func testBrokenThemesAreNamedByFileLineAndKeyAndFallBack() throws {
        let folder = try temporaryFolder("heed-themes")
        try "description = \"x\"\n[elements\nnormal = {}\n".write(to: folder.appendingPathComponent("syntax.toml"), atomically: true, encoding: .utf8)
        try "[elements]\nnormal = { fg = \"chartreuse\" }\nheadr = {}\nselected = { bold = \"yes\" }\n".write(to: folder.appendingPathComponent("keys.toml"), atomically: true, encoding: .utf8)
        try "base = \"loop2\"\n[elements]\nnormal = {}\n".write(to: folder.appendingPathComponent("loop1.toml"), atomically: true, encoding: .utf8)
        try "base = \"loop1\"\n[elements]\nnormal = {}\n".write(to: folder.appendingPathComponent("loop2.toml"), atomically: true, encoding: .utf8)
        let library = ThemeLibrary(userFolder: folder.path)

        let (fallback, syntax) = library.theme(named: "syntax")
        XCTAssertEqual(fallback.name, "dark")
        XCTAssertEqual(syntax.count, 1)
        XCTAssertEqual(syntax.first?.line, 2)
        XCTAssertTrue(syntax.first?.file.hasSuffix("syntax.toml") == true)

        let (kept, keys) = library.theme(named: "keys")
        XCTAssertEqual(kept.name, "keys")
        XCTAssertEqual(keys.map(\.key), ["elements.headr", "elements.normal.fg", "elements.selected.bold"].map(Optional.some).sorted { $0! < $1! })
        XCTAssertEqual(keys.first { $0.key == "elements.normal.fg" }?.line, 2)

        let (loop, loopProblems) = library.theme(named: "loop1")
        XCTAssertEqual(loop.name, "loop1")
        XCTAssertTrue(loopProblems.contains { $0.key == "base" && $0.reason.contains("leads back") }, "\(loopProblems)")

        let (missing, missingProblems) = library.theme(named: "nope")
        XCTAssertEqual(missing.name, "dark")
        XCTAssertTrue(missingProblems.first?.reason.contains("no theme named 'nope'") == true)
    }
}
