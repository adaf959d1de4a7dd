import Foundation
import GRDB
import GRDBSQLite
import HeedCore

extension Store {
    /// The one pass over the table behind `stats`: counts per platform, answer times, the
    /// trend's days, and how items fared against their targets. Rows are stepped through SQLite's C API and their four columns read in
    /// place (a million rows make per-row allocations show); nothing but the answer times is kept.
    struct StatsPass {
        /// The platforms by index.
        static let platforms = Platform.allCases
        private static let names = platforms.map { Array($0.rawValue.utf8) }

        let since: Int64
        /// Items created at or before these have waited past each of `AnswerFigures.limits`.
        let olderThan: [Int64]
        /// The trend's buckets over the whole period.
        let trend: Trend
        var counts = [PlatformCounts](repeating: PlatformCounts(), count: platforms.count)
        var durations = [[Double]](repeating: [], count: platforms.count)
        var received: [Int]
        var answered: [Int]
        /// The response targets, each row's worked out by SQLite (`TargetColumn`), and how the
        /// period's items fared against them.
        let targets: ResponseTargets?
        let nowMs: Int64
        var tally: TargetTally

        /// A pass over the period from `since` (everything when nil, from `earliest`, the
        /// first item's time) to `now`, with the trend's buckets over it.
        init(since: Date?, earliest: Date?, now: Date, targets: ResponseTargets? = nil) {
            let nowMs = Store.milliseconds(now)
            self.nowMs = nowMs
            self.targets = targets
            tally = TargetTally(since: since, now: now)
            self.since = since.map(Store.milliseconds) ?? Int64.min
            olderThan = AnswerFigures.limits.map { nowMs - Int64($0 * 1000) }
            trend = Trend(since: since, earliest: earliest, now: now)
            received = Array(repeating: 0, count: trend.count)
            answered = Array(repeating: 0, count: trend.count)
        }

        /// Reads the rows that arrived in the period or were answered in it.
        mutating func scan(_ db: Database) throws {
            let window = since == Int64.min ? "" : " WHERE created_at >= ? OR (state IN \(StoredState.answered.sql) AND state_at >= ?)"
            let target = TargetColumn(targets)
            let sql = "SELECT platform, state, created_at, state_at, id, \(target.sql) FROM mention" + window
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(StatementArguments(target.arguments + (window.isEmpty ? [] : [since, trend.start])))
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                }
                guard let platform = Self.platform(handle) else {
                    let name = sqlite3_column_text(handle, 0).map { String(cString: $0) } ?? ""
                    throw StoreError.unknownPlatform(name, row: "mention row \(sqlite3_column_int64(handle, 4))")
                }
                let state = Self.state(handle)
                let created = sqlite3_column_int64(handle, 2)
                let answer: Int64? = state.isAnswered && sqlite3_column_type(handle, 3) != SQLITE_NULL ? sqlite3_column_int64(handle, 3) : nil
                if created >= since {
                    count(platform, state, created: created, answer: answer)
                    if sqlite3_column_type(handle, 5) != SQLITE_NULL {
                        tallyTarget(platform, state, created: created, target: sqlite3_column_int64(handle, 5), answer: answer)
                    }
                }
                // An answer given in the period, to an item of any age: the trend and `answersGiven` alike.
                if let answer, let bucket = trend.bucket(answer) {
                    answered[bucket] += 1
                    counts[platform].given += 1
                }
            }
        }

        /// Counts one item of the period; an answer recorded before the item arrived has no usable time.
        mutating func count(_ platform: Int, _ state: StoredState, created: Int64, answer: Int64?) {
            // An item dated after today counts today, so the trend sums to what was received.
            if let bucket = trend.bucket(min(created, trend.end - 1)) { received[bucket] += 1 }
            counts[platform].received += 1
            switch state {
            case .replied: counts[platform].replied += 1
            case .acknowledged: counts[platform].acknowledged += 1
            case .snoozed: counts[platform].snoozed += 1
            case .waiting: counts[platform].waiting += 1
            }
            if state.isAnswered {
                if let answer, answer >= created { durations[platform].append(Double(answer - created) / 1000) }
            } else {
                for index in olderThan.indices where created <= olderThan[index] { counts[platform].unansweredOlder[index] += 1 }
            }
        }

        /// Counts how an item with a target fared (an answer without a usable time is left out,
        /// as it is of the answer times).
        mutating func tallyTarget(_ platform: Int, _ state: StoredState, created: Int64, target: Int64, answer: Int64?) {
            guard let targets else { return }
            if state.isAnswered {
                guard let answer, answer >= created else { return }
                tally.add(Self.platforms[platform], created: created, targets.outcome(created: created, target: target, answered: answer, now: nowMs))
            } else {
                tally.add(Self.platforms[platform], created: created, targets.outcome(created: created, target: target, answered: nil, now: nowMs))
            }
        }

        /// The trend's buckets with their counts.
        var days: [DayCount] { trend.days(received: received, answered: answered) }

        /// The state of the current row, told by its first letter and length ("waiting" when
        /// unknown), as `StoredState(rawValue:)` would without making a string per row.
        static func state(_ handle: OpaquePointer) -> StoredState {
            guard let text = sqlite3_column_text(handle, 1) else { return .waiting }
            switch (text[0], sqlite3_column_bytes(handle, 1)) {
            case (UInt8(ascii: "a"), 12): return .acknowledged
            case (UInt8(ascii: "r"), 7): return .replied
            case (UInt8(ascii: "s"), 7): return .snoozed
            default: return .waiting
            }
        }

        /// The index in `platforms` of the current row's platform; nil when unknown.
        static func platform(_ handle: OpaquePointer) -> Int? {
            guard let text = sqlite3_column_text(handle, 0) else { return nil }
            let length = Int(sqlite3_column_bytes(handle, 0))
            for (index, name) in names.enumerated() where name.count == length {
                var offset = 0
                while offset < length, name[offset] == text[offset] { offset += 1 }
                if offset == length { return index }
            }
            return nil
        }
    }
}

/// The column of the stats pass that holds each row's response target in milliseconds (the
/// shortest of the keys that match it, NULL when none does or no targets are set): SQLite
/// works it out as it reads the row, full-text and tag keys included.
struct TargetColumn {
    var sql = "NULL"
    var arguments: [DatabaseValueConvertible?] = []

    init(_ targets: ResponseTargets?) {
        guard let targets, !targets.keys.isEmpty else { return }
        var cases: [String] = []
        for key in targets.keys.sorted(by: { $0.seconds < $1.seconds }) {
            let condition = QuerySQL(key.query, now: Date(timeIntervalSince1970: 0), targets: nil)
            cases.append("WHEN \(condition.whereClause) THEN ?")
            arguments += condition.arguments + [Timestamp.milliseconds(seconds: key.seconds)]
        }
        sql = "CASE " + cases.joined(separator: " ") + " END"
    }
}
