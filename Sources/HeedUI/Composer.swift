import HeedCore
import Screen

/// The reply being written: text, a cursor always on a grapheme boundary, and what it answers.
public struct Composer: Sendable, Equatable {
    public var item: QueueItem
    public private(set) var text: String
    /// The cursor as a UTF-8 offset into `text`, always between two graphemes.
    public private(set) var cursor: Int
    /// The text the composer opened with: cancelling with only this asks nothing.
    public var initialText: String
    public var saving = false
    /// The saved replies to pick from, while the picker is open.
    public var picker: TemplatePicker?
    /// The outbox draft being edited, when the composer opened on one.
    public var editingDraft: String?
    /// The platform limit in force (a configured server limit, else the platform's).
    public var limit: Int?
    /// Whether the reply answers the whole conversation (every open item of it).
    public var wholeThread = false

    public init(item: QueueItem, text: String = "", limit: Int? = nil) {
        self.item = item
        self.limit = limit
        // The start text may come from untrusted fields (a handle): controls never enter a reply.
        let clean = Sanitizer.clean(text)
        self.text = clean
        initialText = clean
        cursor = clean.utf8.count
    }

    public var platform: Platform { item.mention.platform }
    public var length: ReplyLength { ReplyRules.length(of: text, on: platform, limit: limit) }
    public var hasChanges: Bool { text != initialText && !text.isEmpty }

    private var index: String.Index { text.utf8.index(text.startIndex, offsetBy: cursor) }
    private func offset(_ index: String.Index) -> Int { text.utf8.distance(from: text.startIndex, to: index) }

    /// Inserts typed scalars at the cursor; controls never enter the text.
    public mutating func insert(_ typed: String) {
        let safe = Sanitizer.clean(typed)
        guard !safe.isEmpty else { return }
        let position = index
        text.insert(contentsOf: safe, at: position)
        cursor += safe.utf8.count
        snap()
    }

    /// Keeps the cursor on a grapheme boundary after an edit that joined graphemes.
    private mutating func snap() {
        var walker = text.startIndex
        while walker < text.endIndex, offset(walker) < cursor { walker = text.index(after: walker) }
        cursor = offset(walker)
    }

    /// Replaces the whole text (after an external editor), cursor at the end.
    public mutating func replaceText(_ new: String) {
        text = Sanitizer.clean(new)
        cursor = text.utf8.count
    }

    /// Deletes the grapheme before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        let end = index
        let start = text.index(before: end)
        text.removeSubrange(start..<end)
        cursor = offset(start)
    }

    /// Deletes the grapheme under the cursor.
    public mutating func deleteForward() {
        let start = index
        guard start < text.endIndex else { return }
        text.removeSubrange(start..<text.index(after: start))
    }

    /// Moves the cursor back one grapheme.
    public mutating func moveLeft() {
        guard cursor > 0 else { return }
        cursor = offset(text.index(before: index))
    }

    /// Moves the cursor forward one grapheme.
    public mutating func moveRight() {
        guard index < text.endIndex else { return }
        cursor = offset(text.index(after: index))
    }

    /// Moves within the visual rows of a layout `width` cells wide.
    public mutating func moveVertically(by delta: Int, width: Int) {
        let layout = ComposerLayout(text: text, width: width)
        let (row, column) = layout.position(of: cursor)
        let target = row + delta
        guard layout.rows.indices.contains(target) else {
            cursor = delta < 0 ? 0 : text.utf8.count
            return
        }
        cursor = layout.offset(row: target, column: column)
    }

    /// Moves the cursor to the start of its visual row.
    public mutating func moveToRowStart(width: Int) {
        let layout = ComposerLayout(text: text, width: width)
        cursor = layout.rows[layout.position(of: cursor).row].start
    }

    /// Moves the cursor to the end of its visual row.
    public mutating func moveToRowEnd(width: Int) {
        let layout = ComposerLayout(text: text, width: width)
        cursor = layout.rows[layout.position(of: cursor).row].end
    }
}

/// The composer's text broken into visual rows by display width, at grapheme boundaries.
public struct ComposerLayout {
    /// One visual row: its UTF-8 range in the text and its graphemes.
    public struct Row: Equatable {
        public var start: Int
        public var end: Int
        /// Each grapheme's UTF-8 offset and cells.
        public var graphemes: [(offset: Int, width: Int, text: String)]

        public static func == (lhs: Row, rhs: Row) -> Bool { lhs.start == rhs.start && lhs.end == rhs.end }
    }

    public private(set) var rows: [Row] = []

    public init(text: String, width: Int) {
        let width = max(1, width)
        var offset = 0
        var row = Row(start: 0, end: 0, graphemes: [])
        var used = 0
        var lastSpace: Int?
        for character in text {
            let size = character.utf8.count
            if character == "\n" {
                row.end = offset
                rows.append(row)
                offset += size
                row = Row(start: offset, end: offset, graphemes: [])
                used = 0
                lastSpace = nil
                continue
            }
            let cells = Glyphs.width(String(character))
            if used + cells > width, !row.graphemes.isEmpty {
                if let space = lastSpace, space + 1 < row.graphemes.count {
                    let carried = Array(row.graphemes[(space + 1)...])
                    row.graphemes.removeSubrange((space + 1)...)
                    row.end = carried[0].offset
                    rows.append(row)
                    row = Row(start: carried[0].offset, end: 0, graphemes: carried)
                    used = carried.reduce(0) { $0 + $1.width }
                } else {
                    row.end = offset
                    rows.append(row)
                    row = Row(start: offset, end: offset, graphemes: [])
                    used = 0
                }
                lastSpace = nil
            }
            if character == " " { lastSpace = row.graphemes.count }
            row.graphemes.append((offset, cells, String(character)))
            used += cells
            offset += size
        }
        row.end = offset
        rows.append(row)
    }

    /// The visual row and cell column of a cursor offset.
    public func position(of cursor: Int) -> (row: Int, column: Int) {
        let index = rows.lastIndex { $0.start <= cursor } ?? 0
        var column = 0
        for grapheme in rows[index].graphemes where grapheme.offset < cursor { column += grapheme.width }
        return (index, column)
    }

    /// The offset nearest to a cell column on a row, never past its end.
    public func offset(row index: Int, column: Int) -> Int {
        let row = rows[index]
        var used = 0
        for grapheme in row.graphemes {
            if used + grapheme.width > column { return grapheme.offset }
            used += grapheme.width
        }
        return row.end
    }
}
