import Foundation
import HeedCore
import Screen

/// A piece of a report line: text drawn in one role.
struct Span: Sendable, Equatable {
    var text: String
    var role: Role

    /// Text in a role.
    init(_ text: String, _ role: Role) {
        self.text = text
        self.role = role
    }
}

/// One line of a report (stats, an author's history): spans drawn one after another.
struct ReportLine: Sendable, Equatable {
    var spans: [Span]

    /// Spans one after another.
    init(_ spans: [Span]) { self.spans = spans }
    /// A line of one text in one role.
    init(_ text: String, _ role: Role) { spans = [Span(text, role)] }

    static let blank = ReportLine([])
}

/// A column of a report table: right-aligned values under a header, dropped first on narrow
/// screens when its priority is low (a higher number).
struct ReportColumn {
    var header: String
    var priority: Int
    var values: [String]

    var width: Int { ([header] + values).map(Glyphs.width).max() ?? 0 }
}

/// The building blocks of text reports: tables, bars, wrapped notes, numbers, and drawing
/// lines into a screen buffer from a scroll offset.
enum Report {
    /// A table: a label column and as many value columns as fit in `width` cells, most
    /// important first, shown in their given order.
    static func table(labels: [(String, Role)], columns: [ReportColumn], width: Int) -> [ReportLine] {
        let labelWidth = max(8, labels.map { Glyphs.width($0.0) }.max() ?? 0) + 1
        var used = labelWidth
        var shown = Set<Int>()
        for index in columns.indices.sorted(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) {
            let cells = columns[index].width + 2
            if used + cells <= width {
                used += cells
                shown.insert(index)
            }
        }
        let kept = columns.indices.filter(shown.contains).map { columns[$0] }
        var lines = [ReportLine([Span(pad("", labelWidth) + kept.map { padLeft($0.header, $0.width + 2) }.joined(), .detailLabel)])]
        for (row, label) in labels.enumerated() {
            let values = kept.map { padLeft(row < $0.values.count ? $0.values[row] : "", $0.width + 2) }.joined()
            lines.append(ReportLine([Span(pad(label.0, labelWidth), label.1), Span(values, .normal)]))
        }
        return lines
    }

    /// A horizontal bar of `value` against `maximum` over at most `cells` cells, in eighths
    /// of a cell; anything above zero shows at least an eighth.
    static func bar(_ value: Int, of maximum: Int, cells: Int) -> String {
        guard value > 0, maximum > 0, cells > 0 else { return "" }
        let eighths = max(1, min(cells * 8, Int((Double(value) / Double(maximum) * Double(cells * 8)).rounded())))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + partial
    }

    /// Text wrapped to `width` cells, one line per row, in one role.
    static func wrapped(_ text: String, width: Int, role: Role) -> [ReportLine] {
        Wrap.lines(text, width: max(1, width)).map { ReportLine([Span(String($0.map(\.scalars).joined()), role)]) }
    }

    /// A count with thousands separators: "1,234,567".
    static func number(_ value: Int) -> String {
        value.grouped
    }

    /// A share as a whole percentage ("79%"), or "–" when there is nothing to share.
    static func percent(_ share: Double?) -> String {
        share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
    }

    /// A duration in plain words ("3h 12m"), or "–" when there is none.
    static func duration(_ seconds: Double?) -> String {
        seconds.map(Age.words) ?? "–"
    }

    /// Pads text with spaces on the right to `cells` display cells.
    static func pad(_ text: String, _ cells: Int) -> String {
        text + String(repeating: " ", count: max(0, cells - Glyphs.width(text)))
    }

    /// Pads text with spaces on the left to `cells` display cells.
    static func padLeft(_ text: String, _ cells: Int) -> String {
        Glyphs.padLeft(text, toCells: cells)
    }

    /// The age role of a duration by the user's thresholds (fresh, due, late, overdue).
    static func ageRole(_ seconds: TimeInterval, _ settings: Settings) -> Role {
        let limits = settings.overdue
        if limits.count > 0, seconds < limits[0] { return .ageFresh }
        if limits.count > 1, seconds < limits[1] { return .ageDue }
        if limits.count > 2, seconds < limits[2] { return .ageLate }
        return .ageOverdue
    }

    /// The header bar on row 0 and `lines` from `scroll` on rows 1 to height − 3, one cell of
    /// margin each side; rows height − 2 and height − 1 are left to the caller.
    static func draw(header: String, lines: [ReportLine], scroll: Int, width: Int, height: Int, into buffer: inout ScreenBuffer) {
        guard height > 0, width > 0 else { return }
        buffer.fill(y: 0, width: width, role: .header)
        buffer.put(" " + header, x: 0, y: 0, maxWidth: width, role: .header)
        let room = max(0, height - 3)
        let first = max(0, min(scroll, lines.count - room))
        for (row, line) in lines.dropFirst(first).prefix(room).enumerated() {
            var x = 1
            for span in line.spans where x < width - 1 {
                x = buffer.put(span.text, x: x, y: 1 + row, maxWidth: width - 1 - x, role: span.role)
            }
        }
    }

    /// The furthest `draw` scrolls: the last line at the bottom of the room.
    static func maxScroll(lines: Int, height: Int) -> Int {
        max(0, lines - max(0, height - 3))
    }

    /// Lines as plain text for standard output, drawn as on screen (sanitised, cut by cells),
    /// trailing blanks removed.
    static func text(_ lines: [ReportLine], width: Int) -> [String] {
        var buffer = ScreenBuffer(width: width, height: lines.count)
        for (row, line) in lines.enumerated() {
            var x = 0
            for span in line.spans where x < width {
                x = buffer.put(span.text, x: x, y: row, maxWidth: width - x, role: span.role)
            }
        }
        return buffer.lines().map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }
}
