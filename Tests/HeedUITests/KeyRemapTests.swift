import Foundation
import HeedCore
import HeedUI
import Screen
import XCTest

/// `[keys]` made into the table that dispatches, draws the key bars and the help screen.
final class KeyRemapTests: XCTestCase {
    func testKeysByTheNamesUsersWrite() {
        XCTAssertEqual(Key(name: "e"), .character("e"))
        XCTAssertEqual(Key(name: "E"), .character("E"))
        XCTAssertEqual(Key(name: "?"), .character("?"))
        for name in ["Ctrl-E", "ctrl+e", "C-e", "^E"] { XCTAssertEqual(Key(name: name), .control("e"), name) }
        XCTAssertEqual(Key(name: "Enter"), .enter)
        XCTAssertEqual(Key(name: "esc"), .escape)
        XCTAssertEqual(Key(name: "Shift-Tab"), .backTab)
        XCTAssertEqual(Key(name: "Space"), .character(" "))
        XCTAssertEqual(Key(name: "PgDn"), .pageDown)
        XCTAssertEqual(Key(name: "↑"), .up)
        XCTAssertEqual(Key(name: "F5"), .function(5))
        for bad in ["", "ee", "Ctrl-1", "F13", "Hyper-x", "\u{1B}", " "] { XCTAssertNil(Key(name: bad), bad) }
    }

    func testTheUsersKeysWinAndShowInTheBarAndTheHelp() {
        let (table, problems) = KeyTable.standard.remapped([
            (nil, "acknowledge", ["e", "a"], 3), (nil, "mark", ["m"], 4), (nil, "undo", ["U"], 5), ("outbox", "edit", ["E"], 7),
        ])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(table.binding(for: .character("e"), in: .queue)?.command, .acknowledge)
        XCTAssertEqual(table.binding(for: .character("x"), in: .queue)?.command, nil, "mark's old key is free")
        XCTAssertEqual(table.binding(for: .character("E"), in: .outbox)?.command, .edit)
        XCTAssertEqual(table.binding(for: .character("e"), in: .outbox)?.command, nil)
        var settings = Settings()
        settings.keys = table
        var harness = Harness(settings: settings)
        XCTAssertEqual(harness.screen[23], " j/k move  e ack  r reply  s snooze  / search  m mark  U undo  ? help  q quit")
        harness.press(.character("e"))
        XCTAssertEqual(harness.state.status?.text, "Acknowledged alice@example.social (U undoes)", "messages name the user's keys")
        harness.press(.character("u"))
        XCTAssertEqual(harness.state.status?.text, "u does nothing here; press ? for the keys")
        harness.press(.character("U"))
        XCTAssertEqual(harness.state.queue.count, 3)
        harness.press(.character("?"))
        XCTAssertTrue(harness.screen.contains { $0.contains("e, a") && $0.contains("acknowledge") }, harness.screen.joined(separator: "\n"))
    }

    func testWhatIsWrongIsNamedByLineAndChangesNothing() {
        let (table, problems) = KeyTable.standard.remapped([
            (nil, "acknowledge", ["e"], 2),
            (nil, "reply", ["e", "Ctrl-R"], 3),
            (nil, "ackn", ["z"], 4),
            (nil, "snooze", ["Hyper-z"], 5),
            ("composer", "save", ["w"], 7),
            ("inbox", "next", ["n"], 8),
            (nil, "quit", [], 9),
            (nil, "help", ["q", "Ctrl-C"], 10),
            (nil, "filter", ["x"], 11),
        ])
        XCTAssertEqual(problems.map(\.line), [3, 4, 5, 7, 8, 9, 10, nil])
        XCTAssertEqual(problems[0], RemapProblem(line: 3, key: "keys.reply", reason: "e is given to acknowledge already (line 2)"))
        XCTAssertTrue(problems[1].reason.hasPrefix("Queue has no command ackn (it has next, previous, first"), problems[1].reason)
        XCTAssertEqual(problems[2].reason, "'Hyper-z' is not a key (write e, E, Ctrl-E, Enter, Esc, Tab, Space, F1 …)")
        XCTAssertEqual(problems[3].reason, "w is typed as text in the composer; give it Ctrl- or a named key")
        XCTAssertTrue(problems[4].reason.hasPrefix("no screen or prompt called inbox (search, snooze"), problems[4].reason)
        XCTAssertEqual(problems[5].reason, "quit must keep a key; it keeps q")
        XCTAssertEqual(problems[6].reason, "q, Ctrl-C would leave quit without a key")
        XCTAssertEqual(problems[7], RemapProblem(line: nil, key: "keys", reason: "mark in the queue has no key left (x went to other commands); give it one in [keys]"))
        XCTAssertEqual(table.binding(for: .character("r"), in: .queue)?.command, .reply, "a bad entry changes nothing")
        XCTAssertEqual(table.binding(for: .control("c"), in: .queue)?.command, .quit)
        XCTAssertEqual(table.binding(for: .character("x"), in: .queue)?.command, .filter)
    }
}
