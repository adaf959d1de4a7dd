import HeedTheme
import XCTest

/// Telling a light terminal from a dark one: `COLORFGBG` and the answer to OSC 11.
final class BackgroundTests: XCTestCase {
    func testCOLORFGBGNamesTheBackgroundLast() {
        XCTAssertEqual(Background.from(colorFGBG: "15;0"), .dark)
        XCTAssertEqual(Background.from(colorFGBG: "0;15"), .light)
        XCTAssertEqual(Background.from(colorFGBG: "0;default;15"), .light, "rxvt's three fields")
        XCTAssertEqual(Background.from(colorFGBG: "0;7"), .light)
        XCTAssertEqual(Background.from(colorFGBG: "7;8"), .dark)
        for unknown in [nil, "", "default", "0;default", "0;16", "0;-1"] as [String?] {
            XCTAssertNil(Background.from(colorFGBG: unknown), unknown ?? "nil")
        }
    }

    func testTheAnswerToOSC11IsReadWhereverItIs() {
        XCTAssertEqual(Background.from(osc11Reply: Array("\u{1B}]11;rgb:ffff/ffff/ffff\u{07}".utf8)), .light)
        XCTAssertEqual(Background.from(osc11Reply: Array("\u{1B}]11;rgb:0000/0000/0000\u{1B}\\\u{1B}[?62;22c".utf8)), .dark)
        XCTAssertEqual(Background.from(osc11Reply: Array("x\u{1B}]11;rgb:fd/f6/e3\u{07}".utf8)), .light, "two digits a channel (Solarized light)")
        XCTAssertEqual(Background.from(osc11Reply: Array("\u{1B}]11;rgba:1e1e/1e1e/2e2e/ffff\u{07}".utf8)), .dark)
        XCTAssertEqual(Background.from(osc11Reply: Array("\u{1B}]11;rgb:00/ff/00\u{07}".utf8)), .light, "green weighs most")
        XCTAssertNil(Background.from(osc11Reply: Array("\u{1B}[?62;22c".utf8)), "a terminal that knows no OSC 11")
        XCTAssertNil(Background.from(osc11Reply: Array("\u{1B}]11;rgb:ffff/ffff".utf8)), "cut short")
        XCTAssertNil(Background.from(osc11Reply: Array("\u{1B}]11;#ffffff\u{07}".utf8)))
        XCTAssertNil(Background.from(osc11Reply: Array("\u{1B}]11;rgb:fffff/0/0\u{07}".utf8)), "five digits")
        XCTAssertNil(Background.from(osc11Reply: Array(repeating: 0x41, count: 5_000) + Array("\u{1B}]11;rgb:ff/ff/ff\u{07}".utf8)), "bounded")
    }

    func testTheDeviceAttributesEndTheWait() {
        XCTAssertTrue(Background.hasDeviceAttributes(Array("\u{1B}]11;rgb:0/0/0\u{07}\u{1B}[?64;1;2c".utf8)))
        XCTAssertFalse(Background.hasDeviceAttributes(Array("\u{1B}[?64;1;2".utf8)))
        XCTAssertFalse(Background.hasDeviceAttributes([]))
    }

    func testALightBackgroundPicksTheLightTheme() {
        XCTAssertEqual(Background.light.theme, "light")
        XCTAssertEqual(Background.dark.theme, ThemeLibrary.defaultName)
    }
}
