import Foundation
import XCTest

/// Hostile mention text through import → render → a real pty: only heed's own terminal sequences reach it.
final class HostileTextPTYTests: HeedTestCase {
    /// The hostile strings: OSC 52 and title writes, CSI, DCS, C1 forms, DEL, BEL, BS, NUL, bidi.
    static let clip = "\u{1B}]52;c;ZXZpbA==\u{07}", title0 = "\u{1B}]0;pwned\u{1B}\\", title2 = "\u{1B}]2;pwned\u{07}"
    static let dcs = "\u{1B}P1$qm\u{1B}\\", c1OSC = "\u{9D}0;pwned\u{07}"

    /// The visible word after each hostile sequence: each must reach the screen.
    // Distinct words: ncurses skips cells that did not change, so a shared prefix would be split.
    static let markers = [
        "WALRUS", "PELICAN", "HERON", "BISON", "OTTER", "FALCON",
        "JACKAL", "IGUANA", "KOALA", "MARMOT", "NARWHAL", "OCELOT", "PUFFIN",
        "QUAIL", "RACCOON", "SALMON", "TAPIR", "URCHIN", "VULTURE", "WOMBAT", "YAPOK", "ZEBRA", "ANTELOPE",
        "BADGER", "CHEETAH", "DINGO", "ELAND", "FERRET", "GECKO", "HYENA", "IBEX",
        "LONGNAMELEMUR", "MONGOOSE", "中文字符", "写得很好",
    ]

    /// Five mentions, oldest first (the queue's order), hostile in text, name, handle and url.
    // The store cuts strings at U+0000 (reported), so NUL comes last and "GONE" is not checked.
    func hostileMentions() -> [[String: Any]] {
        var long = "LONGNAMELEMUR \(Self.title0)"
        while long.count < 10_000 { long += "长名字abc \u{202E}" }
        long = String(long.prefix(10_000))
        let rows: [(handle: String, name: String, text: String, url: String)] = [
            ("eve\(Self.clip)WALRUS", "Eve \(Self.title0)PELICAN",
             "Clip \(Self.clip)HERON title \(Self.title0)BISON and \(Self.title2)OTTER\nline two\tafter a tab 中文字符 😀 🇯🇵",
             "https://example.social/@eve/1\(Self.clip)FALCON"),
            ("mallory\u{1B}[2JJACKAL", "Mallory\u{1B}[31mIGUANA\u{1B}[?1049l",
             "Screen \u{1B}[2JKOALA red \u{1B}[31mMARMOT alt \u{1B}[?1049lNARWHAL dcs \(Self.dcs)OCELOT 写得很好 👍",
             "https://m.example/2\u{1B}[?1049lPUFFIN"),
            ("c1\u{9B}2JQUAIL", "Trudy C1 \u{85}RACCOON",
             "Nel \u{85}SALMON csi \u{9B}31mTAPIR osc \(Self.c1OSC)URCHIN clip \u{9D}52;c;ZXZpbA==\u{9C}VULTURE"
                + " del \u{7F}WOMBAT bel \u{07}YAPOK bs KEEP\u{08}\u{08}\u{08}\u{08}ZEBRA nul \u{00}GONE",
             "https://c1.example.org/3\(Self.c1OSC)ANTELOPE\u{00}GONE"),
            ("bidi\u{2066}BADGER\u{2069}", "\u{202E}CHEETAH\u{202C}",
             "Bidi \u{202E}DINGO\u{202C} iso \u{2066}ELAND\u{2069} \u{2067}FERRET\u{2069} \u{2068}GECKO\u{2069} mark \u{200F}HYENA 🎉",
             "https://bidi.example/4\u{202E}IBEX"),
            ("long@example.social", long, "Tabs\there\tand\nnewlines\n\nMONGOOSE 中文 😀 \(Self.clip)", "https://example.social/5"),
        ]
        return rows.enumerated().map { index, row in
            var item = mention("\(index + 1)", handle: row.handle, name: row.name, text: row.text, age: Double(90_000 - index * 10_000))
            item["url"] = row.url
            return item
        }
    }

    /// What one run on the pty left: every byte, where `q` was pressed, and the exit code.
    struct Run { var bytes: [UInt8]; var quitOffset: Int; var status: Int32? }

    /// Imports the hostile mentions, runs heed on a 100×30 pty and walks list, help, composer and end.
    func runOnPTY(term: String, noColor: Bool, file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        try importMentions(hostileMentions(), file: file, line: line)
        var environment = heedEnvironment
        environment["TERM"] = term
        if noColor { environment["NO_COLOR"] = "1" }
        let pty = try PTYProcess([heed, "--store", storePath, "--outbox", outboxPath], environment: environment, width: 100, height: 30)
        defer { pty.close() }
        guard pty.waitFor("quit") else {
            XCTFail("no key bar within 10 s; output: \(String(decoding: pty.output, as: UTF8.self).debugDescription)", file: file, line: line)
            return Run(bytes: pty.output, quitOffset: pty.count, status: pty.waitExit(timeout: 0))
        }
        pty.settle()
        // Down twice, help, back, the composer quoting mention 3, back, down, to the end.
        for (key, shows) in [("j", nil), ("j", nil), ("?", "heed: keys"), ("\u{1B}", nil), ("r", "your reply"), ("\u{1B}", nil), ("j", nil), ("G", nil)] {
            pty.send(key)
            if let shows { XCTAssertTrue(pty.waitFor(shows), "\(shows.debugDescription) never appeared after \(key.debugDescription)", file: file, line: line) }
            usleep(50_000)
            pty.settle()
        }
        let quitOffset = pty.count
        pty.send("q")
        let status = pty.waitExit(timeout: 10)
        pty.settle()
        return Run(bytes: pty.output, quitOffset: quitOffset, status: status)
    }

