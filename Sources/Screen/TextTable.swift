/// Rows of text as a command prints them: on a terminal, columns padded by display width and
/// fitted to its width (a column that must stay whole, such as a ref, is never cut; the last
/// column takes what is left and is cut); elsewhere, tab-separated fields with no tab or line
/// break inside. Every cell is sanitised and measured as the screen measures it.
public struct TextTable: Sendable {
    /// How a column takes its width on a terminal.
    public enum Fit: Sendable, Equatable {
        /// As wide as its widest cell, never cut.
        case whole
        /// As wide as its widest cell up to this many cells, then cut (down to `least` when
        /// the terminal is narrow).
        case upTo(Int, least: Int)
        /// What is left of the terminal's width, cut.
        case rest
    }

    /// One column: its header and how it fits; `right` aligns it to the right.
    public struct Column: Sendable {
        public var title: String
        public var fit: Fit
        public var right: Bool

        /// A column titled `title` that takes its width by `fit`.
        public init(_ title: String, _ fit: Fit, right: Bool = false) {
            self.title = title
            self.fit = fit
            self.right = right
        }
    }

    public var columns: [Column]
    /// Cells between two columns.
    public static let gap = 2
    /// The least the `rest` column keeps before `upTo` columns give way.
    public static let leastRest = 20

    /// A table of these columns, in this order.
    public init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Column widths for these rows (the header included) in a terminal `width` cells wide.
    /// When the `rest` column would get less than `leastRest`, `upTo` columns give way first
    /// (down to their `least`), then `whole` ones (down to their title): a row whose whole
    /// cell is wider pushes its own later cells right, the text cut shorter to still fit.
    public func widths(for rows: [[String]], width: Int) -> [Int] {
        let titles = columns.map { Glyphs.width($0.title) }
        var widths = titles
        for row in rows {
            for (index, cell) in row.prefix(columns.count).enumerated() where columns[index].fit != .rest {
                widths[index] = max(widths[index], Glyphs.width(cell))
            }
        }
        for (index, column) in columns.enumerated() {
            if case .upTo(let most, _) = column.fit { widths[index] = min(widths[index], most) }
        }
        guard let rest = columns.firstIndex(where: { $0.fit == .rest }) else { return widths }
        func left() -> Int { width - widths.enumerated().filter { $0.offset != rest }.reduce(0) { $0 + $1.element } - Self.gap * (columns.count - 1) }
        for (index, column) in columns.enumerated() where left() < Self.leastRest {
            if case .upTo(_, let least) = column.fit { widths[index] = max(min(widths[index], least), widths[index] - (Self.leastRest - left())) }
        }
        let whole = columns.indices.filter { columns[$0].fit == .whole }.sorted { widths[$0] > widths[$1] }
        for index in whole where left() < Self.leastRest {
            widths[index] = max(titles[index], widths[index] - (Self.leastRest - left()))
        }
        widths[rest] = max(0, left())
        return widths
    }

    /// One row padded to `widths`, trailing blanks removed; within `width` cells when given
    /// (the `rest` column cut to what is left of it after the cells before).
    public func line(_ cells: [String], widths: [Int], width: Int? = nil) -> String {
        var line = ""
        var used = 0
        for (index, column) in columns.enumerated() {
            let cell = index < cells.count ? cells[index] : ""
            if index > 0 {
                line += String(repeating: " ", count: Self.gap)
                used += Self.gap
            }
            var room = widths[index]
            if column.fit == .rest, let width { room = max(0, width - used) }
            if column.fit != .whole, let width { room = min(room, max(0, width - used)) }
            let shown = column.fit == .whole ? Glyphs.of(cell).map(\.scalars).joined() : Glyphs.fitted(cell, cells: room)
            let cells = Glyphs.width(shown)
            let pad = String(repeating: " ", count: max(0, room - cells))
            line += column.right ? pad + shown : shown + pad
            used += max(room, cells)
        }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The header row for `widths`.
    public func header(widths: [Int], width: Int? = nil) -> String {
        line(columns.map(\.title), widths: widths, width: width)
    }

    /// One row as tab-separated fields: each sanitised, its tabs and line breaks made spaces,
    /// and cut by whole glyphs to `most` cells when given and longer.
    public static func separated(_ cells: [String], most: Int? = nil) -> String {
        cells.map { cell in
            if let most, Glyphs.width(cell) > most { return Glyphs.fitted(cell, cells: most) }
            var field = String.UnicodeScalarView()
            var safe = Sanitizer.Safe(cell.unicodeScalars.makeIterator())
            while let scalar = safe.next() { field.append(scalar == "\t" || scalar == "\n" ? " " : scalar) }
            return String(field)
        }.joined(separator: "\t")
    }
}
