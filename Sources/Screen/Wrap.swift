/// Breaks text into lines of at most `width` cells: at spaces where it can, inside a long word
/// where it must, never inside a glyph. Newlines in the text start new lines.
public enum Wrap {
    /// The lines of `text`, at most `limit` of them; text past `Glyphs.maxScalars` is never read.
    public static func lines(_ text: String, width: Int, limit: Int = .max) -> [[Glyph]] {
        guard width > 0, limit > 0 else { return [] }
        var result: [[Glyph]] = []
        let bounded = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Glyphs.maxScalars)))
        for paragraph in Sanitizer.clean(bounded).split(separator: "\n", omittingEmptySubsequences: false) {
            if result.count >= limit { break }
            // n lines hold at most n × width cells: no more of the paragraph is laid out.
            let (budget, overflow) = width.multipliedReportingOverflow(by: limit - result.count)
            let glyphs = Glyphs.of(String(paragraph), cells: overflow ? .max : budget)
            if glyphs.isEmpty { result.append([]); continue }
            var line: [Glyph] = []
            var lineWidth = 0
            var lastSpace: Int?
            for glyph in glyphs {
                if lineWidth + glyph.width > width {
                    if glyph.scalars == " " { result.append(line); line = []; lineWidth = 0; lastSpace = nil; continue }
                    if let space = lastSpace {
                        result.append(Array(line[..<space]))
                        line = Array(line[(space + 1)...])
                    } else {
                        result.append(line)
                        line = []
                    }
                    lineWidth = line.reduce(0) { $0 + $1.width }
                    lastSpace = nil
                }
                if glyph.scalars == " " { lastSpace = line.count }
                line.append(glyph)
                lineWidth += glyph.width
            }
            result.append(line)
        }
        return Array(result.prefix(limit))
    }
}
