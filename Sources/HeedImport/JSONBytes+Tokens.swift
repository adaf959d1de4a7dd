import Foundation

/// The tokens of `JSONBytes`: whitespace, literals, numbers and strings, each read straight from bytes.
extension JSONBytes {
    // MARK: - Tokens

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// `true`, `false` or `null` at the reader (its first byte already checked).
    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - index >= count, memcmp(base + index, word.utf8Start, count) == 0 else { return false }
        index += count
        return true
    }

    /// A number as JSONSerialization reads it.
    enum Number: Equatable {
        /// An integer JSONSerialization keeps as Int64 or UInt64: its `stringValue`.
        case integer(String)
        /// A number JSONSerialization keeps as a Double.
        case float(Double)
    }

    /// A number at the reader; nil when malformed or when JSONSerialization would make it a
    /// Decimal or refuse it.
    mutating func number() -> Number? {
        let start = index
        let negative = base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < end else { return nil }
        if base[index] == UInt8(ascii: "0") {
            index += 1
        } else if base[index] >= UInt8(ascii: "1"), base[index] <= UInt8(ascii: "9") {
            index += 1
            skipDigits()
        } else {
            return nil
        }
        let integerEnd = index
        var integer = true
        var lowercaseExponent: Int?
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            skipDigits()
            guard index > digits else { return nil }
            integer = false
        }
        if index < end, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            if base[index] == UInt8(ascii: "e") { lowercaseExponent = index }
            index += 1
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            let digits = index
            skipDigits()
            guard index > digits else { return nil }
            integer = false
        }
        let length = index - start
        if integer {
            if negative {
                // Int64 for at most 19 characters; longer ones become Decimal.
                guard length <= 19 else { return nil }
                var value: Int64 = 0
                for offset in (start + 1)..<integerEnd {
                    value = value * 10 - Int64(base[offset] &- 48)
                }
                return .integer(String(value))
            }
            guard length <= 20 else { return nil }
            var value: UInt64 = 0
            for offset in start..<integerEnd {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times.addingReportingOverflow(UInt64(base[offset] &- 48))
                guard !overflow, !carry else { return nil }
                value = sum
            }
            // Without leading zeros (the grammar has none) the text is the value's own.
            return .integer(token(start))
        }
        // JSONSerialization counts the characters before a lowercase `e` (all of them when
        // there is none) and reads more than 17 as a Decimal.
        guard (lowercaseExponent ?? index) - start <= 17 else { return nil }
        guard let value = Double(token(start)), value.isFinite else { return nil }
        return .float(value)
    }

    @inline(__always)
    private mutating func skipDigits() {
        while index < end, base[index] >= UInt8(ascii: "0"), base[index] <= UInt8(ascii: "9") { index += 1 }
    }

    /// The ASCII text from `start` to the reader.
    private func token(_ start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
    }

    /// A string whose opening quote has been read; the reader ends past its closing quote.
    mutating func string() -> String? {
        let start = index
        // JSONSerialization drops a byte order mark (unescaped) at the start of a string.
        if end - index >= 3, base[index] == 0xEF, base[index + 1] == 0xBB, base[index + 2] == 0xBF { return nil }
        var ascii = true
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let text = Self.text(UnsafeBufferPointer(start: base + start, count: index - start), ascii: ascii)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return nil
    }

    /// Skips a string whose opening quote has been read, checking it as `string()` would:
    /// answers whether it is well formed.
    mutating func skipString() -> Bool {
        let start = index
        var ascii = true
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                if !ascii, Self.text(UnsafeBufferPointer(start: base + start, count: index - start), ascii: false) == nil { return false }
                index += 1
                return true
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) != nil }
            if byte < 0x20 { return false }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return false
    }

    /// A String of the bytes: ASCII as it is, anything else only when it is well-formed UTF-8.
    @inline(__always)
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String? {
        ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// The rest of a string that holds escapes, decoded into `scratch` and checked as UTF-8.
    private mutating func escapedString(from start: Int) -> String? {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        var run = index
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + run, count: index - run))
                index += 1
                return scratch.withUnsafeBufferPointer { Self.text($0, ascii: false) }
            }
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + run, count: index - run))
            index += 1
            guard index < end else { return nil }
            let escape = base[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4() else { return nil }
                var scalar = UInt32(unit)
                if unit >= 0xD800, unit < 0xDC00 {
                    guard end - index >= 6, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else { return nil }
                    index += 2
                    guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return nil }
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if unit >= 0xDC00, unit < 0xE000 {
                    return nil
                }
                Self.appendUTF8(scalar, to: &scratch)
            default: return nil
            }
            run = index
        }
        return nil
    }

    private mutating func hex4() -> UInt16? {
        guard end - index >= 4 else { return nil }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = base[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18))
            bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Skips any value, checking it as `value(depth:)` would, without building it.
    mutating func skipValue(depth: Int) -> Bool {
        skipWhitespace()
        guard index < end else { return false }
        switch base[index] {
        case UInt8(ascii: "\""):
            index += 1
            return skipString()
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { return false }
            index += 1
            skipWhitespace()
            guard index < end else { return false }
            if base[index] == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                guard index < end, base[index] == UInt8(ascii: "\"") else { return false }
                index += 1
                guard skipString() else { return false }
                skipWhitespace()
                guard index < end, base[index] == UInt8(ascii: ":") else { return false }
                index += 1
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                guard index < end else { return false }
                if base[index] == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    continue
                }
                guard base[index] == UInt8(ascii: "}") else { return false }
                index += 1
                return true
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { return false }
            index += 1
            skipWhitespace()
            guard index < end else { return false }
            if base[index] == UInt8(ascii: "]") {
                index += 1
                return true
            }
            while true {
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                guard index < end else { return false }
                if base[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard base[index] == UInt8(ascii: "]") else { return false }
                index += 1
                return true
            }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number() != nil
        default: return false
        }
    }
}
