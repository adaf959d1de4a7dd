import Foundation
import XCTest

/// The mouse on a real pty as xterm reports it (SGR 1006): heed asks for it, a click selects
/// the row under it and the wheel moves; `mouse = false` never asks.
final class MousePTYTests: HeedTestCase {
    func importTen() throws {
        // Handles unlike each other at every letter, so the status line redraws a name whole.
        let letters = Array("abcdefghij")
        try importMentions((0..<10).map { mention("\($0)", handle: String(repeating: letters[$0], count: 6), name: "N", text: "message \($0)", age: Double(10 - $0) * 600) })
    }

    func run(config: String) throws -> PTYProcess {
        let path = directory.appendingPathComponent("config.toml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        var environment = heedEnvironment
        environment["TERM"] = "xterm-256color"
        return try PTYProcess([heed, "--store", storePath, "--outbox", outboxPath, "--config", path], environment: environment, width: 100, height: 30)
    }

    func testAClickSelectsARowAndTheWheelMoves() throws {
        try importTen()
        let pty = try run(config: "")
        defer { pty.close() }
        XCTAssertTrue(pty.waitFor("quit"))
        XCTAssertTrue(pty.waitFor("\u{1B}[?1006;1000h"), "heed asks for the mouse: \(String(decoding: pty.output.prefix(300), as: UTF8.self).debugDescription)")
        pty.settle()
        // Press of the first button at column 20, row 5 (1-based): the fourth row of the list.
        pty.send("\u{1B}[<0;20;5M\u{1B}[<0;20;5m")
        pty.settle()
        var mark = pty.count
        pty.send("a")
        XCTAssertTrue(waitFor("dddddd (u undoes)", in: pty, after: mark), "the row clicked was the one acted on")
        pty.settle()
        // The wheel down: three rows on, past user3 gone.
        pty.send("\u{1B}[<65;20;5M")
        pty.settle()
        mark = pty.count
        pty.send("a")
        XCTAssertTrue(waitFor("hhhhhh", in: pty, after: mark), "the wheel moved three rows: \(String(decoding: pty.output.suffix(300), as: UTF8.self).debugDescription)")
        pty.send("q")
        XCTAssertEqual(pty.waitExit(), 0)
    }

    /// Whether `text` comes in the output after `offset` within ten seconds.
    func waitFor(_ text: String, in pty: PTYProcess, after offset: Int) -> Bool {
        let needle = Array(text.utf8)
        let end = Date().addingTimeInterval(10)
        repeat {
            if pty.output.dropFirst(offset).firstRange(of: needle) != nil { return true }
            usleep(10_000)
        } while Date() < end
        return false
    }

    func testMouseFalseLeavesTheMouseToTheTerminal() throws {
        try importTen()
        let pty = try run(config: "mouse = false\n")
        defer { pty.close() }
        XCTAssertTrue(pty.waitFor("quit"))
        pty.settle()
        pty.send("q")
        XCTAssertEqual(pty.waitExit(), 0)
        XCTAssertNil(pty.output.firstRange(of: Array("\u{1B}[?1006;1000h".utf8)), "never asked")
    }
}
