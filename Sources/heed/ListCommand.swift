import ArgumentParser
import Foundation
import HeedCore
import HeedImport
import HeedStore
import HeedUI
import Screen

/// `heed list`: the queue in rank order without the full screen.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the queue in rank order (longest wait first).")

    @OptionGroup var paths: PathOptions

    @Flag(help: "Print JSON Lines in heed's import format, plus ref, state, waited_seconds, tags, priority and (with [targets]) due_seconds.")
    var json = false

    @Option(help: ArgumentHelp("Print at most this many items.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Include acknowledged, replied and snoozed items.")
    var all = false

    @Option(help: ArgumentHelp("Only items found by this search, in the search line's words: words, \"a phrase\", platform:NAME, kind:dm, from:NAME, age>4h, is:snoozed, tag:NAME, is:breached, due<1h.", valueName: "search"))
    var search: String?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if let search {
            do { _ = try QueryParser.parse(search) } catch { throw ValidationError("--search: \(error.description)") }
        }
    }

    func run() throws {
        let console = Console()
        let config = loadConfig(paths)
        let store = try openStore(paths, config: config).store
        let now = Date()
        var output = BufferedOutput(console: console, json: json)
        var rows = ListRows(console: console, showState: all || (search?.contains("is:") ?? false), targets: config.targets)
        let write = { (item: QueueItem) throws in
            if json {
                try output.write(HeedLines.line(item.mention, now: now, due: config.targets?.due(item.mention, now: now)))
            } else {
                try rows.add(item, now: now, to: &output)
            }
        }
        do {
            if let search, var query = try? QueryParser.parse(search) {
                try Self.catchUp(store, console: console)
                if all, !search.contains("is:") { query.scope = .all }
                try Self.pages(store, query, now: now, limit: limit, write)
            } else {
                try store.forEach(all: all, limit: limit, write)
            }
        } catch let error as StoreError {
            throw HeedExit.failure("\(error)")
        }
        try rows.finish(to: &output)
        try output.flush()
    }

    /// Indexes for search what a large import left to the next queue, saying so on a terminal
    /// (a million items take some seconds, once).
    static func catchUp(_ store: any MentionStore, console: Console) throws {
        let left = try store.unindexedCount()
        guard left > 0 else { return }
        let shown = left > Store.indexAtOnce
        if shown { console.progress("indexing \(left.grouped) items for search (once)…") }
        try store.catchUpSearch { done in
            if shown { console.progress("indexing \(left.grouped) items for search (once): \(min(100, done * 100 / left))%") }
        }
        if shown { console.progress(nil) }
    }

    /// Every item of a view, a page at a time.
    static func pages(_ store: any MentionStore, _ query: Query, now: Date, limit: Int?, _ body: (QueueItem) throws -> Void) throws {
        var left = limit ?? Int.max
        var request = PageRequest.first(500)
        while left > 0 {
            let page = try store.page(query, request, now: now)
            for item in page.prefix(left) { try body(item) }
            left -= page.count
            guard page.count == 500, let last = page.last else { return }
            request = .after(last.key, 500)
        }
    }

}

/// The rows of plain `heed list`. On a terminal: a header, then columns padded and fitted to
/// its width (widths taken from the first rows), the ref always whole, the text cut. Piped:
/// tab-separated `age, ref, state, author, text`, no header, the text cut to
/// `ListRows.pipedText` cells. Texts over `TextLimits.shownBytes` start with their size. With
/// response targets, the time left or how late (`due 1h`, `late 2h`) follows the age; an item's
/// tags (`#press`) lead its text.
struct ListRows {
    let console: Console
    let showState: Bool
    let targets: ResponseTargets?
    private var waiting: [[String]] = []
    private var widths: [Int]?

    /// Cells of text a piped row keeps (`heed list --json` has the whole text).
    static let pipedText = 1_000
    /// Rows read before the columns' widths are fixed on a terminal.
    static let measured = 200

    init(console: Console, showState: Bool, targets: ResponseTargets? = nil) {
        self.console = console
        self.showState = showState
        self.targets = targets
    }

    var table: TextTable {
        TextTable([TextTable.Column("AGE", .whole, right: true)] + (targets != nil ? [TextTable.Column("DUE", .whole)] : [])
            + (showState ? [TextTable.Column("STATE", .whole)] : [])
            + [TextTable.Column("REF", .whole), TextTable.Column("AUTHOR", .upTo(24, least: 8)), TextTable.Column("TEXT", .rest)])
    }

    /// Adds one item: written at once when piped, after the first rows on a terminal.
    mutating func add(_ item: QueueItem, now: Date, to output: inout BufferedOutput) throws {
        let mention = item.mention
        let age = Age.words(mention.waited(at: now))
        let text = TextLimits.shown(mention.text)
        // A column of its own with targets set; empty for an item no target key matches.
        let due = targets.map { $0.due(mention, now: now).map(DueLabel.text) ?? "" }
        // Tags lead the text, as on the queue's rows.
        let tagged = mention.tags.isEmpty ? text : mention.tags.map { "#" + $0 }.joined(separator: " ") + " " + text
        guard let terminalWidth = console.width else {
            let row = [age] + (due.map { [$0] } ?? []) + [mention.ref.shown, mention.state.name, mention.author.shownName]
            try output.write(TextTable.separated(row) + "\t" + TextTable.separated([tagged], most: Self.pipedText))
            return
        }
        let row = [age] + (due.map { [$0] } ?? []) + (showState ? [mention.state.name] : []) + [mention.ref.shown, mention.author.shownName, tagged]
        if let widths {
            try output.write(table.line(row, widths: widths, width: terminalWidth))
            return
        }
        waiting.append(row)
        if waiting.count >= Self.measured { try flushWaiting(width: terminalWidth, to: &output) }
    }

    /// Writes the rows still held for measuring (a list shorter than `measured`).
    mutating func finish(to output: inout BufferedOutput) throws {
        guard let terminalWidth = console.width, widths == nil, !waiting.isEmpty else { return }
        try flushWaiting(width: terminalWidth, to: &output)
    }

    private mutating func flushWaiting(width: Int, to output: inout BufferedOutput) throws {
        let widths = table.widths(for: waiting, width: width)
        self.widths = widths
        try output.write(table.header(widths: widths, width: width))
        for row in waiting { try output.write(table.line(row, widths: widths, width: width)) }
        waiting = []
    }
}

/// Standard output written in large blocks through the `Console`: `heed list` of a million
/// items stays fast. Rows for people are already sanitised by `TextTable`; JSON Lines are data.
struct BufferedOutput {
    let console: Console
    let json: Bool
    private var buffer = ""

    init(console: Console, json: Bool) {
        self.console = console
        self.json = json
    }

    mutating func write(_ line: String) throws {
        // A long line (a huge text as JSON) goes out as it is, never copied into the buffer.
        if line.utf8.count > 1 << 16 {
            try flush()
            try console.data(line)
            try console.data("\n")
            return
        }
        buffer += line
        buffer += "\n"
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try console.data(buffer)
        buffer = ""
    }
}