    /// One escape sequence seen in the output: where it starts and its bytes.
    struct Sequence { var offset: Int; var bytes: [UInt8]; var text: String { String(decoding: bytes, as: UTF8.self) } }

    /// Splits out every ESC sequence: CSI to its final byte, `ESC` + intermediates + final, or two bytes.
    static func escapes(in bytes: [UInt8]) -> (sequences: [Sequence], malformed: [Int]) {
        var sequences: [Sequence] = [], malformed: [Int] = [], index = 0
        while index < bytes.count {
            guard bytes[index] == 0x1B else { index += 1; continue }
            var end = index + 1
            if end < bytes.count, bytes[end] == 0x5B {
                end += 1
                while end < bytes.count, (0x30...0x3F).contains(bytes[end]) { end += 1 }
                while end < bytes.count, (0x20...0x2F).contains(bytes[end]) { end += 1 }
                if end >= bytes.count || !(0x40...0x7E).contains(bytes[end]) { malformed.append(index); index += 1; continue }
            } else {
                while end < bytes.count, (0x20...0x2F).contains(bytes[end]) { end += 1 }
                if end >= bytes.count || !(0x30...0x7E).contains(bytes[end]) { malformed.append(index); index += 1; continue }
            }
            sequences.append(Sequence(offset: index, bytes: Array(bytes[index...end])))
            index = end + 1
        }
        return (sequences, malformed)
    }

    /// A sequence's shape: numbers become `n` except in private modes (`ESC [?1049h`).
    static func form(_ sequence: Sequence) -> String {
        let text = sequence.text.dropFirst()
        guard text.hasPrefix("["), !text.hasPrefix("[?") else { return "ESC " + text }
        return "ESC " + text.replacingOccurrences(of: "[0-9]+", with: "n", options: .regularExpression)
    }

    /// The terminfo string `capability` of `term`, via `tput`; nil when it has none.
    static func terminfo(_ term: String, _ capability: String) -> String? {
        guard let result = try? Spawn.run(["tput", "-T", term, capability]), result.status == 0 else { return nil }
        return result.stdout
    }

