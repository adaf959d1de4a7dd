import Foundation
import HeedCore

/// Everything a store keeps, record by record, as `heed store copy` moves it from one store to
/// another: items whole, replies made elsewhere seen before their items, and the journal (so
/// undo goes on in the copy). Times are milliseconds since 1970, the stores' own unit. An
/// action's entries follow it one by one, so a bulk action of a million items is never held whole.
public enum CopiedRecord: Sendable, Hashable {
    case item(CopiedItem)
    case answeredElsewhere(Ref, at: Int64)
    case action(CopiedAction)
    /// One item's part of the last action given.
    case entry(CopiedAction.Entry)
}

/// An item with every column a store keeps about it: the mention's content (its `state` is not
/// read), and its state columns as stored.
public struct CopiedItem: Sendable, Hashable {
    public var mention: Mention
    public var state: CopiedState
    public var importedAt: Int64

    /// An item as copied.
    public init(mention: Mention, state: CopiedState, importedAt: Int64) {
        self.mention = mention
        self.state = state
        self.importedAt = importedAt
    }
}

/// The state columns of an item, or of one side of a journal entry, as stored.
public struct CopiedState: Sendable, Hashable {
    public var state: StoredState
    public var at: Int64?
    public var by: String?
    public var draft: String?
    public var snoozedUntil: Int64?
    public var assignee: String?

    /// State columns as stored.
    public init(state: StoredState, at: Int64? = nil, by: String? = nil, draft: String? = nil, snoozedUntil: Int64? = nil, assignee: String? = nil) {
        self.state = state
        self.at = at
        self.by = by
        self.draft = draft
        self.snoozedUntil = snoozedUntil
        self.assignee = assignee
    }
}

/// One action of the journal (its entries follow it as records of their own, each naming its
/// item by ref).
public struct CopiedAction: Sendable, Hashable {
    public var at: Int64
    public var action: String
    public var person: String?
    public var undone: Bool

    /// One item's part of an action: its state before and after.
    public struct Entry: Sendable, Hashable {
        public var ref: Ref
        public var old: CopiedState
        public var new: CopiedState

        /// An entry as copied.
        public init(ref: Ref, old: CopiedState, new: CopiedState) {
            self.ref = ref
            self.old = old
            self.new = new
        }
    }

    /// An action as copied.
    public init(at: Int64, action: String, person: String?, undone: Bool) {
        self.at = at
        self.action = action
        self.person = person
        self.undone = undone
    }
}

/// What copying a store brought over.
public struct CopyCounts: Sendable, Hashable {
    public var items = 0, kept = 0, answers = 0, actions = 0
    public init() {}

    /// `copied 3 items (1 already there, kept as it was), 0 answers made elsewhere, 2 actions`.
    public var summary: String {
        "copied \(items) item\(items == 1 ? "" : "s")\(kept > 0 ? " (\(kept) already there, kept as they were)" : ""), \(answers) answer\(answers == 1 ? "" : "s") made elsewhere, \(actions) action\(actions == 1 ? "" : "s") of the journal"
    }
}

/// Where a copy is written: inside one transaction of the target store (see
/// `MentionStore.copyIn`). Items come before the actions that name them.
public protocol CopySink: AnyObject {
    /// Stores one record: an item not in the store yet (one it holds is left as it is), an
    /// answer made elsewhere, an action, or an entry of the last action naming an item given.
    func put(_ record: CopiedRecord) throws
    /// What was written so far.
    var counts: CopyCounts { get }
}
