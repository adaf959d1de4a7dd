import ArgumentParser
import Foundation
import HeedCore
import HeedImport
import HeedStore
import Screen

/// `heed list`: the queue in rank order without the full screen.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the queue in rank order (longest wait first).")

    @OptionGroup var paths: PathOptions

    @Flag(help: "Print JSON Lines in heed's import format, plus ref, state and waited_seconds.")
    var json = false

    @Option(help: ArgumentHelp("Print at most this many items.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Include acknowledged, replied and snoozed items.")
    var all = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try openStore(paths.storePath)
        let now = Date()
        var output = BufferedOutput()
        do {
            try store.forEach(all: all, limit: limit) { item in
                output.write(json ? HeedLines.line(item.mention, now: now) : Self.plain(item, now: now, showState: all))
            }
        } catch let error as StoreError {
            throw HeedExit.failure("\(error)")
        }
        output.flush()
    }

    /// One line for people: age, ref, author, the start of the text, all made safe to print.
    static func plain(_ item: QueueItem, now: Date, showState: Bool) -> String {
        let mention = item.mention
        var row = ScreenBuffer(width: 160, height: 1)
        var x = row.put(Glyphs.padLeft(Age.words(mention.waited(at: now)), toCells: 8), x: 0, y: 0, role: .normal) + 2
        if showState { x = row.put(mention.state.name, x: x, y: 0, maxWidth: 12, role: .normal) + 1; x = max(x, 23) }
        x = row.put(mention.ref.description, x: x, y: 0, maxWidth: 40, role: .normal) + 2
        x = row.put(mention.author.shownName, x: x, y: 0, maxWidth: 24, role: .normal) + 2
        row.put(mention.text, x: x, y: 0, role: .normal)
        return row.lines()[0].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
}

/// Standard output written in large blocks: `heed list` of a million items stays fast.
struct BufferedOutput {
    private var buffer = ""

    mutating func write(_ line: String) {
        buffer += line
        buffer += "\n"
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}
