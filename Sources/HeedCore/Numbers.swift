/// Counts as heed writes them for people, in every command and on every screen: thousands
/// separated by commas ("699,318"), whatever the locale, so output reads and parses the same
/// everywhere. JSON keeps plain numbers.
extension BinaryInteger {
    /// The count with a comma between each group of three digits: "1,234,567".
    public var grouped: String {
        let digits = String(self.magnitude)
        var out = self < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}

extension Int {
    /// A size in bytes in plain words: "812 bytes", "64.0 KiB", "50.0 MiB".
    public var bytesInWords: String {
        if self < 1024 { return "\(self) byte\(self == 1 ? "" : "s")" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(self) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\((tenths / 10).grouped).\(tenths % 10) \(units[unit])"
    }
}

/// How much of one text heed shows: a longer text (someone pasted a book) is shown by its
/// start, marked with its whole size; `heed list --json` still gives it whole.
public enum TextLimits {
    /// Texts over this many bytes (UTF-8) are shown cut, with their size.
    public static let shownBytes = 65_536

    /// "[50.0 MiB] " before a text too long to show whole; empty otherwise.
    public static func sizeMark(_ text: String) -> String {
        let bytes = text.utf8.count
        return bytes > shownBytes ? "[\(bytes.bytesInWords)] " : ""
    }

    /// The text as a row shows it: whole when short, else its size and its start (a row never
    /// copies a huge text whole).
    public static func shown(_ text: String) -> String {
        text.utf8.count > shownBytes ? sizeMark(text) + String(String.UnicodeScalarView(text.unicodeScalars.prefix(shownBytes))) : text
    }
}
