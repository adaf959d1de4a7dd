import Screen

/// Everything a key can do. The raw value is the command's stable name: the help screen shows
/// it, and `[keys]` in config.toml will remap by it (`acknowledge = ["e"]`).
public enum Command: String, Sendable, CaseIterable {
    case next, previous, first, last, pageDown = "page_down", pageUp = "page_up"
    case acknowledge, reply, acknowledgeThread = "acknowledge_thread", replyThread = "reply_thread"
    case snooze, mark, markAll = "mark_all", undo, assign
    case search, filter, nextTab = "next_tab", previousTab = "previous_tab", wholeQueue = "whole_queue"
    case stats, author, outbox, nextTheme = "next_theme", fetch, help, quit
    case openLink = "open_link", copyLink = "copy_link", copyRef = "copy_ref"
    case up, down, close, edit, discard, send
    case save, editor, templates, cancel, newline, backspace, deleteForward = "delete_forward"
    case left, right, lineStart = "line_start", lineEnd = "line_end"
    case accept, clearLine = "clear_line", yes, no
    case tag, complete
    /// Not a key: what typed characters do where they are text (the composer, the prompts).
    case type
}

/// Which part of the screen has the keys: a screen, a prompt over the queue, or a question.
public enum KeyContext: String, Sendable, CaseIterable {
    case queue = "Queue"
    case search = "Search line"
    case snooze = "Snooze"
    case filter = "Platform filter"
    case tag = "Tag"
    case confirm = "Bulk action question"
    case assign = "Assignment"
    case composer = "Composer"
    case templates = "Saved replies"
    case discard = "Discard question"
    case outbox = "Outbox"
    case sendQuestion = "Send question"
    case help = "Help"
    case stats = "Stats"
    case author = "Author history"
    case unsaved = "Unsaved replies"

    /// Words at the end of the context's key bar that are not a key's: what to type, where else to look.
    public var hint: BarItem? {
        switch self {
        case .search: BarItem(keys: "platform: kind: from: age>4h is:snoozed \"phrase\"", what: "")
        case .snooze: BarItem(keys: "1-4, 90m, 2d, 1w", what: "how long")
        case .tag: BarItem(keys: "-name", what: "removes a tag")
        case .stats: BarItem(keys: "heed stats --since 7d", what: "in the shell")
        case .author: BarItem(keys: "[people]", what: "in config.toml links accounts")
        default: nil
        }
    }

    /// Whether a key here clears the status line first (it spoke of the key before).
    var clearsStatus: Bool {
        switch self {
        case .queue, .composer, .templates, .outbox, .unsaved: true
        default: false
        }
    }
}

/// One entry of a key bar: keys as shown, and what they do in a word or two.
public struct BarItem: Sendable, Equatable {
    public var keys: String
    public var what: String
}

/// One row of the key table: the keys, the command, the words the help screen and the key
/// bar show, and why the command cannot run now (said on the status line when pressed).
public struct Binding: Sendable, Equatable {
    public var keys: [Key]
    public var command: Command
    public var help: String
    public var context: KeyContext
    /// The word in the context's key bar (nil: not in the bar).
    public var bar: String?
    /// How many of `keys` the bar names, joined by "/".
    public var barKeys: Int
    /// Why the command cannot run in this state, or nil when it can.
    public var disabled: (@Sendable (AppState) -> String?)?

    public init(_ keys: [Key], _ command: Command, _ help: String, _ context: KeyContext, bar: String? = nil, barKeys: Int = 1,
                disabled: (@Sendable (AppState) -> String?)? = nil) {
        self.keys = keys
        self.command = command
        self.help = help
        self.context = context
        self.bar = bar
        self.barKeys = barKeys
        self.disabled = disabled
    }

    /// Bindings are the same when they bind the same keys the same way (reasons are code).
    public static func == (lhs: Binding, rhs: Binding) -> Bool {
        (lhs.keys, lhs.command, lhs.help, lhs.context, lhs.bar, lhs.barKeys) == (rhs.keys, rhs.command, rhs.help, rhs.context, rhs.bar, rhs.barKeys)
    }
}

/// The one table that drives dispatch, the help screen and every key bar. A remapping
/// (`[keys]` in config.toml, `remapped`) is a new table: the named command's keys replaced, and
/// those keys taken from the context's other bindings, so the user's win.
public struct KeyTable: Sendable, Equatable {
    public var bindings: [Binding]

    public init(bindings: [Binding]) { self.bindings = bindings }

    /// The binding a key has in a context, if any.
    public func binding(for key: Key, in context: KeyContext) -> Binding? {
        bindings.first { $0.context == context && $0.keys.contains(key) }
    }

    /// The first key of a command in a context as the screen names it ("Esc"), or a word
    /// saying it has none (the user took its keys away).
    public func label(_ command: Command, in context: KeyContext) -> String {
        bindings.first { $0.context == context && $0.command == command }?.keys.first?.label ?? "(no key)"
    }

    /// The bindings of a context, in the table's order.
    public func bindings(in context: KeyContext) -> [Binding] {
        bindings.filter { $0.context == context }
    }

    /// The key bar of a context: its bindings that have a bar word, in order, neighbours with
    /// the same word as one entry ("j/k move"), then the context's hint.
    public func bar(for context: KeyContext) -> [BarItem] {
        var items: [BarItem] = []
        var previous: String?
        for binding in bindings(in: context) {
            guard let what = binding.bar, !binding.keys.isEmpty else {
                previous = nil
                continue
            }
            let keys = binding.keys.prefix(binding.barKeys).map(\.label).joined(separator: "/")
            if what == previous, !items.isEmpty {
                items[items.count - 1].keys += "/" + keys
            } else {
                items.append(BarItem(keys: keys, what: what))
            }
            previous = what
        }
        return items + (context.hint.map { [$0] } ?? [])
    }
}

extension AppState {
    /// Which context has the keys now: a question first, then a prompt or the picker, then the screen.
    public var keyContext: KeyContext {
        if confirmDiscard { return .discard }
        switch mode {
        case .queue:
            switch prompt {
            case nil: return .queue
            case .search: return .search
            case .snooze: return .snooze
            case .filter: return .filter
            case .confirm: return .confirm
            case .tag: return .tag
            case .assign: return .assign
            }
        case .composer(let composer): return composer.picker == nil ? .composer : .templates
        case .help: return .help
        case .outbox(let screen): return screen.confirmingSend ? .sendQuestion : .outbox
        case .stats: return .stats
        case .author: return .author
        case .unsaved: return .unsaved
        }
    }
}
