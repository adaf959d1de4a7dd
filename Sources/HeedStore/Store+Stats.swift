import Foundation
import GRDB
import HeedCore

extension Store {
    /// The answering figures of items received since `since` (everything when nil) up to `now`,
    /// the current queue by age, and the per-day trend.
    ///
    /// One pass over the table feeds every figure but the queue by age: a cursor reads four
    /// small columns a row at a time, and only the answer times of answered items in the period
    /// are kept (to sort for percentiles). A `GROUP BY platform` would cost more here: SQLite
    /// either walks the (platform, native_id) index and looks every row up, or sorts a million
    /// rows. The queue by age is counted on the rank index, which holds waiting items only.
    public func stats(since: Date?, now: Date) throws -> ResponseStats {
        let targets = arrangement.current.targets
        return try writer.read { db in
            // Everything: the trend starts on the first item's day.
            let earliest = since == nil ? try Int64.fetchOne(db, sql: "SELECT MIN(created_at) FROM mention").map { Date(timeIntervalSince1970: Double($0) / 1000) } : nil
            var pass = StatsPass(since: since, earliest: earliest, now: now, targets: targets)
            try pass.scan(db)
            var platforms: [AnswerFigures] = []
            var total = PlatformCounts()
            var all: [Double] = []
            all.reserveCapacity(pass.durations.reduce(0) { $0 + $1.count })
            for index in pass.counts.indices {
                total.add(pass.counts[index])
                // Sorted runs: sorting each platform's and then all of them together is cheap.
                pass.durations[index].sort()
                all += pass.durations[index]
                guard pass.counts[index].received > 0 || pass.counts[index].given > 0 else { continue }
                platforms.append(pass.counts[index].figures(StatsPass.platforms[index], durations: pass.durations[index]))
            }
            platforms.sort { ($0.received, $1.platform?.rawValue ?? "") > ($1.received, $0.platform?.rawValue ?? "") }
            return ResponseStats(
                now: now, since: since, all: total.figures(nil, durations: all),
                platforms: platforms, waitingAges: try Self.waitingAges(db, now: now), days: pass.days,
                targets: targets == nil ? nil : pass.tally.stats
            )
        }
    }

    /// What one platform's items in the period count up to.
    struct PlatformCounts {
        var received = 0, replied = 0, acknowledged = 0, waiting = 0, snoozed = 0, given = 0
        var unansweredOlder = [Int](repeating: 0, count: AnswerFigures.limits.count)

        /// Adds another platform's counts: the total of all platforms.
        mutating func add(_ other: PlatformCounts) {
            received += other.received
            replied += other.replied
            acknowledged += other.acknowledged
            waiting += other.waiting
            snoozed += other.snoozed
            given += other.given
            for index in unansweredOlder.indices { unansweredOlder[index] += other.unansweredOlder[index] }
        }

        /// The figures of these counts with their answer times.
        func figures(_ platform: Platform?, durations: [Double]) -> AnswerFigures {
            AnswerFigures(platform: platform, received: received, replied: replied, acknowledged: acknowledged,
                          waiting: waiting, snoozed: snoozed, durations: durations, unansweredOlder: unansweredOlder, answersGiven: given)
        }
    }

    /// The waiting items by age now, counted on the rank index (which holds waiting items only).
    /// An item dated in the future has waited nothing: it counts as under 1 h.
    static func waitingAges(_ db: Database, now: Date) throws -> [AgeBucket] {
        var buckets = AgeBucket.empty
        let count = waitingAgesStatement(now: now)
        guard let row = try Row.fetchOne(db, sql: count.sql, arguments: count.arguments) else { return buckets }
        for index in buckets.indices { buckets[index].count = row[index] ?? 0 }
        return buckets
    }

    /// One statement counting the waiting items of every age bucket.
    static func waitingAgesStatement(now: Date) -> SQLStatement {
        let now = milliseconds(now)
        let sums = AgeBucket.empty.map { bucket in
            var conditions: [String] = []
            if bucket.fromSeconds > 0 { conditions.append("created_at <= \(now - Int64(bucket.fromSeconds * 1000))") }
            if let to = bucket.toSeconds { conditions.append("created_at > \(now - Int64(to * 1000))") }
            return conditions.isEmpty ? "COUNT(*)" : "SUM(\(conditions.joined(separator: " AND ")))"
        }
        return SQLStatement("SELECT \(sums.joined(separator: ", ")) FROM mention WHERE state = \(StoredState.waiting.sql)")
    }
}

extension Store {
    /// The answers of items received since `since`, by the person who gave them (answers from
    /// before people were named, and replies seen in imports, under no name).
    public func personStats(since: Date?, now: Date) throws -> [PersonFigures] {
        try writer.read { db in
            var people: [String?: (replied: Int, acknowledged: Int, durations: [Double])] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT state_by, state, created_at, state_at FROM mention WHERE state IN \(StoredState.answered.sql) AND created_at >= ?",
                                           arguments: [since.map(Self.milliseconds) ?? Int64.min])
            while let row = try rows.next() {
                let person: String? = row[0]
                var figures = people[person] ?? (0, 0, [])
                if row[1] as String == StoredState.replied.rawValue { figures.replied += 1 } else { figures.acknowledged += 1 }
                if let at = row[3] as Int64?, at >= row[2] as Int64 { figures.durations.append(Double(at - row[2]) / 1000) }
                people[person] = figures
            }
            return PersonFigures.ranked(people.map { PersonFigures(person: $0.key, replied: $0.value.replied, acknowledged: $0.value.acknowledged, durations: $0.value.durations) })
        }
    }
}
