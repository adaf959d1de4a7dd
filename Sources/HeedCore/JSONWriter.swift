/// Writes one JSON object with keys in the order given: stable output for files people diff.
public struct JSONWriter {
    private var text = "{"
    private var first = true

    public init() {}

    /// A string field; nil writes nothing.
    public mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        field(key)
        Self.quote(value, into: &text)
    }

    public mutating func add(_ key: String, _ value: Int) {
        field(key)
        text += String(value)
    }

    public mutating func add(_ key: String, _ value: Bool) {
        field(key)
        text += value ? "true" : "false"
    }

    /// A list of strings.
    public mutating func add(_ key: String, _ values: [String]) {
        field(key)
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            Self.quote(value, into: &text)
        }
        text += "]"
    }

    /// A field whose value is already JSON (a nested object).
    public mutating func addRaw(_ key: String, _ json: String) {
        field(key)
        text += json
    }

    /// A flat object of strings, keys sorted.
    public mutating func add(_ key: String, _ object: [String: String]) {
        var inner = JSONWriter()
        for name in object.keys.sorted() { inner.add(name, object[name]) }
        addRaw(key, inner.finish())
    }

    public func finish() -> String { text + "}" }

    private mutating func field(_ key: String) {
        if !first { text += "," }
        first = false
        Self.quote(key, into: &text)
        text += ":"
    }

    /// JSON string quoting: quotes, backslashes, every control character (C0, DEL, C1),
    /// U+2028/2029 and the bidi controls escaped, so the JSON is the same data and safe on a
    /// terminal too. Runs of bytes that need nothing are copied whole (a 50 MB text is quick).
    public static func quote(_ value: String, into out: inout String) {
        quote(value) { piece in out += String(decoding: piece, as: UTF8.self) }
    }

    /// `quote` appending UTF-8 bytes (the store writes reply targets this way, byte for byte
    /// what `quote` writes).
    public static func quote(_ value: String, into bytes: inout [UInt8]) {
        quote(value) { piece in bytes.append(contentsOf: piece) }
    }

    /// The quoted string in pieces, in order: runs of the text as they are, and escapes.
    private static func quote(_ value: String, _ append: (UnsafeBufferPointer<UInt8>) -> Void) {
        func say(_ text: StaticString) { append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        say("\"")
        var value = value
        value.withUTF8 { bytes in
            var run = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Most bytes need nothing: skip them without looking further.
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0x7F, byte != 0xC2, byte != 0xD8, byte != 0xE2 {
                    index += 1
                    continue
                }
                let (escape, length) = escaped(bytes, at: index)
                guard let escape else {
                    index += 1
                    continue
                }
                if index > run { append(UnsafeBufferPointer(rebasing: bytes[run..<index])) }
                var text = escape
                text.withUTF8 { append($0) }
                index += length
                run = index
            }
            if bytes.count > run { append(UnsafeBufferPointer(rebasing: bytes[run...])) }
        }
        say("\"")
    }

    /// The escape for the scalar starting at `index` (and how many bytes it spans), or nil when
    /// the byte is written as it is. Only a lead byte ever starts an escape, so runs between
    /// escapes are whole scalars.
    @inline(__always)
    private static func escaped(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (String?, Int) {
        let byte = bytes[index]
        func next(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch byte {
        case 0x22: return ("\\\"", 1)
        case 0x5C: return ("\\\\", 1)
        case 0x0A: return ("\\n", 1)
        case 0x0D: return ("\\r", 1)
        case 0x09: return ("\\t", 1)
        case 0x00..<0x20, 0x7F: return (unicode(UInt32(byte)), 1)
        case 0xC2:
            guard let second = next(1), (0x80...0x9F).contains(second) else { return (nil, 1) }
            return (unicode(UInt32(second)), 2)
        case 0xD8:
            return next(1) == 0x9C ? ("\\u061c", 2) : (nil, 1)
        case 0xE2:
            guard let second = next(1), let third = next(2), second == 0x80 || second == 0x81 else { return (nil, 1) }
            let value = 0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
            return value == 0x2028 || value == 0x2029 || isBidiControl(value) ? (unicode(value), 3) : (nil, 1)
        default:
            return (nil, 1)
        }
    }

    /// `\uXXXX` for a scalar in the Basic Multilingual Plane.
    private static func unicode(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// Bidi embeddings, overrides, isolates and marks: they reorder what a terminal shows.
    static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x061C
    }
}
