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
    /// The most scalars of one text that are ever laid out: a longer text (a 50 MB post) is
    /// drawn from its start and cut, so a frame's work stays bounded whatever the text.
    public static let maxScalars = 65_536

    /// The glyphs of one line of text: tabs and newlines become spaces. With `cells`, it stops
    /// after the first glyph that ends past that many cells (a caller cutting a row to its room
    /// sees that there was more); text past `maxScalars` is never read.
    public static func of(_ text: String, cells: Int = .max) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(min(text.utf8.count, cells == .max ? maxScalars : cells + 1))
        var marks = 0
        var total = 0
        var safe = Sanitizer.Safe(text.unicodeScalars.prefix(maxScalars).makeIterator())
        while let scalar = safe.next() {
            let value = scalar.value
            if value == 0x09 || value == 0x0A || value == 0x0D {
                if total > cells { break }
                glyphs.append(Glyph(scalars: " ", width: 1))
                total += 1
                marks = 0
                continue
            }
            if Sanitizer.isDroppedForLayout(value) { continue }
            let width = cellWidth(scalar)
            if width == 0 {
                // A zero-width mark rides on the glyph before it; alone, it is dropped.
                guard let last = glyphs.indices.last, marks < 4, glyphs[last].scalars != " " || marks > 0 else { continue }
                glyphs[last].scalars.unicodeScalars.append(scalar)
                marks += 1
                continue
            }
            if total > cells { break }
            if width > 0 {
                glyphs.append(Glyph(scalars: String(Character(scalar)), width: width))
                total += width
            } else {
                glyphs.append(Glyph(scalars: "\u{FFFD}", width: 1))
                total += 1
            }
            marks = 0
        }
        return glyphs
    }

    /// Display cells of text by the same rule `of` draws it.
    public static func width(_ text: String) -> Int {
        var total = 0
        var safe = Sanitizer.Safe(text.unicodeScalars.prefix(maxScalars).makeIterator())
        while let scalar = safe.next() {
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

    /// Pads text on the right with spaces to `cells` display cells.
    public static func padRight(_ text: String, toCells cells: Int) -> String {
        text + String(repeating: " ", count: max(0, cells - width(text)))
    }

    /// Text as it draws in at most `cells` cells: sanitised, tabs and newlines as spaces, cut
    /// by whole glyphs with an ellipsis ending what was cut (as `ScreenBuffer.put` cuts).
    public static func fitted(_ text: String, cells: Int) -> String {
        guard cells > 0 else { return "" }
        let glyphs = of(text, cells: cells)
        if glyphs.reduce(0, { $0 + $1.width }) <= cells { return glyphs.map(\.scalars).joined() }
        var out = ""
        var used = 0
        for glyph in glyphs {
            if used + glyph.width > cells - 1 { break }
            out += glyph.scalars
            used += glyph.width
        }
        return out + "…"
    }
}
