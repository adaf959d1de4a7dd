import Screen
import XCTest

/// The terminal's writes, as data: what `ScreenDiff` says must change between two buffers.
final class ScreenDiffTests: XCTestCase {
    /// A buffer with `lines` drawn from the left edge in one role.
    func buffer(_ lines: [String], width: Int = 8, role: Role = .normal) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { buffer.put(line, x: 0, y: y, role: role) }
        return buffer
    }

    /// Runs as "x,y text" for comparing at a glance.
    func runs(_ diff: ScreenDiff) -> [String] { diff.runs.map { "\($0.x),\($0.y) \($0.text)" } }

    func testNothingShownWritesEverythingAfterAClear() {
        let diff = ScreenDiff.between(nil, buffer(["ab", "中"], width: 3))
        XCTAssertTrue(diff.clearsFirst)
        XCTAssertEqual(runs(diff), ["0,0 ab ", "0,1 中 "])
    }

    func testTheSameBufferWritesNothing() {
        let shown = buffer(["heed", "queue"])
        XCTAssertEqual(ScreenDiff.between(shown, shown), ScreenDiff(clearsFirst: false, runs: []))
    }

    func testOnlyChangedCellsAreWrittenInRunsPerRow() {
        let diff = ScreenDiff.between(buffer(["abcdefgh", "12345678"]), buffer(["abXYefgZ", "12345678"]))
        XCTAssertFalse(diff.clearsFirst)
        // A cell is written again when the cell after it changed: b before XY, g before Z.
        XCTAssertEqual(runs(diff), ["1,0 bXY", "6,0 gZ"])
    }

    func testARoleChangeAloneIsWritten() {
        let diff = ScreenDiff.between(buffer(["abc"], width: 3), buffer(["abc"], width: 3, role: .selected))
        XCTAssertEqual(diff.runs, [ScreenDiff.Run(x: 0, y: 0, cells: "abc".map { Cell(text: String($0), role: .selected) })])
    }

    func testAWideGlyphIsWrittenWithItsContinuationAndItsNeighbour() {
        let diff = ScreenDiff.between(buffer(["abcd"], width: 4), buffer(["a中d"], width: 4))
        XCTAssertEqual(diff.runs, [ScreenDiff.Run(x: 0, y: 0, cells: [Cell(text: "a", role: .normal), Cell(text: "中", role: .normal), Cell(text: "", role: .normal)])])
        let back = ScreenDiff.between(buffer(["a中d"], width: 4), buffer(["abcd"], width: 4))
        XCTAssertEqual(runs(back), ["0,0 abc"])
    }

    func testANewSizeClearsAndWritesEverything() {
        let diff = ScreenDiff.between(buffer(["ab"], width: 2), buffer(["ab", "cd"], width: 2))
        XCTAssertTrue(diff.clearsFirst)
        XCTAssertEqual(runs(diff), ["0,0 ab", "0,1 cd"])
    }
}
