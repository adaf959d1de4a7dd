import Foundation
import HeedCore

/// Damages a page the ways hostile or broken input does: flipped bits, cuts, splices of other
/// pages, deep nesting, huge numbers, invalid UTF-8, NULs, enormous strings, values of the wrong
/// type, other line ends. Each mutation says its name, for the failure message.
struct Mutator {
    /// Every mutation, by name.
    static let all: [(name: String, apply: @Sendable (inout [UInt8], [[UInt8]], inout SeededRandom) -> Void)] = [
        ("flip bits", flipBits), ("truncate", truncate), ("cut a middle", cutMiddle), ("splice", splice),
        ("deep nesting", deepNesting), ("huge number", hugeNumber), ("invalid UTF-8", invalidUTF8),
        ("NUL", nul), ("enormous string", enormousString), ("wrong type", wrongType),
        ("escape", escape), ("line ends", lineEnds), ("repeat a line", repeatLine),
    ]

    /// `page` with one to three mutations applied (`others` are pages to splice from), and their names.
    static func mutate(_ page: [UInt8], others: [[UInt8]], using generator: inout SeededRandom) -> ([UInt8], [String]) {
        var bytes = page
        var names: [String] = []
        // Mostly one: a page broken in one place still has records to read around it.
        for _ in 0..<[1, 1, 1, 1, 1, 1, 2, 2, 2, 3].randomElement(using: &generator)! {
            let mutation = all.randomElement(using: &generator)!
            mutation.apply(&bytes, others, &generator)
            names.append(mutation.name)
        }
        return (bytes, names)
    }

    static func position(_ bytes: [UInt8], _ generator: inout SeededRandom) -> Int {
        Int.random(in: 0...bytes.count, using: &generator)
    }

    /// Just after a random quote, that is inside a string or a key (or anywhere, when there is none).
    static func insideString(_ bytes: [UInt8], _ generator: inout SeededRandom) -> Int {
        let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
        return quotes.randomElement(using: &generator).map { $0 + 1 } ?? position(bytes, &generator)
    }

    static func flipBits(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        guard !bytes.isEmpty else { return }
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 1 << UInt8.random(in: 0...7, using: &generator)
        }
    }

    static func truncate(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        bytes.removeSubrange(position(bytes, &generator)...)
    }

    static func cutMiddle(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let a = position(bytes, &generator), b = position(bytes, &generator)
        bytes.removeSubrange(min(a, b)..<max(a, b))
    }

    static func splice(_ bytes: inout [UInt8], _ others: [[UInt8]], _ generator: inout SeededRandom) {
        guard let other = others.randomElement(using: &generator) else { return }
        let a = position(other, &generator), b = position(other, &generator)
        bytes.insert(contentsOf: other[min(a, b)..<max(a, b)], at: position(bytes, &generator))
    }

    static func deepNesting(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let depth = [64, 513, 5_000, 100_000].randomElement(using: &generator)!
        let (open, middle, close): (String, String, String) = Bool.random(using: &generator) ? ("[", "1", "]") : ("{\"a\":", "\"x\"", "}")
        let nested = String(repeating: open, count: depth) + middle + String(repeating: close, count: Bool.random(using: &generator) ? depth : depth / 2)
        bytes.insert(contentsOf: Array(nested.utf8), at: position(bytes, &generator))
    }

    static let numbers = ["1e999999", "-1e-999999", String(repeating: "9", count: 500), "18446744073709551616",
                          "-9223372036854775809", "1.7976931348623157e309", "NaN", "-Infinity", "-0", "0x10", "1e", "--1", "4.9e-325"]

    static func hugeNumber(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let number = Array(numbers.randomElement(using: &generator)!.utf8)
        let digits = bytes.indices.filter { (48...57).contains(bytes[$0]) && ($0 == 0 || !(48...57).contains(bytes[$0 - 1])) }
        guard let start = digits.randomElement(using: &generator) else {
            bytes.insert(contentsOf: number, at: position(bytes, &generator))
            return
        }
        var end = start
        while end < bytes.count, (48...57).contains(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
        bytes.replaceSubrange(start..<end, with: number)
    }

    static let invalid: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xC3], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE, 0xFF]]

    static func invalidUTF8(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        bytes.insert(contentsOf: invalid.randomElement(using: &generator)!, at: insideString(bytes, &generator))
    }

    static func nul(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let nul: [UInt8] = Bool.random(using: &generator) ? [0] : Array("\\u0000".utf8)
        bytes.insert(contentsOf: nul, at: insideString(bytes, &generator))
    }

    static func enormousString(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let unit = ["a", "😀", "\\n", "中", "<b>", "&amp;", " "].randomElement(using: &generator)!
        let text = String(repeating: unit, count: Int.random(in: 10_000...300_000, using: &generator))
        bytes.insert(contentsOf: Array(text.utf8), at: insideString(bytes, &generator))
    }

    static let values = ["null", "0", "-1", "true", "{}", "[]", "\"\"", "[null]", "{\"\":null}", "\"   \"", "1.5"]

    /// A quoted string (a key or a value) becomes another kind of value.
    static func wrongType(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let start = insideString(bytes, &generator) - 1
        guard start >= 0, start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return }
        var end = start + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
        bytes.replaceSubrange(start..<min(end + 1, bytes.count), with: Array(values.randomElement(using: &generator)!.utf8))
    }

    static let escapes = ["\\ud800", "\\udc00\\ud800", "\\u001b[2J", "\\u202e", "\\", "\\x41", "\\u12", "\\\"", "\\uFEFF", "\\u0085"]

    static func escape(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        bytes.insert(contentsOf: Array(escapes.randomElement(using: &generator)!.utf8), at: insideString(bytes, &generator))
    }

    static func lineEnds(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let replacement: [UInt8] = [[13, 10], [13], [10, 10], [32, 9, 10]].randomElement(using: &generator)!
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes { if byte == 10 { out += replacement } else { out.append(byte) } }
        bytes = out
    }

    static func repeatLine(_ bytes: inout [UInt8], _: [[UInt8]], _ generator: inout SeededRandom) {
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        guard let line = lines.randomElement(using: &generator) else { return }
        bytes += [10] + Array(line) + [10]
    }
}
