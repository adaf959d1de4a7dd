import HeedCore

/// The conversation of the selected item, as the detail pane shows it.
public struct ThreadPane: Sendable, Equatable {
    public var ref: Ref
    public var items: [QueueItem]
}

/// Where the selected item's reply went (sent, with its link; pending; failed), for the detail pane.
public struct DeliveryLine: Sendable, Equatable {
    public var ref: Ref
    public var text: String?
}

/// The selected item's author's history with the user, in brief, for the detail pane (nil
/// history while it loads, or when the store has no such item).
public struct AuthorLine: Sendable, Equatable {
    public var ref: Ref
    public var history: AuthorHistory?
    /// Asked for and not come yet: the pane keeps its line free, so the text does not move.
    public var loading: Bool
}
