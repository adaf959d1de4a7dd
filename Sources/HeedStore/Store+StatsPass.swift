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
        static let day: Int64 = 86_400_000

        let since: Int64
        /// Items created at or before these have waited past each of `AnswerFigures.limits`.
        let olderThan: [Int64]
        /// The trend: its first day's number, where it starts counting (ms) and where it ends.
        let firstDay: Int64, trendStart: Int64, trendEnd: Int64
        var counts = [PlatformCounts](repeating: PlatformCounts(), count: platforms.count)
        var durations = [[Double]](repeating: [], count: platforms.count)
        var received: [Int]
        var answered: [Int]
        /// The response targets, each row's worked out by SQLite (`TargetColumn`), and how the
        /// period's items fared against them.
        let targets: ResponseTargets?
        let nowMs: Int64
        var tally: TargetTally

        /// A pass over the period from `since` (everything when nil) with the trend's days up to `now`.
        init(since: Date?, now: Date, targets: ResponseTargets? = nil) {
            let nowMs = Store.milliseconds(now)
            self.nowMs = nowMs
            self.targets = targets
            tally = TargetTally(since: since, now: now)
            self.since = since.map(Store.milliseconds) ?? Int64.min
            olderThan = AnswerFigures.limits.map { nowMs - Int64($0 * 1000) }
            let range = DayCount.trendDays(since: since, now: now)
            firstDay = range.lowerBound
            trendStart = max(range.lowerBound * Self.day, self.since)
            trendEnd = (range.upperBound + 1) * Self.day
            received = Array(repeating: 0, count: range.count)
            answered = Array(repeating: 0, count: range.count)
        }

        /// Reads the rows that arrived in the period or were answered within the trend's days.
        mutating func scan(_ db: Database) throws {
            let window = since == Int64.min ? "" : " WHERE created_at >= ? OR (state IN \(StoredState.answered.sql) AND state_at >= ?)"
            let target = TargetColumn(targets)
            let sql = "SELECT platform, state, created_at, state_at, id, \(target.sql) FROM mention" + window
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(StatementArguments(target.arguments + (window.isEmpty ? [] : [since, trendStart])))
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
                if let answer, answer >= trendStart, answer < trendEnd { answered[Int(answer / Self.day - firstDay)] += 1 }
            }
        }

        /// Counts one item of the period; an answer recorded before the item arrived has no usable time.
        mutating func count(_ platform: Int, _ state: StoredState, created: Int64, answer: Int64?) {
            if created >= trendStart, created < trendEnd { received[Int(created / Self.day - firstDay)] += 1 }
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

        /// The trend's days with their counts.
        var days: [DayCount] {
            received.indices.map { index in
                DayCount(start: Date(timeIntervalSince1970: Double(firstDay + Int64(index)) * 86_400), received: received[index], answered: answered[index])
            }
        }

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
