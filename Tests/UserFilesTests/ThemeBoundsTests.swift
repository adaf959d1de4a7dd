import Foundation
import HeedTheme
import XCTest

/// Themes however many, large, deep or looped: each reported by file, heed falls back to the
/// default, and building one theme never follows more than `maxBaseDepth` bases.
final class ThemeBoundsTests: XCTestCase {
    func testALongChainOfBasesStopsAtTheLimitAndTheFolderAtItsCount() throws {
        let scratch = try Scratch()
        for index in 0..<250 {
            try scratch.write(String(format: "c%04d.toml", index), String(format: "base = \"c%04d\"\n[elements]\nnormal = { bold = true }\n", index + 1))
        }
        let library = ThemeLibrary(userFolder: scratch.path)
        XCTAssertEqual(library.folderProblems.map(\.reason), ["holds 250 themes; heed reads the first 200 by name"])
        XCTAssertEqual(library.names.count, 200 + 5)
        let (theme, problems) = library.theme(named: "c0000")
        XCTAssertEqual(theme.name, "c0000")
        XCTAssertTrue(theme.look(.normal).bold)
        XCTAssertEqual(problems.map(\.reason), ["'c0016' is more than 16 bases down; heed follows at most 16"])
        XCTAssertTrue(problems.first?.file.hasSuffix("c0015.toml") == true, "\(problems)")
    }

    func testACycleIsNamedAtTheThemeThatClosesIt() throws {
        let scratch = try Scratch()
        for index in 0..<5 { try scratch.write("r\(index).toml", "base = \"r\((index + 1) % 5)\"\n[elements]\nnormal = {}\n") }
        let (theme, problems) = ThemeLibrary(userFolder: scratch.path).theme(named: "r0")
        XCTAssertEqual(theme.name, "r0")
        XCTAssertEqual(problems.map(\.reason), ["'r0' leads back to this theme"])
        XCTAssertEqual(problems.first?.line, 1)
        XCTAssertTrue(problems.first?.file.hasSuffix("r4.toml") == true)
    }

    func testLargeDeepAndSpecialFilesAreReportedAndTheDefaultUsed() throws {
        let scratch = try Scratch()
        try scratch.sparse("huge.toml", size: 100 << 20)
        try scratch.fifo("pipe.toml")
        try scratch.write("deep.toml", "[elements]\nnormal = " + String(repeating: "{a=", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\n")
        let library = ThemeLibrary(userFolder: scratch.path)
        for (name, says) in [("huge", "is 100.0 MiB, over the 64.0 KiB heed reads"), ("pipe", "is a FIFO, not a file"), ("deep", "nested")] {
            let (theme, problems) = library.theme(named: name)
            XCTAssertEqual(theme.name, "dark", name)
            XCTAssertTrue(problems.first?.reason.contains(says) == true, "\(name): \(problems)")
        }
    }
}
