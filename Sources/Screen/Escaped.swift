/// A visible, reversible form of untrusted text that must be given back exactly (an item's id
/// inside a ref): every scalar the screen would not draw as itself — controls, bidi controls,
/// joiners, marks with nothing to ride on, scalars `wcwidth` cannot measure — and space and
/// backslash are written as `\xHH` (up to 0xFF) or `\u{HHHH}`, a backslash as `\\`. What is
/// left draws as itself in one or two cells, so what a person copies off the screen is what
/// `parse` turns back into the original.
public enum Escaped {
    /// The text with everything that would not draw as itself escaped.
    public static func visible(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if drawsAsItself(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar == "\\" {
                out += "\\\\"
            } else if scalar.value <= 0xFF {
                out += "\\x" + hex(scalar.value, digits: 2)
            } else {
                out += "\\u{" + hex(scalar.value, digits: 4) + "}"
            }
        }
        return out
    }

    /// Turns `visible`'s form back into the text: `\\`, `\xHH` and `\u{H…}` are read, and any
    /// other backslash is kept as it is (a ref typed by hand with a backslash still works).
    public static func parse(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\\", index + 1 < scalars.count else {
                out.append(scalar)
                index += 1
                continue
            }
            switch scalars[index + 1] {
            case "\\":
                out.append("\\")
                index += 2
            case "x" where index + 3 < scalars.count:
                if let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)...(index + 3)])), radix: 16), let decoded = Unicode.Scalar(value) {
                    out.append(decoded)
                    index += 4
                } else {
                    out.append(scalar)
                    index += 1
                }
            case "u" where index + 2 < scalars.count && scalars[index + 2] == "{":
                let digits = scalars[(index + 3)...].prefix { $0 != "}" }
                let end = index + 3 + digits.count
                if end < scalars.count, (1...6).contains(digits.count),
                   let value = UInt32(String(String.UnicodeScalarView(digits)), radix: 16), let decoded = Unicode.Scalar(value) {
                    out.append(decoded)
                    index = end + 1
                } else {
                    out.append(scalar)
                    index += 1
                }
            default:
                out.append(scalar)
                index += 1
            }
        }
        return String(out)
    }

    /// Whether the screen draws a scalar as itself, on its own: printing, measured by
    /// `wcwidth` as one or two cells, neither removed nor dropped for layout.
    static func drawsAsItself(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value > 0x20 && value < 0x7F { return scalar != "\\" }
        if value <= 0x20 || Sanitizer.isRemoved(value) || Sanitizer.isDroppedForLayout(value) { return false }
        return Glyphs.cellWidth(scalar) > 0
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
