import Foundation

/// How well the user answers: what arrived in a period, what was answered and how fast, what
/// waits now and how the last days went. `heed stats --json` prints it; the stats screen draws it.
public struct ResponseStats: Sendable, Equatable, Codable {
    /// When the figures were taken: ages and the period end here.
    public var now: Date
    /// The start of the period (items received from then on); nil for everything in the store.
    public var since: Date?
    /// Every platform together.
    public var all: AnswerFigures
    /// One entry per platform that received anything or was answered in the period, most received first.
    public var platforms: [AnswerFigures]
    /// The whole queue now (whatever the period), by how long each item has waited.
    public var waitingAges: [AgeBucket]
    /// Received and answers given per UTC day over the whole period, oldest first (per several
    /// days when the period is long: `Trend`); the sums are `all.received` and `all.answersGiven`.
    public var days: [DayCount]
    /// How the period's items fared against their response targets; nil when none are set.
    public var targets: TargetStats?
    /// The answers by person, when a team shares the store (not in `--json`, which
    /// `heed stats --by person` gives).
    public var people: [PersonFigures] = []
    /// The outbox's replies by where they stand (nil where the outbox is not counted).
    public var outbox: OutboxFigures?

    /// The figures as the store counts them.
    public init(now: Date, since: Date?, all: AnswerFigures, platforms: [AnswerFigures], waitingAges: [AgeBucket], days: [DayCount], targets: TargetStats? = nil) {
        self.now = now
        self.since = since
        self.all = all
        self.platforms = platforms
        self.waitingAges = waitingAges
        self.days = days
        self.targets = targets
    }

    enum CodingKeys: String, CodingKey {
        case now = "generated_at", since, all, platforms, waitingAges = "waiting_ages", days, outbox, targets
    }

    /// Every key, always (a missing figure is written as null), and `targets` when set.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(now, forKey: .now)
        try container.encode(since, forKey: .since)
        try container.encode(all, forKey: .all)
        try container.encode(platforms, forKey: .platforms)
        try container.encode(waitingAges, forKey: .waitingAges)
        try container.encode(days, forKey: .days)
        // Only with targets set: the object stays as it was for those who set none.
        try container.encodeIfPresent(targets, forKey: .targets)
        try container.encode(outbox, forKey: .outbox)
    }

    /// The encoder `--json` uses: keys sorted, dates as ISO 8601 UTC.
    public static var jsonEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.formatPrecise(date))
        }
        return encoder
    }

    /// Reads what `jsonEncoder` wrote.
    public static var jsonDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parseISO(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }
}

/// The outbox's replies for `heed stats`: those heed posted (in the period), and those still to
/// post: pending (failed among them: the last try was refused) and unknown (a heed stopped while
/// posting them).
public struct OutboxFigures: Sendable, Equatable, Codable {
    public var sent: Int
    public var pending: Int
    public var failed: Int
    public var unknown: Int

    /// The counts as given.
    public init(sent: Int, pending: Int, failed: Int, unknown: Int) {
        (self.sent, self.pending, self.failed, self.unknown) = (sent, pending, failed, unknown)
    }
}

/// The answering figures of one platform, or of all (`platform` nil), for items received in a period.
public struct AnswerFigures: Sendable, Equatable, Codable {
    /// The platform, or nil for every platform together.
    public var platform: Platform?
    /// Items that arrived in the period.
    public var received: Int
    /// Of those, answered by a reply, by an acknowledgement, and both together.
    public var replied: Int
    public var acknowledged: Int
    public var answered: Int
    /// Of those, not answered: still in the queue, or snoozed.
    public var waiting: Int
    public var snoozed: Int
    /// Answers given in the period (replies and acknowledgements), to items of any age: what the
    /// trend counts day by day. Answering an item older than the period counts here, not in `answered`.
    public var answersGiven: Int
    /// answered ÷ received: whatever is still waiting or snoozed counts against it. Nil when nothing arrived.
    public var responseRate: Double?
    /// Answered items whose time of answer is known (an imported state may lack it).
    public var timed: Int
    /// Median and 90th percentile of the time from arrival to answer, in seconds; nil when none is timed.
    public var medianSeconds: Double?
    public var p90Seconds: Double?
    /// The share answered within 1 h, 4 h and 24 h.
    public var within: [WithinShare]

    /// The limits of `within`: what people expect of a brand on social media.
    public static let limits: [TimeInterval] = [3_600, 14_400, 86_400]

    enum CodingKeys: String, CodingKey {
        case platform, received, replied, acknowledged, answered, waiting, snoozed
        case answersGiven = "answers_given", responseRate = "response_rate", timed = "answered_with_time"
        case medianSeconds = "median_seconds", p90Seconds = "p90_seconds", within
    }

