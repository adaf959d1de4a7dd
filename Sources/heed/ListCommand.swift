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
        let config = loadConfig(paths)
        let store = try openStore(paths.storePath, config: config)
        let now = Date()
        let output = StandardOutput.shared
        let write = { (item: QueueItem) throws in
            let due = config.targets?.due(item.mention, now: now)
            try output.line(json ? HeedLines.line(item.mention, now: now, due: due) : Self.plain(item, now: now, showState: all, due: due))
        }
        if let search, var query = try? QueryParser.parse(search) {
            try Self.catchUp(store)
            if all, !search.contains("is:") { query.scope = .all }
            try Self.pages(store, query, now: now, limit: limit, write)
        } else {
            try store.forEach(all: all, limit: limit, write)
        }
    }

    /// Indexes for search what a large import left to the next queue, saying so on a terminal
    /// (a million items take some seconds, once).
    static func catchUp(_ store: any MentionStore) throws {
        let left = try store.unindexedCount()
        guard left > 0 else { return }
        let shown = isatty(STDERR_FILENO) == 1 && left > Store.indexAtOnce
        func say(_ text: String) { StandardError.write("\r\u{1B}[K\(text)") }
        if shown { say("indexing \(left) items for search (once)…") }
        try store.catchUpSearch { done in
            if shown { say("indexing \(left) items for search (once): \(min(100, done * 100 / left))%") }
        }
        if shown { say("") }
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

    /// One line for people: age, time left (with targets), ref, author, tags, the start of the
    /// text, all made safe to print.
    static func plain(_ item: QueueItem, now: Date, showState: Bool, due: ResponseTargets.Due? = nil) -> String {
        let mention = item.mention
        var row = ScreenBuffer(width: 160, height: 1)
        var x = row.put(Glyphs.padLeft(Age.words(mention.waited(at: now)), toCells: 8), x: 0, y: 0, role: .normal) + 2
        if let due { x = max(row.put(DueLabel.text(due), x: x, y: 0, role: .normal) + 2, x + 10) }
        if showState { x = row.put(mention.state.name, x: x, y: 0, maxWidth: 12, role: .normal) + 1; x = max(x, 23) }
        x = row.put(mention.ref.description, x: x, y: 0, maxWidth: 40, role: .normal) + 2
        x = row.put(mention.author.shownName, x: x, y: 0, maxWidth: 24, role: .normal) + 2
        if !mention.tags.isEmpty { x = row.put(mention.tags.map { "#" + $0 }.joined(separator: " "), x: x, y: 0, maxWidth: 40, role: .normal) + 1 }
        row.put(mention.text, x: x, y: 0, role: .normal)
        return row.lines()[0].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
}
