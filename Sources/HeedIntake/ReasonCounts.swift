import Foundation

/// Counts by reason ("like", "missing 'id'"), for the lines said after an import's summary.
/// At most `limit` distinct reasons are kept; the rest are counted as "other reasons", so a
/// file naming a new reason on every record cannot grow it without end.
public struct ReasonCounts: Sendable, Equatable {
    /// How many records each reason was given for.
    public private(set) var counts: [String: Int] = [:]
    /// How many distinct reasons are kept by name.
    public static let limit = 100
    static let other = "other reasons"

    /// No reason counted yet.
    public init() {}

    /// Counts one record given for `reason`; returns how many have been given for it so far.
    @discardableResult
    public mutating func add(_ reason: String) -> Int {
        let reason = Self.named(reason)
        let key = counts[reason] != nil || counts.count < Self.limit ? reason : Self.other
        counts[key, default: 0] += 1
        return counts[key, default: 0]
    }

    /// The longest reason kept, in characters.
    static let longest = 60

    /// A reason as it is counted: a payload's value (a type, a status) can be blank, span lines
    /// or run long, so its runs of white space become one space, it is cut at `longest`
    /// characters, and a blank one is "unnamed".
    static func named(_ reason: String) -> String {
        let words = reason.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if words.isEmpty { return "unnamed" }
        return words.count <= longest ? words : words.prefix(longest - 1) + "…"
    }

    /// Every reason with its count, most first then by name: "149 like, 14 repost".
    public var listed: String {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value.grouped) \($0.key)" }.joined(separator: ", ")
    }

    /// Whether nothing was counted.
    public var isEmpty: Bool { counts.isEmpty }
}

/// The rejected records of one import: each counted by its reason, the first `namedPerReason`
/// of a reason named one by one as they come, the rest only counted and said in one line each
/// (`summary`) after the import.
public struct Rejections: Sendable, Equatable {
    /// How many rejections of one reason are named one by one.
    public let namedPerReason: Int
    /// Every rejection, counted by its reason.
    public private(set) var byReason = ReasonCounts()

    /// Rejections naming the first `namedPerReason` of each reason (by default every one).
    public init(namedPerReason: Int = .max) {
        self.namedPerReason = namedPerReason
    }

    /// Counts a rejection; true when it is to be named by itself.
    public mutating func add(_ reason: String) -> Bool {
        byReason.add(reason) <= namedPerReason
    }

    /// One line for each reason whose rejections were not all named: "… and 9,995 more: REASON".
    public var summary: [String] {
        byReason.counts.filter { $0.value > namedPerReason }.sorted { $0.key < $1.key }.map { reason, count in
            "… and \(Counting.number(count - namedPerReason)) more: \(reason)"
        }
    }
}

/// Numbers as heed writes them in sentences.
enum Counting {
    /// A count with thousands separators: "9,995".
    static func number(_ value: Int) -> String {
        value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }
}
