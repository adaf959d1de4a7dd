import Foundation
import HeedCore

/// Where one import puts what it read, inside the import's transaction (see
/// `MentionStore.importing`).
public protocol MentionSink: AnyObject {
    /// Stores one mention: a new one is inserted (with its state when it is given), a known one
    /// has changed content updated and its state left alone.
    func put(_ mention: Mention) throws

    /// Stores one mention as `put` does and, when it is new, applies what the rules did to it
    /// (`RuleSet.steps`), each rule's actions on this import's items one journaled action
    /// (undone by `undoLast`, last rule first). A known item is left to `put` alone.
    func put(_ mention: Mention, ruled steps: [RuleStep], at date: Date) throws

    /// The user's own reply (seen in an imported file) answers `ref`: a waiting item becomes
    /// replied elsewhere; an item not yet imported is remembered and marked when it arrives.
    func answered(_ ref: Ref, at date: Date) throws

    /// Counts a record that was valid but not for the queue.
    func skip()

    /// Counts a malformed record.
    func reject()

    /// What the import did so far.
    var counts: ImportCounts { get }
}

extension MentionSink {
    /// For a sink that keeps no journal: the mention stored as the rules left it.
    public func put(_ mention: Mention, ruled steps: [RuleStep], at date: Date) throws {
        var marks = ItemMarks(mention)
        for step in steps { for action in step.actions { marks.apply(action, now: date) } }
        var ruled = mention
        (ruled.state, ruled.tags, ruled.priority) = (marks.state, marks.tags, marks.priority)
        try put(ruled)
    }
}

/// The tally of one import, as the summary line prints it.
public struct ImportCounts: Sendable, Hashable {
    public var imported = 0, updated = 0, unchanged = 0, skipped = 0, rejected = 0
    public init() {}

    /// `imported 3, updated 1, unchanged 0, skipped 2, rejected 0`.
    public var summary: String {
        "imported \(imported.grouped), updated \(updated.grouped), unchanged \(unchanged.grouped), skipped \(skipped.grouped), rejected \(rejected.grouped)"
    }
}

/// Thrown by an import body to undo everything it stored.
public struct ImportRolledBack: Error {
    public let counts: ImportCounts
    public init(counts: ImportCounts) { self.counts = counts }
}
