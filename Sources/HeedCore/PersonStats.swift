import Foundation

/// How one person of a team answers: the items they answered in a period, and how long those
/// had waited. `heed stats --by person` prints them; the stats screen shows them in a column.
public struct PersonFigures: Sendable, Equatable {
    /// The person, as `[team] me` names them; nil for answers recorded before anyone was named.
    public var person: String?
    /// Items they answered (replied or acknowledged) of those received in the period.
    public var answered: Int
    public var replied: Int
    public var acknowledged: Int
    /// Median and 90th percentile of the time from arrival to their answer, in seconds.
    public var medianSeconds: Double?
    public var p90Seconds: Double?

    /// A person's figures from their answer times (seconds, any order; negative ones, answers
    /// recorded before the item arrived, count as answered but untimed).
    public init(person: String?, replied: Int, acknowledged: Int, durations: [Double]) {
        self.person = person
        self.replied = replied
        self.acknowledged = acknowledged
        answered = replied + acknowledged
        let sorted = durations.filter { $0 >= 0 }.sorted()
        medianSeconds = AnswerFigures.percentile(sorted, 0.5)
        p90Seconds = AnswerFigures.percentile(sorted, 0.9)
    }

    /// The figures as `heed stats --by person --json` writes them: every key, a missing one null.
    public var json: [String: Any] {
        ["person": person ?? NSNull(), "answered": answered, "replied": replied, "acknowledged": acknowledged,
         "median_seconds": medianSeconds ?? NSNull(), "p90_seconds": p90Seconds ?? NSNull()]
    }

    /// People in the order reports list them: most answered first, then by name (the unnamed last).
    public static func ranked(_ people: [PersonFigures]) -> [PersonFigures] {
        people.sorted { ($0.answered, $1.person ?? "\u{10FFFF}") > ($1.answered, $0.person ?? "\u{10FFFF}") }
    }
}
