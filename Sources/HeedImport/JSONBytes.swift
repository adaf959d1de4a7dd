import Foundation

/// A byte-level reader of exactly JSON's grammar (RFC 8259), the fast path of `JSON.parse` and
/// of heed's JSON Lines. It answers nil for anything it does not read the way JSONSerialization
/// would, and the caller then takes the JSONSerialization path, so results and error messages
/// are the same either way. What it leaves to the fallback:
/// - anything malformed (the fallback names the error and its place);
/// - invalid UTF-8, unescaped control characters, lone surrogates in `\u` escapes;
/// - trailing commas (`[1,]`, which JSONSerialization accepts), a byte order mark (before the
///   document, or unescaped at the start of a string, which JSONSerialization drops);
/// - numbers JSONSerialization turns into Decimal (more than 17 characters before the
///   exponent, integers beyond UInt64, negative integers of 20 characters and more) or
///   cannot represent (`1e400`); nesting deeper than 500.
/// Duplicate keys: the last value wins and the first spelling of the key is kept, as
/// JSONSerialization does (it fills a Swift dictionary); keys compare as Swift strings do.
struct JSONBytes {
    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0
    /// Reused for strings holding escapes.
    var scratch: [UInt8] = []
    /// Members of the objects being read, innermost last: each object is built at its end
    /// with the capacity it needs (growing a dictionary rehashes it each time).
    private var members: [(key: String, value: JSON)] = []
    /// Elements of the arrays being read, innermost last.
    private var elements: [JSON] = []

    /// Nil for an empty buffer (which may have no address): no JSON text is empty.
    init?(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return nil }
        self.base = base
        end = buffer.count
    }

    static let maximumDepth = 500

    // MARK: - Whole documents

    /// A whole document (any value at top level, whitespace around it), or nil.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> JSON? {
        guard var reader = JSONBytes(buffer) else { return nil }
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipWhitespace()
        return reader.index == reader.end ? value : nil
    }

    mutating func value(depth: Int) -> JSON? {
        skipWhitespace()
        guard index < end else { return nil }
        switch base[index] {
        case UInt8(ascii: "\""):
            index += 1
            return string().map(JSON.string)
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let number = number() else { return nil }
            switch number {
            case .integer(let digits): return .integer(digits)
            case .float(let value): return .number(value)
            }
        default: return nil
        }
    }

    private mutating func object(depth: Int) -> JSON? {
        guard depth < Self.maximumDepth else { return nil }
        index += 1
        skipWhitespace()
        guard index < end else { return nil }
        if base[index] == UInt8(ascii: "}") {
            index += 1
            return .object([:])
        }
        let first = members.count
        defer { members.removeSubrange(first...) }
        while true {
            guard index < end, base[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            guard let key = string() else { return nil }
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let item = value(depth: depth + 1) else { return nil }
            members.append((key, item))
            skipWhitespace()
            guard index < end else { return nil }
            if base[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                continue
            }
            guard base[index] == UInt8(ascii: "}") else { return nil }
            index += 1
            // In order, so a repeated key keeps its first spelling and its last value.
            var object = [String: JSON](minimumCapacity: members.count - first)
            for member in members[first...] { object[member.key] = member.value }
            return .object(object)
        }
    }

    private mutating func array(depth: Int) -> JSON? {
        guard depth < Self.maximumDepth else { return nil }
        index += 1
        skipWhitespace()
        guard index < end else { return nil }
        if base[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        let first = elements.count
        defer { elements.removeSubrange(first...) }
        while true {
            guard let item = value(depth: depth + 1) else { return nil }
            elements.append(item)
            skipWhitespace()
            guard index < end else { return nil }
            if base[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard base[index] == UInt8(ascii: "]") else { return nil }
            index += 1
            return .array(Array(elements[first...]))
        }
    }
}