    /// Every key, always: "all" has a null platform, and a figure with nothing to measure is null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(platform, forKey: .platform)
        try container.encode(received, forKey: .received)
        try container.encode(replied, forKey: .replied)
        try container.encode(acknowledged, forKey: .acknowledged)
        try container.encode(answered, forKey: .answered)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(snoozed, forKey: .snoozed)
        try container.encode(answersGiven, forKey: .answersGiven)
        try container.encode(responseRate, forKey: .responseRate)
        try container.encode(timed, forKey: .timed)
        try container.encode(medianSeconds, forKey: .medianSeconds)
        try container.encode(p90Seconds, forKey: .p90Seconds)
        try container.encode(within, forKey: .within)
    }

    /// Figures from counts and the answer times (seconds, any order; a negative one, an answer
    /// recorded before the item arrived, counts as answered at an unknown time).
    /// `unansweredOlder[i]` counts the waiting or snoozed items older than `limits[i]`;
    /// `answersGiven` the answers given in the period to items of any age.
    public init(platform: Platform?, received: Int, replied: Int, acknowledged: Int, waiting: Int, snoozed: Int,
                durations: [Double], unansweredOlder: [Int], answersGiven: Int = 0) {
        self.answersGiven = answersGiven
        self.platform = platform
        self.received = received
        self.replied = replied
        self.acknowledged = acknowledged
        answered = replied + acknowledged
        self.waiting = waiting
        self.snoozed = snoozed
        responseRate = Self.rate(answered, of: received)
        let sorted = durations.filter { $0 >= 0 }.sorted()
        timed = sorted.count
        medianSeconds = Self.percentile(sorted, 0.5)
        p90Seconds = Self.percentile(sorted, 0.9)
        within = Self.limits.enumerated().map { index, limit in
            Self.share(within: limit, sorted: sorted, unansweredOlder: index < unansweredOlder.count ? unansweredOlder[index] : 0)
        }
    }

    /// `part ÷ whole`, nil when the whole is nothing.
    public static func rate(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }

    /// The `fraction` percentile (0…1) of ascending values, interpolating linearly between the
    /// two nearest ranks (so the median of an even count is the mean of the middle two), to the
    /// millisecond (the store's resolution, and no floating-point dust); nil when empty.
    public static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard let first = sorted.first else { return nil }
        guard sorted.count > 1 else { return first }
        let position = min(max(fraction, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let value = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        return (value * 1000).rounded() / 1000
    }

    /// The share answered within `limit` seconds: answered that fast, out of every item whose
    /// outcome is known: the timed answers plus the unanswered items already older than the limit.
    /// Unanswered items younger than the limit may still make it, so they are left out.
    public static func share(within limit: TimeInterval, sorted: [Double], unansweredOlder: Int) -> WithinShare {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        let counted = sorted.count + unansweredOlder
        return WithinShare(seconds: limit, answered: low, counted: counted, share: rate(low, of: counted))
    }
}

/// How many items were answered within a time, out of how many could have been.
public struct WithinShare: Sendable, Equatable, Codable {
    public var seconds: TimeInterval
    public var answered: Int
    public var counted: Int
    public var share: Double?

    /// A share as counted; `share` is answered ÷ counted, nil when nothing counted.
    public init(seconds: TimeInterval, answered: Int, counted: Int, share: Double?) {
        self.seconds = seconds
        self.answered = answered
        self.counted = counted
        self.share = share
    }

    enum CodingKeys: String, CodingKey { case seconds, answered, counted, share }

    /// Every key, always: a share of nothing is null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(answered, forKey: .answered)
        try container.encode(counted, forKey: .counted)
        try container.encode(share, forKey: .share)
    }
}

/// Items waiting now whose age falls in `[fromSeconds, toSeconds)` (no upper end when nil).
public struct AgeBucket: Sendable, Equatable, Codable {
    public var label: String
    public var fromSeconds: TimeInterval
    public var toSeconds: TimeInterval?
    public var count: Int

    enum CodingKeys: String, CodingKey {
        case label, fromSeconds = "from_seconds", toSeconds = "to_seconds", count
    }

    /// A bucket of the queue by age.
    public init(label: String, fromSeconds: TimeInterval, toSeconds: TimeInterval?, count: Int) {
        self.label = label
        self.fromSeconds = fromSeconds
        self.toSeconds = toSeconds
        self.count = count
    }

