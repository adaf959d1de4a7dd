import CWidth

/// One thing drawn in one or two terminal cells: a printing scalar and the zero-width marks
/// that ride on it (at most four, as an ncurses cell holds five scalars).
public struct Glyph: Hashable, Sendable {
    public var scalars: String
    public var width: Int
}

/// Turns untrusted text into glyphs that draw exactly as measured: terminal controls and
/// escape sequences removed, bidi controls removed, joiners and modifiers that terminals render
/// inconsistently dropped, widths by libc `wcwidth`, the measure ncurses lays text out by.
public enum Glyphs {
    /// The glyphs of one line of text: tabs and newlines become spaces.
    public static func of(_ text: String) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(text.utf8.count)
        var marks = 0
        for scalar in Sanitizer.scalars(of: text) {
            let value = scalar.value
            if value == 0x09 || value == 0x0A || value == 0x0D {
                glyphs.append(Glyph(scalars: " ", width: 1))
                marks = 0
                continue
            }
            if Sanitizer.isDroppedForLayout(value) { continue }
            let width = cellWidth(scalar)
            if width > 0 {
                glyphs.append(Glyph(scalars: String(Character(scalar)), width: width))
                marks = 0
            } else if width == 0 {
                // A zero-width mark rides on the glyph before it; alone, it is dropped.
                guard let last = glyphs.indices.last, marks < 4, glyphs[last].scalars != " " || marks > 0 else { continue }
                glyphs[last].scalars.unicodeScalars.append(scalar)
                marks += 1
            } else {
                glyphs.append(Glyph(scalars: "\u{FFFD}", width: 1))
                marks = 0
            }
        }
        return glyphs
    }

    /// Display cells of text by the same rule `of` draws it.
    public static func width(_ text: String) -> Int {
        var total = 0
        for scalar in Sanitizer.scalars(of: text) {
            let value = scalar.value
            if value == 0x09 || value == 0x0A || value == 0x0D { total += 1; continue }
            if Sanitizer.isDroppedForLayout(value) { continue }
            let width = cellWidth(scalar)
            total += width < 0 ? 1 : width
        }
        return total
    }

    /// Cells of one scalar: ASCII fast path, libc `wcwidth` otherwise.
    @inline(__always)
    static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        return Int(heed_wcwidth(value))
    }
}

extension Glyphs {
    /// Pads text on the left with spaces to `cells` display cells.
    public static func padLeft(_ text: String, toCells cells: Int) -> String {
        String(repeating: " ", count: max(0, cells - width(text))) + text
    }
}
