/// What a cell means, not how it looks: the terminal layer maps roles to colours and attributes.
public enum Role: UInt8, CaseIterable, Sendable, Hashable {
    case normal, header, headerAccent, selected, dim, ageFresh, ageDue, ageLate, ageOverdue
    case platform, author, detailLabel, link, composer, cursor, counter, counterNear, counterOver
    case status, keyBar, keyName, error, help, title, marked
}

/// One terminal cell: a glyph's scalars and role; the right half of a wide glyph is a
/// continuation cell with empty text.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: Role
    public var isContinuation: Bool { text.isEmpty }

    public static let blank = Cell(text: " ", role: .normal)

    public init(text: String, role: Role) {
        self.text = text
        self.role = role
    }
}

/// A grid of cells that views render into. Nothing here touches a terminal.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand, or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Fills a rectangle with blanks of a role.
    public mutating func fill(x: Int = 0, y: Int, width w: Int? = nil, height h: Int = 1, role: Role) {
        let right = min(width, x + (w ?? width))
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<max(max(0, x), right) {
                cells[row * width + column] = Cell(text: " ", role: role)
            }
        }
    }

    /// Draws text from (x, y), never past `x + maxWidth` or the right edge, cut by whole
    /// glyphs with an ellipsis when it does not fit. Returns the column after the last cell drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: Role) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        // Only what can show is laid out: a row of a huge text costs a row's work.
        let room = min(width, x + (maxWidth ?? width)) - x
        return put(Glyphs.of(text, cells: max(0, room)), x: x, y: y, maxWidth: maxWidth, role: role)
    }

    /// Draws glyphs already made, by the same rules as `put(_:x:y:maxWidth:role:)`.
    @discardableResult
    public mutating func put(_ glyphs: [Glyph], x: Int, y: Int, maxWidth: Int? = nil, role: Role) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        guard limit > x else { return x }
        let total = glyphs.reduce(0) { $0 + $1.width }
        let room = limit - x
        let cut = total > room
        let budget = cut ? room - 1 : room
        var column = x
        for glyph in glyphs {
            if column + glyph.width > x + budget { break }
            if column >= 0 {
                set(column, y, Cell(text: glyph.scalars, role: role))
                if glyph.width == 2 { set(column + 1, y, Cell(text: "", role: role)) }
            }
            column += glyph.width
        }
        if cut, column < limit {
            set(column, y, Cell(text: "…", role: role))
            column += 1
        }
        return column
    }

    /// Sets a cell, repairing any wide glyph it overlaps so a half never stays alone.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, !cell.isContinuation, x > 0 { cells[index - 1].text = " " }
        if !cells[index].isContinuation, x + 1 < width, cells[index + 1].isContinuation { cells[index + 1].text = " " }
        cells[index] = cell
    }

    /// The rows as plain text, continuation cells omitted: what a person reads on screen.
    public func lines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let cell = cells[row * width + column]
                line += cell.text
            }
            return line
        }
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }
}
