import Foundation
import HeedCore

/// Everything the screen shows, and nothing else: views render from it alone.
public struct AppState: Sendable, Equatable {
    /// Which screen has the keys.
    public enum Mode: Sendable, Equatable {
        case queue
        case help(scroll: Int)
        case composer(Composer)
        case outbox(OutboxScreen)
        /// The stats screen (nil until counted).
        case stats(ResponseStats?, scroll: Int)
        /// One author's history with the user.
        case author(AuthorScreen)
        /// Replies heed found typed but never saved, when it started.
        case unsaved(UnsavedScreen)
    }

    /// The author history screen: whose, and what the store said.
    public struct AuthorScreen: Sendable, Equatable {
        public var ref: Ref
        public var name: String
        public var history: AuthorHistory?
        public var scroll = 0
    }

    /// A line under the screen: what just happened, or what went wrong.
    public struct Status: Sendable, Equatable {
        public var text: String
        public var isError: Bool

        /// A line for the status row; an error is drawn in the error look.
        public init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    public var width: Int
    public var height: Int
    public var now: Date
    public var queue = QueueState()
    public var mode: Mode = .queue
    public var status: Status?
    /// A yes/no question over the current screen (discard a reply?).
    public var confirmDiscard = false
    /// Shown in the header: "demo" for the throwaway store.
    public var label: String?
    /// Set by quit: the loop ends after this frame.
    public var quitting = false
    public var settings = Settings()
    /// The query the queue shows: the whole queue, a search, a filter or a saved view.
    public var query = Query.queue
    /// The tab shown (a query saved in config.toml), by its index in `tabs`.
    public var shownTab: Int?
    public var tabs: [QueryTab] = []
    /// The query before a search started, to go back to on Esc.
    public var queryBeforeSearch: Query?
    public var marks = Marks()
    public var prompt: Prompt?
    /// The selected item's conversation, when it has more than one open item.
    public var thread: ThreadPane?
    /// The selected item's author in brief (`h` shows the whole history).
    public var authorLine: AuthorLine?
    /// The theme drawn in (nil until the one asked for is read).
    public var theme: ThemeChoice?
    /// The fetch running in the background, if any.
    public var fetch: FetchState?
    /// When the last fetch ended (`[fetch] every` counts from it).
    public var lastFetch: Date?
    /// The progress line of a draft being posted, while one is.
    public var sending: String?
    /// Where the selected item's reply went, for the detail pane (nil text while it loads).
    public var delivery: DeliveryLine?
    /// Search indexing running in the background, while it runs: search results are partial.
    public var indexing: Indexing?
    /// The item the last action on one item or its thread was taken on: its result names it.
    public var actedOn: QueueItem?

    public init(width: Int, height: Int, now: Date, label: String? = nil) {
        self.width = width
        self.height = height
        self.now = now
        self.label = label
    }

    public var composer: Composer? {
        if case .composer(let composer) = mode { composer } else { nil }
    }

    /// Below this, the screen asks to be enlarged instead of drawing a broken layout.
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    /// The key that undoes, as the status line names it (the user may have remapped it).
    public var undoKey: String { key(.undo) }

    /// A command's first key in a context, as messages name it: the user's, when remapped.
    public func key(_ command: Command, in context: KeyContext = .queue) -> String {
        settings.keys.label(command, in: context)
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}
