import Foundation
import HeedCore

/// Everything a store keeps, record by record, as `heed store copy` moves it from one store to
/// another: items whole (with their tags and points), replies made elsewhere seen before their
/// items, and the journal with what rules and tagging did (so undo goes on in the copy). Times are milliseconds since 1970, the stores' own unit. An
/// action's entries follow it one by one, so a bulk action of a million items is never held whole.
public enum CopiedRecord: Sendable, Hashable {
    /// An item: the mention's content with its tags and points (its `state` is not read), its
    /// state columns as stored, and when it was imported.
    case item(Mention, CopiedState, importedAt: Int64)
    /// A reply of the user's seen before the item it answers.
    case answeredElsewhere(Ref, at: Int64)
    /// An action of the journal: when, its name, who took it, whether it was undone, and what
    /// it was where the name does not say (the rule, the tags added and removed).
    case action(at: Int64, name: String, person: String?, undone: Bool, detail: String?)
    /// One item's part of the last action given: its state before and after (with its tags and
    /// points on both sides when the action changed those).
    case entry(Ref, old: CopiedState, new: CopiedState)
}

/// The state columns of an item, or of one side of a journal entry, as stored.
public struct CopiedState: Sendable, Hashable {
    public var state: StoredState
    public var at: Int64?
    public var by: String?
    public var draft: String?
    public var snoozedUntil: Int64?
    public var assignee: String?
    /// A journal entry's side when its action changed tags and points (a tag, a rule), else nil;
    /// an item's own are in its mention.
    public var marks: CopiedMarks?

    /// State columns as stored.
    public init(state: StoredState, at: Int64? = nil, by: String? = nil, draft: String? = nil, snoozedUntil: Int64? = nil, assignee: String? = nil,
                marks: CopiedMarks? = nil) {
        self.state = state
        self.at = at
        self.by = by
        self.draft = draft
        self.snoozedUntil = snoozedUntil
        self.assignee = assignee
        self.marks = marks
    }
}

/// Tags and points as one side of a journal entry holds them.
public struct CopiedMarks: Sendable, Hashable {
    public var tags: [String]
    public var priority: Int

    /// Tags (sorted as stores keep them) and points.
    public init(tags: [String], priority: Int) {
        self.tags = tags
        self.priority = priority
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
