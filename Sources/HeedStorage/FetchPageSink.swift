import Foundation
import HeedCore

/// Where one fetched page goes, inside its transaction (see `MentionStore.fetching`): its
/// mentions as an import's, the answers the user gave in a platform's own app, and the cursors
/// that say where the account's next fetch starts. Nothing of a page that fails is kept.
public protocol FetchPageSink: MentionSink {
    /// The user answered in a conversation (any of `conversations`, names of the same thread)
    /// at `date`: its open items that arrived at or before then are marked replied.
    func answered(conversation conversations: [String], on platform: Platform, at date: Date)

    /// Moves a cursor of the account, in the page's transaction.
    func setCursor(_ name: String, to value: String)
}

/// What one fetched page did to the store: the import's counts, and the items that the user's
/// own answers, given in a platform's app, took out of the queue.
public struct FetchedCounts: Sendable, Equatable {
    public var counts = ImportCounts()
    /// Waiting (or snoozed) items marked replied by an answer given elsewhere.
    public var answeredElsewhere = 0

    /// Nothing counted yet.
    public init() {}

    /// Adds another page's counts.
    public mutating func add(_ other: FetchedCounts) {
        counts.add(other.counts)
        answeredElsewhere += other.answeredElsewhere
    }
}

extension ImportCounts {
    /// Adds another import's counts.
    public mutating func add(_ other: ImportCounts) {
        imported += other.imported
        updated += other.updated
        unchanged += other.unchanged
        skipped += other.skipped
        rejected += other.rejected
    }
}