    /// Every key, always: the oldest bucket's `to_seconds` is null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(fromSeconds, forKey: .fromSeconds)
        try container.encode(toSeconds, forKey: .toSeconds)
        try container.encode(count, forKey: .count)
    }

    /// The histogram's buckets, empty: under 1 h, 1–4 h, 4–24 h, 1–7 days, 1–4 weeks, older.
    public static let empty: [AgeBucket] = {
        let edges: [TimeInterval] = [0, 3_600, 14_400, 86_400, 604_800, 2_419_200]
        let labels = ["under 1 h", "1–4 h", "4–24 h", "1–7 days", "1–4 weeks", "older"]
        return labels.indices.map { index in
            AgeBucket(label: labels[index], fromSeconds: edges[index], toSeconds: index + 1 < edges.count ? edges[index + 1] : nil, count: 0)
        }
    }()
}

/// One bucket of the trend: a UTC day, or several days when the period is long (see `Trend`):
/// items that arrived in it, and answers given in it (to items of any age).
public struct DayCount: Sendable, Equatable, Codable {
    /// Midnight UTC starting the bucket.
    public var start: Date
    /// How many days the bucket spans (1 but for long periods).
    public var days: Int
    public var received: Int
    /// Answers (replies and acknowledgements) given in the bucket, to items of any age.
    public var answered: Int

    /// One bucket's counts.
    public init(start: Date, days: Int = 1, received: Int, answered: Int) {
        self.start = start
        self.days = days
        self.received = received
        self.answered = answered
    }

    enum CodingKeys: String, CodingKey {
        case start, days = "length_days", received, answered
    }

    /// `length_days` is written only for a bucket of several days, so a day reads as before.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(Date.self, forKey: .start)
        days = try container.decodeIfPresent(Int.self, forKey: .days) ?? 1
        received = try container.decode(Int.self, forKey: .received)
        answered = try container.decode(Int.self, forKey: .answered)
    }

    /// Writes the bucket; its length only when it spans several days.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        if days != 1 { try container.encode(days, forKey: .days) }
        try container.encode(received, forKey: .received)
        try container.encode(answered, forKey: .answered)
    }

    /// The UTC day holding `date`, counted from 1970-01-01 (day 0): its milliseconds ÷ 86,400,000.
    public static func dayNumber(_ date: Date) -> Int64 {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
    }
}

/// The trend's buckets over a whole period: every UTC day from the period's first to today,
/// or, when that is more than `maxBuckets` days, buckets of 7, 30 or 365 days (more for an
/// absurd span) ending today, so the trend stays short and its sums are the period's figures.
public struct Trend: Sendable, Equatable {
    /// The most buckets a trend has.
    public static let maxBuckets: Int64 = 62
    static let dayMilliseconds: Int64 = 86_400_000

    /// The first bucket's first day and today, as `DayCount.dayNumber`s; days a bucket.
    public let firstDay: Int64, lastDay: Int64, length: Int64
    /// What the trend counts, in milliseconds: from the period's start to the end of today.
    public let start: Int64, end: Int64

    /// The trend of a period from `since` (nil: from `earliest`, the store's first item, or today) to `now`.
    public init(since: Date?, earliest: Date?, now: Date) {
        let last = DayCount.dayNumber(now)
        let from = min(last, (since ?? earliest).map(DayCount.dayNumber) ?? last)
        let span = last - from + 1
        length = [1, 7, 30, 365].first { (span + $0 - 1) / $0 <= Self.maxBuckets } ?? (span + Self.maxBuckets - 1) / Self.maxBuckets
        let count = (span + length - 1) / length
        lastDay = last
        firstDay = last - count * length + 1
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded())
        start = since.map { min(nowMs, Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? firstDay * Self.dayMilliseconds
        end = (last + 1) * Self.dayMilliseconds
    }

    /// How many buckets.
    public var count: Int { Int((lastDay - firstDay + 1) / length) }

    /// The bucket holding a time in milliseconds, nil outside the trend.
    public func bucket(_ milliseconds: Int64) -> Int? {
        guard milliseconds >= start, milliseconds < end else { return nil }
        let day = milliseconds >= 0 ? milliseconds / Self.dayMilliseconds : (milliseconds - Self.dayMilliseconds + 1) / Self.dayMilliseconds
        return Int((day - firstDay) / length)
    }

    /// The buckets with their counts, oldest first.
    public func days(received: [Int], answered: [Int]) -> [DayCount] {
        (0..<count).map { index in
            DayCount(start: Date(timeIntervalSince1970: Double(firstDay + Int64(index) * length) * 86_400), days: Int(length),
                     received: index < received.count ? received[index] : 0, answered: index < answered.count ? answered[index] : 0)
        }
    }
}