    /// Every check on the bytes of one run; returns the escape forms seen.
    @discardableResult
    func assertClean(_ run: Run, term: String, twoByteForms: Set<String>, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        // heed's own question for the background colour, written before the screen opens, is
        // the one OSC allowed; the rest of the output is checked without it.
        let asked = run.bytes.starts(with: Self.backgroundQuestion)
        let bytes = asked ? Array(run.bytes.dropFirst(Self.backgroundQuestion.count)) : run.bytes
        let quitOffset = run.quitOffset - (asked ? Self.backgroundQuestion.count : 0)
        XCTAssertEqual(run.status, 0, "heed did not exit 0 after q", file: file, line: line)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            XCTFail("the output is not valid UTF-8", file: file, line: line)
            return []
        }
        // C0 controls: only what ncurses uses for motion on this terminal.
        var allowedC0: Set<UInt8> = [0x0A, 0x0D, 0x1B]
        for capability in ["cub1", "ht", "smacs", "rmacs"] {
            if let value = Self.terminfo(term, capability), value.utf8.count == 1, let byte = value.utf8.first, byte < 0x20 { allowedC0.insert(byte) }
        }
        let c0 = Set(bytes.filter { $0 < 0x20 || $0 == 0x7F })
        XCTAssertTrue(c0.isSubset(of: allowedC0), "control bytes beyond \(allowedC0.sorted()): \(c0.subtracting(allowedC0).sorted())", file: file, line: line)
        for (name, byte) in [("NUL", 0x00), ("BEL", 0x07), ("DEL", 0x7F)] as [(String, UInt8)] {
            XCTAssertFalse(bytes.contains(byte), "\(name) reached the terminal at \(bytes.firstIndex(of: byte) ?? -1)", file: file, line: line)
        }
        XCTAssertNil(bytes.firstRange(of: Array("\u{08}ZEBRA".utf8)), "the input's backspaces reached the terminal", file: file, line: line)
        let banned: [ClosedRange<UInt32>] = [0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E...0x200F, 0x061C...0x061C]
        let leaked = text.unicodeScalars.filter { scalar in banned.contains { $0.contains(scalar.value) } }
        XCTAssertTrue(leaked.isEmpty, "C1 or bidi controls reached the terminal: \(leaked.map { String($0.value, radix: 16) })", file: file, line: line)
        // Escape sequences: only ncurses' own, none carrying a payload.
        for introducer in ["]", "P", "X", "^", "_"] {
            XCTAssertFalse(text.contains("\u{1B}" + introducer), "ESC \(introducer) reached the terminal", file: file, line: line)
        }
        let (sequences, malformed) = Self.escapes(in: bytes)
        XCTAssertTrue(malformed.isEmpty, "ESC not starting a CSI or a two-byte form at offsets \(malformed.prefix(10))", file: file, line: line)
        let forms = Set(sequences.map(Self.form))
        let twoByte = Set(forms.filter { !$0.hasPrefix("ESC [") })
        // Scrolling part of the screen back (ESC M, terminfo's ri) is ncurses' to choose.
        let allowed = twoByteForms.union(Self.terminfo(term, "ri") == "\u{1B}M" ? ["ESC M"] : [])
        XCTAssertTrue(twoByte.isSubset(of: allowed), "two-byte escape forms beyond terminfo's: \(twoByte.subtracting(allowed).sorted())", file: file, line: line)
        XCTAssertTrue(twoByteForms.isSubset(of: twoByte), "the keypad and charset forms ncurses always sends: \(twoByteForms.subtracting(twoByte).sorted())", file: file, line: line)
        for sequence in sequences {
            let payload = sequence.text
            XCTAssertFalse(payload.contains("pwned") || payload.contains("ZXZpbA"), "a payload inside \(payload.debugDescription)", file: file, line: line)
            let tail = String(decoding: bytes[(sequence.offset + sequence.bytes.count)...].prefix(12), as: UTF8.self)
            XCTAssertFalse(tail.hasPrefix("pwned") || tail.hasPrefix("ZXZpbA") || tail.hasPrefix("52;c;"),
                           "a payload right after \(payload.debugDescription)", file: file, line: line)
            if payload == "\u{1B}[2J" {
                XCTAssertEqual(Array(bytes[max(0, sequence.offset - 3)..<sequence.offset]), Array("\u{1B}[H".utf8),
                               "ESC [2J at \(sequence.offset) is not ncurses' clear (ESC [H ESC [2J)", file: file, line: line)
            }
            if payload.hasSuffix("t") {
                XCTAssertTrue(["\u{1B}[22;0;0t", "\u{1B}[23;0;0t"].contains(payload), "a window operation: \(payload.debugDescription)", file: file, line: line)
            }
            if payload == "\u{1B}[?1049l" {
                XCTAssertGreaterThanOrEqual(sequence.offset, quitOffset, "left the alternate screen before q", file: file, line: line)
            }
        }
        let leaves = sequences.filter { $0.text == "\u{1B}[?1049l" }.count
        if Self.terminfo(term, "rmcup")?.contains("?1049l") == true { XCTAssertEqual(leaves, 1, "ESC [?1049l count", file: file, line: line) }
        // The visible words after every hostile sequence reach the screen.
        let missing = Self.markers.filter { !text.contains($0) }
        XCTAssertTrue(missing.isEmpty, "visible words that never reached the screen: \(missing)", file: file, line: line)
        let seen = forms.sorted()
        print("\(term): \(bytes.count) bytes; C0 \(c0.sorted()); escape forms: \(seen.joined(separator: "  "))")
        return seen
    }

    /// What heed asks a terminal before its screen opens when no theme is chosen: OSC 11
    /// (the background colour), then device attributes.
    static let backgroundQuestion = Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8)

    /// xterm-256color: colours allowed, every hostile byte stripped, the markers visible.
    func testHostileTextOnXterm256() throws {
        let run = try runOnPTY(term: "xterm-256color", noColor: false)
        XCTAssertTrue(run.bytes.starts(with: Self.backgroundQuestion), "no theme chosen: the background is asked first")
        assertClean(run, term: "xterm-256color", twoByteForms: ["ESC (B", "ESC =", "ESC >"])
    }

    /// vt100 with NO_COLOR: no colour sequence at all, still no hostile byte.
    func testHostileTextOnVT100WithNoColor() throws {
        let run = try runOnPTY(term: "vt100", noColor: true)
        XCTAssertFalse(run.bytes.starts(with: Self.backgroundQuestion), "without colours nothing is asked")
        let forms = assertClean(run, term: "vt100", twoByteForms: ["ESC (B", "ESC )0", "ESC =", "ESC >"])
        for sequence in Self.escapes(in: run.bytes).sequences where sequence.text.hasSuffix("m") {
            let parameters = sequence.text.dropFirst(2).dropLast().split(separator: ";", omittingEmptySubsequences: false).compactMap { Int($0) }
            let colour = parameters.contains { (30...49).contains($0) || (90...107).contains($0) }
            XCTAssertFalse(colour || sequence.text.contains("38;5") || sequence.text.contains("48;5"), "a colour sequence: \(sequence.text.debugDescription)")
        }
        XCTAssertFalse(forms.isEmpty)
    }
}
