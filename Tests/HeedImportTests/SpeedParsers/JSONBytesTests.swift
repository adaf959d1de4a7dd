import Foundation
import HeedCore
@testable import HeedImport
import TestSupport
import XCTest

/// The byte-level JSON reader against JSONSerialization: whatever it reads, it reads the same;
/// whatever it leaves (nil), `JSON.parse` reads through JSONSerialization with its messages.
final class JSONBytesTests: XCTestCase {
    /// The fast reading of a document, or nil when it leaves it to the fallback.
    func fast(_ text: String) -> JSON? { fast(Array(text.utf8)) }

    func fast(_ bytes: [UInt8]) -> JSON? {
        bytes.withUnsafeBufferPointer { JSONBytes.parse($0) }
    }

    /// Fails unless the fast reading, when there is one, is JSONSerialization's.
    func assertAgrees(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        guard let mine = fast(bytes) else { return }
        do {
            let reference = try JSON.foundationParse(Data(bytes))
            XCTAssertEqual(mine, reference, "\(String(decoding: bytes, as: UTF8.self).prefix(300))", file: file, line: line)
        } catch {
            XCTFail("read what JSONSerialization refuses (\(error)): \(String(decoding: bytes, as: UTF8.self).prefix(300))", file: file, line: line)
        }
    }

