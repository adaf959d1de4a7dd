import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// The figures, counted by the server: counts, percentiles (`percentile_cont`, the same linear
/// interpolation as `AnswerFigures.percentile`) and shares per platform and for all in one
/// statement, so no answer time crosses the wire.
extension PostgresStore {
    /// The answering figures of items received since `since` (everything when nil) up to `now`,
    /// the queue by age, and the per-day trend.
    public func stats(since: Date?, now: Date) throws -> ResponseStats {
        let nowMs = Self.milliseconds(now)
        let from = since.map(Self.milliseconds) ?? Int64.min
        let limits = AnswerFigures.limits.map { Int64($0 * 1000) }
        let answered = "state IN ('acknowledged', 'replied')"
        let timed = "\(answered) AND state_at >= created_at"
        var columns = [
            "count(*)", "count(*) FILTER (WHERE state = 'replied')", "count(*) FILTER (WHERE state = 'acknowledged')",
            "count(*) FILTER (WHERE state = 'waiting')", "count(*) FILTER (WHERE state = 'snoozed')", "count(*) FILTER (WHERE \(timed))",
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY state_at - created_at) FILTER (WHERE \(timed))",
            "percentile_cont(0.9) WITHIN GROUP (ORDER BY state_at - created_at) FILTER (WHERE \(timed))",
        ]
        columns += limits.map { "count(*) FILTER (WHERE \(timed) AND state_at - created_at <= \($0))" }
        columns += limits.map { "count(*) FILTER (WHERE state IN ('waiting', 'snoozed') AND created_at <= \(nowMs - $0))" }
        let rows = try links.with { link in
            try link.rows("SELECT platform, grouping(platform), \(columns.joined(separator: ", ")) FROM mention WHERE created_at >= $1 GROUP BY GROUPING SETS ((platform), ())",
                          [.int(from)])
        }
        var all = AnswerFigures(platform: nil, received: 0, replied: 0, acknowledged: 0, waiting: 0, snoozed: 0, durations: [], unansweredOlder: [])
        var platforms: [AnswerFigures] = []
        for row in rows {
            let cells = row.makeRandomAccess()
            let name = try cells[0].decode(String?.self)
            var platform: Platform?
            if try cells[1].decode(Int.self) == 0 {
                guard let known = Platform(rawValue: name ?? "") else { throw StoreError.unknownPlatform(name ?? "", row: "items of platform '\(name ?? "")'") }
                platform = known
            }
            let counts = try (2..<8).map { try cells[$0].decode(Int.self) }
            var figures = AnswerFigures(platform: platform, received: counts[0], replied: counts[1], acknowledged: counts[2],
                                        waiting: counts[3], snoozed: counts[4], durations: [], unansweredOlder: [])
            figures.timed = counts[5]
            figures.medianSeconds = try Self.seconds(cells[8].decode(Double?.self))
            figures.p90Seconds = try Self.seconds(cells[9].decode(Double?.self))
            figures.within = try AnswerFigures.limits.indices.map { index in
                let within = try cells[10 + index].decode(Int.self)
                let counted = figures.timed + (try cells[10 + limits.count + index].decode(Int.self))
                return WithinShare(seconds: AnswerFigures.limits[index], answered: within, counted: counted, share: AnswerFigures.rate(within, of: counted))
            }
            if platform == nil { all = figures } else { platforms.append(figures) }
        }
        // Everything: the trend starts on the first item's day.
        let earliest = since == nil ? try links.with { link in
            try link.rows("SELECT min(created_at) FROM mention").first?.decode(Int64?.self)
        }.map { Date(timeIntervalSince1970: Double($0) / 1000) } : nil
        let trend = Trend(since: since, earliest: earliest, now: now)
        // Answers given in the period, to items of any age: `answersGiven` and the trend alike.
        let given = try answersGiven(trend)
        all.answersGiven = given[nil] ?? 0
        for index in platforms.indices { platforms[index].answersGiven = given[platforms[index].platform] ?? 0 }
        for case let (platform?, count) in given where count > 0 && !platforms.contains(where: { $0.platform == platform }) {
            platforms.append(AnswerFigures(platform: platform, received: 0, replied: 0, acknowledged: 0, waiting: 0, snoozed: 0,
                                           durations: [], unansweredOlder: Array(repeating: 0, count: AnswerFigures.limits.count), answersGiven: count))
        }
        platforms.sort { ($0.received, $1.platform?.rawValue ?? "") > ($1.received, $0.platform?.rawValue ?? "") }
        return ResponseStats(now: now, since: since, all: all, platforms: platforms, waitingAges: try waitingAges(now: now),
                             days: try days(trend, from: from), targets: try targetStats(since: since, now: now))
    }

    /// How the period's items fared against their response targets (nil when none are set): each
    /// row's target worked out by the server (the shortest key that matches it, a `CASE` over the
    /// keys' conditions), the outcome counted in the targets' clock.
    func targetStats(since: Date?, now: Date) throws -> TargetStats? {
        guard let targets = arrangement.current.targets else { return nil }
        var statement = Statement()
        var cases: [String] = []
        for key in targets.keys.sorted(by: { $0.seconds < $1.seconds }) {
            let condition = QueryWhere(key.query, now: Date(timeIntervalSince1970: 0), person: person).clause(&statement)
            cases.append("WHEN \(condition) THEN \(statement.bind(.int(Timestamp.milliseconds(seconds: key.seconds))))::bigint")
        }
        let from = statement.bind(.int(since.map(Self.milliseconds) ?? Int64.min))
        let after = statement.bind(.int(0))
        let page = 10_000
        statement.sql = """
            SELECT m.platform, m.state, m.created_at, m.state_at, m.id, CASE \(cases.joined(separator: " ")) END AS target
            FROM mention m WHERE m.created_at >= \(from) AND m.id > \(after) ORDER BY m.id LIMIT \(page)
            """
        let nowMs = Self.milliseconds(now)
        var tally = TargetTally(since: since, now: now)
        // A page of rows at a time by id, so that a million items are never held at once.
        while true {
            let rows = try links.with { link in try link.rows(statement) }
            for row in rows {
                let (name, state, created, answer, id, target) = try row.decode((String, String, Int64, Int64?, Int64, Int64?).self)
                statement.binds[statement.binds.count - 1] = .int(id)
                guard let target else { continue }
                let platform = try ItemRow.platform(name, row: id)
                if StoredState(rawValue: state)?.isAnswered ?? false {
                    // An answer without a usable time is left out, as it is of the answer times.
                    guard let answer, answer >= created else { continue }
                    tally.add(platform, created: created, targets.outcome(created: created, target: target, answered: answer, now: nowMs))
                } else {
                    tally.add(platform, created: created, targets.outcome(created: created, target: target, answered: nil, now: nowMs))
                }
            }
            if rows.count < page { break }
        }
        return tally.stats
    }

    /// Answers given within the trend's span, per platform (and for all under nil).
    func answersGiven(_ trend: Trend) throws -> [Platform?: Int] {
        let rows = try links.with { link in
            try link.rows("""
                SELECT platform, grouping(platform), count(*) FROM mention
                WHERE state IN ('acknowledged', 'replied') AND state_at >= $1 AND state_at < $2 GROUP BY GROUPING SETS ((platform), ())
                """, [.int(trend.start), .int(trend.end)])
        }
        var given: [Platform?: Int] = [:]
        for row in rows {
            let (name, total, count) = try row.decode((String?, Int, Int).self)
            if total == 1 { given[nil] = count } else if let platform = Platform(rawValue: name ?? "") { given[platform] = count }
        }
        return given
    }

    /// Milliseconds as seconds to the millisecond, as `AnswerFigures.percentile` gives them.
    static func seconds(_ milliseconds: Double?) -> Double? {
        milliseconds.map { $0.rounded() / 1000 }
    }

    /// The waiting items by age now (an item dated in the future has waited nothing).
    func waitingAges(now: Date) throws -> [AgeBucket] {
        let nowMs = Self.milliseconds(now)
        let sums = AgeBucket.empty.map { bucket in
            var conditions: [String] = []
            if bucket.fromSeconds > 0 { conditions.append("created_at <= \(nowMs - Int64(bucket.fromSeconds * 1000))") }
            if let to = bucket.toSeconds { conditions.append("created_at > \(nowMs - Int64(to * 1000))") }
            return conditions.isEmpty ? "count(*)" : "count(*) FILTER (WHERE \(conditions.joined(separator: " AND ")))"
        }
        var buckets = AgeBucket.empty
        let row = try links.with { link in try link.rows("SELECT \(sums.joined(separator: ", ")) FROM mention WHERE state = 'waiting'").first }
        if let cells = row?.makeRandomAccess() {
            for index in buckets.indices { buckets[index].count = try cells[index].decode(Int.self) }
        }
        return buckets
    }

    /// The trend's buckets: items received in the period (one dated after today counts today)
    /// and answers given, to items of any age, counted by UTC day on the server.
    func days(_ trend: Trend, from: Int64) throws -> [DayCount] {
        let day: Int64 = 86_400_000
        let rows = try links.with { link in
            try link.rows("""
                SELECT 'r', least(created_at, $3 - 1) / 86400000, count(*) FROM mention WHERE created_at >= $1 GROUP BY 2
                UNION ALL SELECT 'a', state_at / 86400000, count(*) FROM mention
                WHERE state IN ('acknowledged', 'replied') AND state_at >= $2 AND state_at < $3 GROUP BY 2
                """, [.int(max(from, trend.start)), .int(trend.start), .int(trend.end)])
        }
        var received = [Int](repeating: 0, count: trend.count), answered = received
        for row in rows {
            let (what, number, count) = try row.decode((String, Int64, Int).self)
            guard let bucket = trend.bucket(max(number * day, trend.start)) else { continue }
            if what == "r" { received[bucket] += count } else { answered[bucket] += count }
        }
        return trend.days(received: received, answered: answered)
    }

    /// The answers of items received since `since`, by the person who gave them.
    public func personStats(since: Date?, now: Date) throws -> [PersonFigures] {
        let rows = try links.with { link in
            try link.rows("""
                SELECT state_by, count(*) FILTER (WHERE state = 'replied'), count(*) FILTER (WHERE state = 'acknowledged'),
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY state_at - created_at) FILTER (WHERE state_at >= created_at),
                    percentile_cont(0.9) WITHIN GROUP (ORDER BY state_at - created_at) FILTER (WHERE state_at >= created_at)
                FROM mention WHERE state IN ('acknowledged', 'replied') AND created_at >= $1 GROUP BY state_by
                """, [.int(since.map(Self.milliseconds) ?? Int64.min)])
        }
        return PersonFigures.ranked(try rows.map { row in
            let (person, replied, acknowledged, median, p90) = try row.decode((String?, Int, Int, Double?, Double?).self)
            var figures = PersonFigures(person: person, replied: replied, acknowledged: acknowledged, durations: [])
            figures.medianSeconds = Self.seconds(median)
            figures.p90Seconds = Self.seconds(p90)
            return figures
        })
    }
}
