import Foundation
import HeedCore
import HeedStorage

/// Response targets, ranking by priority, tags and breaches: not kept by the team store yet
/// (its schema has no tags or points); due terms match nothing and tagging is refused.
extension PostgresStore {
    /// Targets and rank order are not kept by the team store yet.
    public func configure(targets: ResponseTargets?, rank: RankOrder) {}

    /// Refused: the team store keeps no tags yet.
    @discardableResult
    public func tag(_ selection: Selection, adding: [String], removing: [String], at date: Date) throws -> AnswerResult {
        throw StoreError("the team store \(location) keeps no tags yet")
    }

    /// No tags are kept yet.
    public func tagCounts() throws -> [TagCount] { [] }

    /// No targets are kept yet: nothing is ever breached.
    public func claimBreaches(now: Date, limit: Int) throws -> [QueueItem] { [] }
}
