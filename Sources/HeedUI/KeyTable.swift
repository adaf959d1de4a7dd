import Screen

/// Everything a key can do. The key table binds keys to commands; the reducer carries them out.
public enum Command: Sendable, Equatable {
    case next, previous, first, last, pageDown, pageUp
    case acknowledge, reply, undo, help, quit, outbox, nextTheme
    case snooze, mark, markAll, acknowledgeThread, replyThread
    case search, filter, nextView, previousView, clearView
    case stats, author, closeScreen
    case edit, discard, closeOutbox
    case closeHelp
    case save, editor, templates, cancel, newline, backspace, deleteForward, left, right, up, down, lineStart, lineEnd
}

/// Which screen a binding belongs to.
public enum KeyContext: String, Sendable, CaseIterable {
    case queue = "Queue"
    case composer = "Composer"
    case outbox = "Outbox"
    case help = "Help"
    case stats = "Stats"
    case author = "Author history"
}

/// One row of the key table: the keys, what they do, and the words the help screen shows.
public struct Binding: Sendable {
    public var keys: [Key]
    public var command: Command
    public var help: String
    public var context: KeyContext
}

/// The one table that drives dispatch, the help screen and the key bar.
public enum KeyTable {
    public static let bindings: [Binding] = [
        Binding(keys: [.character("j"), .down], command: .next, help: "next item", context: .queue),
        Binding(keys: [.character("k"), .up], command: .previous, help: "previous item", context: .queue),
        Binding(keys: [.character("g"), .home], command: .first, help: "first (longest waiting)", context: .queue),
        Binding(keys: [.character("G"), .end], command: .last, help: "last (newest)", context: .queue),
        Binding(keys: [.pageDown, .control("f"), .character(" ")], command: .pageDown, help: "page down", context: .queue),
        Binding(keys: [.pageUp, .control("b")], command: .pageUp, help: "page up", context: .queue),
        Binding(keys: [.character("a")], command: .acknowledge, help: "acknowledge: seen, no reply needed", context: .queue),
        Binding(keys: [.character("r"), .enter], command: .reply, help: "reply in the composer", context: .queue),
        Binding(keys: [.character("A")], command: .acknowledgeThread, help: "acknowledge the whole thread (every open item of it)", context: .queue),
        Binding(keys: [.character("R")], command: .replyThread, help: "reply to the whole thread: one reply answers every open item", context: .queue),
        Binding(keys: [.character("s")], command: .snooze, help: "snooze: 1 h, 4 h, tomorrow, next week or a typed duration", context: .queue),
        Binding(keys: [.character("x")], command: .mark, help: "mark for a bulk action (a and s act on all marked)", context: .queue),
        Binding(keys: [.character("X")], command: .markAll, help: "mark every item of the view (again: clear the marks)", context: .queue),
        Binding(keys: [.character("u")], command: .undo, help: "undo the last action (again: the one before)", context: .queue),
        Binding(keys: [.character("/")], command: .search, help: "search and filter: words, \"phrase\", platform:, kind:, from:, age>4h, is:snoozed", context: .queue),
        Binding(keys: [.character("f")], command: .filter, help: "filter by platform", context: .queue),
        Binding(keys: [.tab], command: .nextView, help: "next saved view ([views] in config.toml)", context: .queue),
        Binding(keys: [.backTab], command: .previousView, help: "previous saved view", context: .queue),
        Binding(keys: [.escape], command: .clearView, help: "back to the whole queue; clear the marks", context: .queue),
        Binding(keys: [.character("S")], command: .stats, help: "stats: response rate, time to answer, the queue by age, per day", context: .queue),
        Binding(keys: [.character("h")], command: .author, help: "the author's history with you (linked accounts in [people])", context: .queue),
        Binding(keys: [.character("o")], command: .outbox, help: "the outbox: drafts to edit or discard", context: .queue),
        Binding(keys: [.character("T")], command: .nextTheme, help: "next theme (heed themes lists them)", context: .queue),
        Binding(keys: [.character("?")], command: .help, help: "this help", context: .queue),
        Binding(keys: [.character("q"), .control("c")], command: .quit, help: "quit", context: .queue),
        Binding(keys: [.control("s")], command: .save, help: "save the reply to the outbox", context: .composer),
        Binding(keys: [.control("e")], command: .editor, help: "edit in $VISUAL / $EDITOR", context: .composer),
        Binding(keys: [.control("t")], command: .templates, help: "insert a saved reply (templates folder)", context: .composer),
        Binding(keys: [.escape, .control("c")], command: .cancel, help: "cancel (asks first when there is text)", context: .composer),
        Binding(keys: [.enter], command: .newline, help: "new line", context: .composer),
        Binding(keys: [.backspace], command: .backspace, help: "delete before the cursor", context: .composer),
        Binding(keys: [.delete, .control("d")], command: .deleteForward, help: "delete under the cursor", context: .composer),
        Binding(keys: [.left, .right], command: .left, help: "move by character", context: .composer),
        Binding(keys: [.up, .down], command: .up, help: "move by line", context: .composer),
        Binding(keys: [.home, .control("a")], command: .lineStart, help: "start of line", context: .composer),
        Binding(keys: [.end], command: .lineEnd, help: "end of line", context: .composer),
        Binding(keys: [.character("j"), .down], command: .next, help: "next draft", context: .outbox),
        Binding(keys: [.character("k"), .up], command: .previous, help: "previous draft", context: .outbox),
        Binding(keys: [.character("e"), .enter], command: .edit, help: "edit a pending draft in the composer", context: .outbox),
        Binding(keys: [.character("d")], command: .discard, help: "discard a pending draft: the item returns to the queue", context: .outbox),
        Binding(keys: [.character("u")], command: .undo, help: "undo the last action", context: .outbox),
        Binding(keys: [.escape, .character("o"), .character("q")], command: .closeOutbox, help: "back to the queue", context: .outbox),
        Binding(keys: [.character("j"), .down], command: .down, help: "scroll down", context: .stats),
        Binding(keys: [.character("k"), .up], command: .up, help: "scroll up", context: .stats),
        Binding(keys: [.escape, .character("q"), .character("S")], command: .closeScreen, help: "back to the queue", context: .stats),
        Binding(keys: [.character("j"), .down], command: .down, help: "scroll down", context: .author),
        Binding(keys: [.character("k"), .up], command: .up, help: "scroll up", context: .author),
        Binding(keys: [.escape, .character("q"), .character("h")], command: .closeScreen, help: "back to the queue", context: .author),
        Binding(keys: [.character("j"), .down], command: .down, help: "scroll down", context: .help),
        Binding(keys: [.character("k"), .up], command: .up, help: "scroll up", context: .help),
        Binding(keys: [.character("?"), .escape, .character("q")], command: .closeHelp, help: "close help", context: .help),
    ]

    /// The command a key runs in a context. Arrow pairs bound together resolve by direction.
    public static func command(for key: Key, in context: KeyContext) -> Command? {
        guard let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) else { return nil }
        switch (binding.command, key) {
        case (.left, .right): return .right
        case (.up, .down) where context == .composer: return .down
        default: return binding.command
        }
    }

    /// The keys shown in the bar under the queue, in order.
    public static let queueBar: [(keys: String, what: String)] = [
        ("j/k", "move"), ("a", "ack"), ("r", "reply"), ("s", "snooze"), ("/", "search"), ("x", "mark"), ("u", "undo"), ("?", "help"), ("q", "quit"),
    ]

    public static let outboxBar: [(keys: String, what: String)] = [
        ("j/k", "move"), ("e", "edit"), ("d", "discard"), ("u", "undo"), ("Esc", "back"),
    ]

    public static let composerBar: [(keys: String, what: String)] = [
        ("Ctrl-S", "save to outbox"), ("Ctrl-E", "editor"), ("Ctrl-T", "saved replies"), ("Esc", "cancel"),
    ]
}
