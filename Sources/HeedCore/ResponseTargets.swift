import Foundation

/// How long an item may wait for an answer (`[targets]` in config.toml): each key a query of
/// the search line's language, each value a duration; an item's target is the shortest of the
/// keys that match it (`default` matches everything). With `[hours]`, targets are counted in
/// business time only.
///
/// Nothing is stored per item: the stores find `is:breached`, `due<` and `due>` from
/// `conditions`, one cut-off on creation times per key. Because an item's target is the
/// shortest of its keys', it is past its target exactly when it is past the target of any key
/// that matches it, so each term is an OR over the keys of "the key matches and the item was
/// created before the key's cut-off" (`due>` is the negation of such an OR); a cut-off is now
/// minus the key's duration, counted back on the targets' clock. A store keeps no deadline that
/// a change of config, of business hours or of the clock could make stale.
public struct ResponseTargets: Sendable, Hashable {
    /// One key of `[targets]`: the query as written, as read (every state), and its duration.
    public struct Key: Sendable, Hashable {
        public var name: String
        public var query: Query
        public var seconds: TimeInterval

        /// A key of `[targets]`; its query is read over every state (a target is the item's,
        /// whatever happened to it since).
        public init(name: String, query: Query, seconds: TimeInterval) {
            self.name = name
            self.query = query
            self.query.scope = .all
            self.seconds = seconds
        }
    }

    /// Where an item stands against its target, in milliseconds on the targets' clock.
    public struct Due: Sendable, Hashable {
        public var target: Int64
        public var elapsed: Int64
        /// Time left: negative when late.
        public var left: Int64 { target - elapsed }

        /// A standing: the target and the time counted so far, in milliseconds.
        public init(target: Int64, elapsed: Int64) {
            self.target = target
            self.elapsed = elapsed
        }
    }

    /// The keys in config.toml's order.
    public let keys: [Key]
    /// When the clock runs; nil for real time.
    public let hours: BusinessHours?
    let clock: TargetClock
    /// The keys' queries ready to match, in the keys' order.
    private let matchers: [QueryMatcher]

    /// Targets counted in real time, or in `hours` when given.
    public init(keys: [Key], hours: BusinessHours? = nil) {
        self.keys = keys
        self.hours = hours
        clock = hours.map { .business(BusinessClock($0)) } ?? .wall
        matchers = keys.map { QueryMatcher($0.query) }
    }

    /// Targets are the same when their keys and hours are.
    public static func == (lhs: ResponseTargets, rhs: ResponseTargets) -> Bool {
        lhs.keys == rhs.keys && lhs.hours == rhs.hours
    }

    /// Hashes what `==` compares: the keys and the hours.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(hours)
    }

    /// An item's target in milliseconds: the shortest of the keys that match it; nil when none does.
    public func target(_ subject: inout MatchSubject) -> Int64? {
        var shortest: TimeInterval?
        for (key, matcher) in zip(keys, matchers) where shortest.map({ key.seconds < $0 }) ?? true {
            if matcher.matches(&subject, now: subject.mention.createdAt, targets: nil) { shortest = key.seconds }
        }
        return shortest.map { Timestamp.milliseconds(seconds: $0) }
    }

    /// Where an item stands at `now`; nil when no key matches it.
    public func due(_ subject: inout MatchSubject, now: Date) -> Due? {
        guard let target = target(&subject) else { return nil }
        return Due(target: target, elapsed: elapsed(from: subject.mention.createdAt, to: now))
    }

    /// Where an item stands at `now`; nil when no key matches it.
    public func due(_ mention: Mention, now: Date) -> Due? {
        var subject = MatchSubject(mention)
        return due(&subject, now: now)
    }

    /// Milliseconds on the targets' clock from `start` to `end` (0 when `end` is not later).
    public func elapsed(from start: Date, to end: Date) -> Int64 {
        clock.elapsed(from: Timestamp.milliseconds(start), to: Timestamp.milliseconds(end))
    }
}

/// One due term of a query as a store evaluates it (see `ResponseTargets`): an item meets it
/// when a clause holds (its key matches and its creation time is within the bound); a
/// `negated` condition (`due>`) is met when some key matches and no clause holds.
public struct DueCondition: Sendable, Hashable {
    /// A bound on an item's creation time, in milliseconds.
    public enum Bound: Sendable, Hashable {
        case always, never
        case atOrBefore(Int64)
        case before(Int64)
    }

    /// A key's query and the bound its items must be created within.
    public struct Clause: Sendable, Hashable {
        public var key: Query
        public var bound: Bound
    }

    public var clauses: [Clause]
    public var negated: Bool

    /// A condition of clauses, met by any of them, or (negated) by none among items a key matches.
    public init(clauses: [Clause], negated: Bool) {
        self.clauses = clauses
        self.negated = negated
    }

    /// For a condition that is not negated: no item created after this meets it (nil when any
    /// may), for a store to read the creation times up to it only.
    public var createdAtMost: Int64? {
        guard !negated else { return nil }
        var most = Int64.min
        for clause in clauses {
            switch clause.bound {
            case .always: return nil
            case .never: continue
            case .atOrBefore(let time): most = max(most, time)
            case .before(let time): most = max(most, time - 1)
            }
        }
        return most
    }

    /// For a condition that is not negated and bounds every clause: no item created at or
    /// before this fails it (an item a key matches and created at or before every key's bound
    /// meets it); nil otherwise.
    public var createdAtLeast: Int64? {
        guard !negated, !clauses.isEmpty else { return nil }
        var least = Int64.max
        for clause in clauses {
            switch clause.bound {
            case .atOrBefore(let time): least = min(least, time)
            case .before(let time): least = min(least, time - 1)
            case .always, .never: return nil
            }
        }
        return least
    }
}

extension ResponseTargets {
    /// The conditions of a query's due terms at `now`, all of which an item meets to belong
    /// (no keys: `is:breached` and `due<` match nothing; `due>` nothing either).
    public func conditions(_ query: Query, now: Date) -> [DueCondition] {
        let end = Timestamp.milliseconds(now)
        var conditions: [DueCondition] = []
        if query.breached {
            // Past the target: counted time ≥ the key's.
            conditions.append(DueCondition(clauses: keys.map { key in
                let amount = Timestamp.milliseconds(seconds: key.seconds)
                return .init(key: key.query, bound: amount <= 0 ? .always : .atOrBefore(clock.instants(amount, before: end).latest))
            }, negated: false))
        }
        if let within = query.dueWithin {
            // Less than `within` left: counted time > the key's minus `within`.
            conditions.append(DueCondition(clauses: keys.map { key in
                let amount = Timestamp.milliseconds(seconds: key.seconds) - Timestamp.milliseconds(seconds: within)
                return .init(key: key.query, bound: amount < 0 ? .always : .before(clock.instants(amount, before: end).earliest))
            }, negated: false))
        }
        if let beyond = query.dueBeyond {
            // More than `beyond` left for every key that matches: none of them has counted its
            // duration minus `beyond` yet.
            conditions.append(DueCondition(clauses: keys.map { key in
                let amount = Timestamp.milliseconds(seconds: key.seconds) - Timestamp.milliseconds(seconds: beyond)
                return .init(key: key.query, bound: amount <= 0 ? .always : .atOrBefore(clock.instants(amount, before: end).latest))
            }, negated: true))
        }
        return conditions
    }
}
