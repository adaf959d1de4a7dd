/// What must be written to turn a screen that shows one buffer into one that shows another:
/// a pure function of the two buffers, so the terminal writes exactly what it returns and
/// tests compare it as data.
public struct ScreenDiff: Equatable, Sendable {
    /// Cells to write side by side on one row, from column `x`. A wide glyph's continuation
    /// cell is kept in the run (it is not written: the glyph before it covers it).
    public struct Run: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]

        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }

        /// The run's text as it reads on screen.
        public var text: String { cells.map(\.text).joined() }
    }

    /// Whether the screen must be cleared first: nothing is known to be on it, or its size changed.
    public var clearsFirst: Bool
    /// The changed cells, row by row, left to right.
    public var runs: [Run]

    public init(clearsFirst: Bool, runs: [Run]) {
        self.clearsFirst = clearsFirst
        self.runs = runs
    }

    /// The writes that bring `old` (nil: unknown) to `new`. A cell is written when it differs
    /// from the cell shown, and also when the cell after it differs (a wide glyph there may
    /// have covered it).
    public static func between(_ old: ScreenBuffer?, _ new: ScreenBuffer) -> ScreenDiff {
        let shown = old.flatMap { $0.width == new.width && $0.height == new.height ? $0 : nil }
        var runs: [Run] = []
        for y in 0..<new.height {
            var run: Run?
            for x in 0..<new.width {
                let cell = new[x, y]
                let written: Bool
                if cell.isContinuation {
                    // Part of the glyph before it: inside a run when that glyph is written.
                    written = run != nil
                } else if let shown {
                    written = shown[x, y] != cell || (x + 1 < new.width && shown[x + 1, y] != new[x + 1, y])
                } else {
                    written = true
                }
                if written {
                    if run == nil { run = Run(x: x, y: y, cells: []) }
                    run?.cells.append(cell)
                } else if let finished = run {
                    runs.append(finished)
                    run = nil
                }
            }
            if let run { runs.append(run) }
        }
        return ScreenDiff(clearsFirst: shown == nil, runs: runs)
    }
}