    func testTrickyDocuments() throws {
        // (document, what the fast reader must give; nil: left to JSONSerialization)
        let cases: [(String, JSON?)] = [
            (#"{"a":"x"}"#, .object(["a": .string("x")])),
            (" \t\r\n{ \"a\" : [ 1 , 2 ] } \n", .object(["a": .array([.integer("1"), .integer("2")])])),
            (#"{"q":"\"\\\/\b\f\n\r\t"}"#, .object(["q": .string("\"\\/\u{08}\u{0C}\n\r\t")])),
            (#"{"e":"caf\u00e9 \u65e5\u672c"}"#, .object(["e": .string("café 日本")])),
            (#"{"s":"\ud83d\ude00 and \uD83C\uDDEF\uD83C\uDDF5"}"#, .object(["s": .string("😀 and 🇯🇵")])),
            (#"{"z":"\u0000x"}"#, .object(["z": .string("\u{0}x")])),
            (#"{"raw":"日本語 😀 نور"}"#, .object(["raw": .string("日本語 😀 نور")])),
            (#"{"id":1790000000000000001,"big":18446744073709551615,"neg":-42,"zero":-0}"#,
             .object(["id": .integer("1790000000000000001"), "big": .integer("18446744073709551615"), "neg": .integer("-42"), "zero": .integer("0")])),
            (#"{"f":1.5,"g":-0.25,"h":1e2,"i":2.5E-3,"j":0.1}"#,
             .object(["f": .number(1.5), "g": .number(-0.25), "h": .number(100), "i": .number(0.0025), "j": .number(0.1)])),
            (#"{"t":true,"f":false,"n":null}"#, .object(["t": .bool(true), "f": .bool(false), "n": .null])),
            (#"{"a":1,"a":2}"#, .object(["a": .integer("2")])),
            (#"{"deep":{"x":[{"y":{"z":[[],{}]}}]}}"#, .object(["deep": .object(["x": .array([.object(["y": .object(["z": .array([.array([]), .object([:])])])])])])])),
            ("[]", .array([])), ("{}", .object([:])), ("\"text\"", .string("text")), ("42", .integer("42")), ("null", .null),
            // Left to JSONSerialization:
            (#"{"a":"\ud800"}"#, nil), (#"{"a":"\udc00\ud800"}"#, nil), (#"{"a":"\x"}"#, nil), ("{\"a\":\"x\u{01}y\"}", nil),
            (#"{"a":[1,]}"#, nil), (#"{"a":1,}"#, nil), (#"{"a":01}"#, nil), (#"{"a":1.}"#, nil), (#"{"a":.5}"#, nil),
            (#"{"a":1e400}"#, nil), (#"{"a":18446744073709551616}"#, nil), (#"{"a":-9223372036854775808}"#, nil),
            (#"{"a":0.30000000000000004}"#, nil), (#"{"a":nul}"#, nil), ("\u{FEFF}{\"a\":1}", nil), ("", nil), ("   ", nil),
            (#"{"a":1} x"#, nil), (#"{"a":1"#, nil), (#"{"a" 1}"#, nil), (#"[1 2]"#, nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(fast(text), expected, text)
            assertAgrees(Array(text.utf8))
            // JSON.parse answers what JSONSerialization answers, fast or not.
            let reference = Result { try JSON.foundationParse(Data(text.utf8)) }
            let parsed = Result { try JSON.parse(Data(text.utf8)) }
            switch (parsed, reference) {
            case (.success(let a), .success(let b)): XCTAssertEqual(a, b, text)
            case (.failure(let a), .failure(let b)): XCTAssertEqual("\(a)", "\(b)", text)
            default: XCTFail("JSON.parse and JSONSerialization disagree on \(text)")
            }
        }
    }

    func testInvalidUTF8IsLeftToTheFallback() {
        XCTAssertNil(fast(Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8)))
        XCTAssertNil(fast(Array(#"{"a":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)))
        XCTAssertNil(fast(Array(#"{"a":"x\""#.utf8) + [0xC3] + Array(#""}"#.utf8)))
        XCTAssertNil(fast(Array(#"{""#.utf8) + [0xFF] + Array(#"":1}"#.utf8)))
        // Overlong forms, surrogates, beyond U+10FFFF, truncated and stray bytes; in values,
        // keys, strings with escapes and skipped strings alike.
        let bad: [[UInt8]] = [[0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80],
                              [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xE2, 0x82],
                              [0x80], [0xBF], [0xC3], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0x28], [0xFE], [0xC3, 0xC3]]
        let good: [[UInt8]] = [[0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
                               [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF0, 0x9F, 0x98, 0x80]]
        for (sequences, readable) in [(bad, false), (good, true)] {
            for sequence in sequences {
                for (before, after) in [(#"{"a":"x"#, #"y"}"#), (#"{"x"#, #"y":1}"#), (#"{"a":"\n"#, #"\t"}"#), (#"["a"#, #"b"]"#)] {
                    let bytes = Array(before.utf8) + sequence + Array(after.utf8)
                    XCTAssertEqual(fast(bytes) != nil, readable, "\(sequence) in \(before)…\(after)")
                    assertAgrees(bytes)
                }
            }
        }
    }

    func testNestingBeyondTheLimitIsLeftToTheFallback() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertNil(fast(deep))
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNotNil(fast(fine))
        assertAgrees(Array(fine.utf8))
    }

    func testMessagesForBadPagesAreJSONSerializations() throws {
        let bad = Data("[{\"id\": \"1\",\n \"type\": mention}]".utf8)
        XCTAssertThrowsError(try JSON.parse(bad)) { error in
            XCTAssertTrue("\(error)".hasPrefix("not valid JSON: "), "\(error)")
            XCTAssertTrue("\(error)".contains("(line 2, column"), "\(error)")
        }
    }

    /// Random documents, written with random spacing, then mutated byte by byte.
    func testRandomDocumentsAgreeWithJSONSerialization() {
        var seeded = SeededRandom.forTest("JSONBytesTests", seed: 20_261_120)
        var read = 0
        for round in 0..<3_000 {
            var text = ""
            Self.write(Self.value(&seeded, depth: 0), into: &text, &seeded)
            var bytes = Array(text.utf8)
            if fast(bytes) != nil { read += 1 }
            assertAgrees(bytes)
            if round % 3 == 0, !bytes.isEmpty {
                // One damaged byte: a quote, a brace, a digit, a backslash or a random byte.
                let at = Int(seeded.next() % UInt64(bytes.count))
                let damage: [UInt8] = [0x22, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x5C, 0x30, 0x2D, 0x65, 0x00, 0x1F, 0xC3, 0xFF]
                switch seeded.next() % 3 {
                case 0: bytes[at] = damage[Int(seeded.next() % UInt64(damage.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(damage[Int(seeded.next() % UInt64(damage.count))], at: at)
                }
                assertAgrees(bytes)
            }
        }
        XCTAssertGreaterThan(read, 1_500, "the fast reader should read the ordinary documents (the generator also writes many it leaves)")
    }

    /// Pages of an API's size (tens of KB): read, and read the same.
    func testLargePagesAgree() {
        var seeded = SeededRandom.forTest("JSONBytesTests", seed: 99)
        for _ in 0..<20 {
            var text = "["
            while text.utf8.count < 40_000 {
                if text.utf8.count > 1 { text += seeded.pick([",", " ,\n "]) }
                Self.write(Self.value(&seeded, depth: 1, good: true), into: &text, &seeded)
            }
            text += "]"
            XCTAssertNotNil(fast(text))
            assertAgrees(Array(text.utf8))
        }
        let page = "[" + (0..<300).map { #"{"id":"\#($0)","type":"mention","status":{"content":"<p>caf\u00e9 \"\#($0)\"</p>","n":[1,2.5,null,true]}}"# }.joined(separator: ",") + "]"
        XCTAssertEqual(fast(page)?.array?.count, 300)
        assertAgrees(Array(page.utf8))
        for bad in [page + ",", "[," + page.dropFirst(), String(page.dropLast()) + ",]", String(page.dropLast())] {
            XCTAssertNil(fast(bad), bad.suffix(20).description)
        }
    }

    // MARK: - A small generator of JSON text

    indirect enum Value {
        case object([(String, Value)]), array([Value]), string(String), number(String), literal(String)
    }

    static let keys = ["id", "type", "a", "created_at", "account", "é", "e\u{301}", "caf\\u00e9", "café", "k\\n", "", "📸", "status", "id"]
    static let strings = [
        "", "plain", "with \\\"quotes\\\"", "back\\\\slash", "line\\nbreak\\ttab", "\\u00e9t\\u00e9", "\\ud83d\\ude00", "😀 raw", "日本語",
        "\\u0000nul", "ctl\\u001fx", "slash\\/", "\\uD83C\\uDDEF\\uD83C\\uDDF5", "<p>@<span>you</span> &amp; ok</p>", "\u{7F}del", "\u{2028}sep",
        "a\\b\\f\\r", "\\ud800 lone", "\\udc00 low", "bad \\x escape", "\\u12", "\\u00E9",
    ]
    static let numbers = [
        "0", "-0", "7", "-7", "42", "110000000000000000", "1790000000000000001", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "-9223372036854775807", "-922337203685477580", "-1000000000000000000",
        "1.5", "-2.25", "0.1", "1e2", "1E2", "1e+2", "2.5e-3", "1.7976931348623157e308", "1e400", "0.30000000000000004",
        "123456789012345678901234567890", "1.0", "100.000", "12345678901234567", "1234567890123456.7", "5e-324", "01", "1.", ".5", "-", "1e",
    ]

    /// Values JSONSerialization reads and the fast reader reads too.
    static let goodStrings = strings.filter { !["\\ud800 lone", "\\udc00 low", "bad \\x escape", "\\u12"].contains($0) }
    static let goodNumbers = ["0", "-0", "7", "-7", "42", "110000000000000000", "1790000000000000001", "18446744073709551615", "1.5", "-2.25", "0.1", "1e2", "1E2", "2.5e-3"]

    static func value(_ random: inout SeededRandom, depth: Int, good: Bool = false) -> Value {
        switch random.next() % (depth > 3 ? 3 : 6) {
        case 0: return .string(random.pick(good ? goodStrings : strings))
        case 1: return .number(random.pick(good ? goodNumbers : numbers))
        case 2: return .literal(random.pick(["true", "false", "null"]))
        case 3, 4:
            return .object((0..<Int(random.next() % 6)).map { _ in (random.pick(keys), value(&random, depth: depth + 1, good: good)) })
        default:
            return .array((0..<Int(random.next() % 6)).map { _ in value(&random, depth: depth + 1, good: good) })
        }
    }

    static func write(_ value: Value, into text: inout String, _ random: inout SeededRandom) {
        func space() { text += random.pick(["", "", "", " ", "\n", "\t ", "\r\n"]) }
        space()
        switch value {
        case .string(let s): text += "\"\(s)\""
        case .number(let n): text += n
        case .literal(let l): text += l
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                space()
                text += "\"\(member.0)\""
                space()
                text += ":"
                write(member.1, into: &text, &random)
            }
            space()
            text += "}"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                write(item, into: &text, &random)
            }
            space()
            text += "]"
        }
        space()
    }
}
