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

    /// JSON string quoting: quotes, backslashes and every control character escaped.
    public static func quote(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
