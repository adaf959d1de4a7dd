import Foundation

/// How items fared against their response targets, for `heed stats` and the stats screen:
/// every platform together, each platform, and the last weeks.
public struct TargetStats: Sendable, Equatable, Codable {
    public var all: TargetFigures
    /// Platforms with an item that has a target, most such items first.
    public var platforms: [TargetFigures]
    /// Per week (Monday to Sunday, UTC) of arrival, oldest first: the last 8, or the period's.
    public var weeks: [WeekTargets]

    /// The figures as a store counts them.
    public init(all: TargetFigures, platforms: [TargetFigures], weeks: [WeekTargets]) {
        self.all = all
        self.platforms = platforms
        self.weeks = weeks
    }
}

/// Items with a target, by how they fared: answered within it, answered late, or still open
/// and past it (a breach either way); open items not yet past it wait to be counted.
public struct TargetFigures: Sendable, Equatable, Codable {
    public var platform: Platform?
    public var within: Int
    public var answeredLate: Int
    public var openLate: Int
    /// Items that passed their target: answered late, or still open past it.
    public var breaches: Int { answeredLate + openLate }
    /// within ÷ (within + breaches); nil when nothing is decided yet.
    public var share: Double? { AnswerFigures.rate(within, of: within + breaches) }

    /// Counts of one platform (or of all, nil).
    public init(platform: Platform?, within: Int = 0, answeredLate: Int = 0, openLate: Int = 0) {
        self.platform = platform
        self.within = within
        self.answeredLate = answeredLate
        self.openLate = openLate
    }

    enum CodingKeys: String, CodingKey {
        case platform, within, answeredLate = "answered_late", openLate = "open_late", breaches, share
    }

    /// Every key, always, with the breaches and the share worked out.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(platform, forKey: .platform)
        try container.encode(within, forKey: .within)
        try container.encode(answeredLate, forKey: .answeredLate)
        try container.encode(openLate, forKey: .openLate)
        try container.encode(breaches, forKey: .breaches)
        try container.encode(share, forKey: .share)
    }

    /// Reads what `encode` wrote (the worked-out keys are worked out again).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        platform = try container.decodeIfPresent(Platform.self, forKey: .platform)
        within = try container.decode(Int.self, forKey: .within)
        answeredLate = try container.decode(Int.self, forKey: .answeredLate)
        openLate = try container.decode(Int.self, forKey: .openLate)
    }

    mutating func add(_ outcome: TargetOutcome) {
        switch outcome {
        case .within: within += 1
        case .answeredLate: answeredLate += 1
        case .openLate: openLate += 1
        case .pending: break
        }
    }
}

/// One week of arrivals against their targets.
public struct WeekTargets: Sendable, Equatable, Codable {
    /// Monday 00:00 UTC starting the week.
    public var start: Date
    public var figures: TargetFigures

    /// A week from its Monday.
    public init(start: Date, figures: TargetFigures) {
        self.start = start
        self.figures = figures
    }
}

/// How one item fared against its target.
public enum TargetOutcome: Sendable, Equatable {
    case within, answeredLate, openLate
    /// Open and not yet past its target: undecided.
    case pending
}

extension ResponseTargets {
    /// How an item created at `created` (milliseconds) with `target` fared by `now`: answered
    /// at `answered` (nil while open) within its target or not, or still open past it.
    public func outcome(created: Int64, target: Int64, answered: Int64?, now: Int64) -> TargetOutcome {
        if let answered { return clock.elapsed(from: created, to: answered) <= target ? .within : .answeredLate }
        return clock.elapsed(from: created, to: now) >= target ? .openLate : .pending
    }
}

/// Adds up items' outcomes per platform and per week of arrival into `TargetStats`.
public struct TargetTally: Sendable {
    private var platforms: [Platform: TargetFigures] = [:]
    private var counted: [Platform: Int] = [:]
    private var weeks: [TargetFigures]
    private let firstWeek: Int64

    /// Weeks are counted from monday 1970-01-05 UTC.
    static let week: Int64 = 7 * 86_400_000
    static let monday: Int64 = 4 * 86_400_000

    /// A tally whose weeks are the last 8 up to `now`'s, from `since`'s when that is later.
    public init(since: Date?, now: Date) {
        let last = Self.weekNumber(Timestamp.milliseconds(now))
        let first = max(last - 7, since.map { Self.weekNumber(Timestamp.milliseconds($0)) } ?? Int64.min)
        firstWeek = min(first, last)
        weeks = Array(repeating: TargetFigures(platform: nil), count: Int(last - firstWeek + 1))
    }

    static func weekNumber(_ milliseconds: Int64) -> Int64 {
        let shifted = milliseconds - monday
        return shifted >= 0 ? shifted / week : (shifted - week + 1) / week
    }

    /// Counts one item with a target.
    public mutating func add(_ platform: Platform, created: Int64, _ outcome: TargetOutcome) {
        platforms[platform, default: TargetFigures(platform: platform)].add(outcome)
        counted[platform, default: 0] += 1
        let index = Self.weekNumber(created) - firstWeek
        if index >= 0, index < weeks.count { weeks[Int(index)].add(outcome) }
    }

    /// The figures: all platforms together, each platform (most items first), each week.
    public var stats: TargetStats {
        var all = TargetFigures(platform: nil)
        for figures in platforms.values {
            all.within += figures.within
            all.answeredLate += figures.answeredLate
            all.openLate += figures.openLate
        }
        let sorted = platforms.sorted { (counted[$0.key] ?? 0, $1.key.rawValue) > (counted[$1.key] ?? 0, $0.key.rawValue) }.map(\.value)
        let dated = weeks.enumerated().map { index, figures in
            WeekTargets(start: Timestamp.date(milliseconds: (firstWeek + Int64(index)) * Self.week + Self.monday), figures: figures)
        }
        return TargetStats(all: all, platforms: sorted, weeks: dated)
    }
}
