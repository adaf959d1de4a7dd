import Foundation

/// What a rule does to an item it matches (`then` in a `[[rules]]` entry).
public enum RuleAction: Sendable, Hashable {
    /// Acknowledges it: seen, no reply needed.
    case acknowledge
    /// Puts a tag on it.
    case tag(String)
    /// Snoozes it for a while.
    case snooze(TimeInterval)
    /// Gives it priority points (`rank = "priority"` ranks by them).
    case priority(Int)

    /// The most priority points, either way.
    public static let priorityLimit = 1_000

    /// Reads an action as written in config.toml: `ack`, `tag:NAME`, `snooze:4h`, `priority:5`.
    public init(_ written: String) throws(QueryError) {
        let text = written.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0) }
        switch (parts.first?.lowercased() ?? "", parts.count) {
        case ("ack", 1), ("acknowledge", 1):
            self = .acknowledge
        case ("tag", 2):
            guard let tag = Tag.normal(parts[1]) else { throw QueryError(Tag.problem(parts[1])) }
            self = .tag(tag)
        case ("snooze", 2):
            guard let seconds = Age.parse(parts[1]), seconds > 0 else { throw QueryError("snooze:\(parts[1]): write a duration like 4h or 2d") }
            self = .snooze(seconds)
        case ("priority", 2):
            guard let points = Int(parts[1]), abs(points) <= Self.priorityLimit else {
                throw QueryError("priority:\(parts[1]): write a whole number from -\(Self.priorityLimit) to \(Self.priorityLimit)")
            }
            self = .priority(points)
        default:
            throw QueryError("\"\(text)\" is not an action: write ack, tag:NAME, snooze:DURATION or priority:N")
        }
    }

    /// The action as written in config.toml.
    public var text: String {
        switch self {
        case .acknowledge: "ack"
        case .tag(let tag): "tag:" + tag
        case .snooze(let seconds): "snooze:" + Age.typed(seconds)
        case .priority(let points): "priority:\(points)"
        }
    }
}

/// What rules and tags change of an item: its state, its tags and its priority points.
public struct ItemMarks: Sendable, Hashable {
    public var state: MentionState
    public var tags: [String]
    public var priority: Int

    /// Marks as given.
    public init(state: MentionState, tags: [String], priority: Int) {
        self.state = state
        self.tags = tags
        self.priority = priority
    }

    /// An item's marks as they are.
    public init(_ mention: Mention) {
        self.init(state: mention.state, tags: mention.tags, priority: mention.priority)
    }

    /// Applies an action at `now`: acknowledging an open item, snoozing a waiting one, adding a
    /// tag, setting the points.
    public mutating func apply(_ action: RuleAction, now: Date) {
        switch action {
        case .acknowledge:
            switch state {
            case .waiting, .snoozed: state = .acknowledged(at: now)
            default: break
            }
        case .snooze(let seconds):
            if state.isWaiting { state = .snoozed(until: now.addingTimeInterval(seconds)) }
        case .tag(let tag):
            Tag.insert(tag, into: &tags)
        case .priority(let points):
            priority = points
        }
    }
}

/// One `[[rules]]` entry: a query and what to do to the items it matches as they arrive.
public struct Rule: Sendable, Hashable {
    /// Its place in config.toml, from 1.
    public var number: Int
    /// `when` as written, and as read.
    public var whenText: String
    public var when: Query
    public var then: [RuleAction]

    /// A rule as config.toml's entry number `number` gives it.
    public init(number: Int, whenText: String, when: Query, then: [RuleAction]) {
        self.number = number
        self.whenText = whenText
        self.when = when
        self.then = then
    }

    /// How the journal and the undo line name it: `rule 2 (from:spammer → ack)`.
    public var label: String {
        "rule \(number) (\(whenText) → \(then.map(\.text).joined(separator: ", ")))"
    }
}

/// What one rule did to an arriving item: the rule, and the actions it took in order.
public struct RuleStep: Sendable, Hashable {
    public var rule: Int
    public var label: String
    public var actions: [RuleAction]

    /// A rule's step, named by its number and label.
    public init(rule: Int, label: String, actions: [RuleAction]) {
        self.rule = rule
        self.label = label
        self.actions = actions
    }
}

/// One rule's change to one arriving item: what a store journals for it.
public struct RuleChange: Sendable, Equatable {
    public var rule: Int
    public var label: String
    public var before: ItemMarks
    public var after: ItemMarks

    /// Applies the rules' steps to an arriving item's marks in order, at `date`: the changes
    /// to journal if the item turns out new (a step that changed nothing makes none).
    public static func applying(_ steps: [RuleStep], to marks: inout ItemMarks, at date: Date) -> [RuleChange] {
        var changes: [RuleChange] = []
        for step in steps {
            let before = marks
            for action in step.actions { marks.apply(action, now: date) }
            if marks != before { changes.append(RuleChange(rule: step.rule, label: step.label, before: before, after: marks)) }
        }
        return changes
    }
}

/// The rules of config.toml, in file order, with the targets their due terms read.
public struct RuleSet: Sendable {
    public let rules: [Rule]
    public let targets: ResponseTargets?
    /// The rules' queries ready to match, and their labels, in the rules' order (made once:
    /// every arriving item meets every rule).
    private let matchers: [QueryMatcher]
    private let labels: [String]

    /// Rules in file order; `targets` for their due terms.
    public init(rules: [Rule] = [], targets: ResponseTargets? = nil) {
        self.rules = rules
        self.targets = targets
        matchers = rules.map { QueryMatcher($0.when) }
        labels = rules.map(\.label)
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// The rules that change an arriving item, in file order, each seeing what the ones before
    /// it did (a rule may match the tag an earlier rule gave).
    public func steps(for mention: Mention, now: Date) -> [RuleStep] {
        guard !rules.isEmpty else { return [] }
        var subject = MatchSubject(mention)
        var steps: [RuleStep] = []
        for index in rules.indices where matchers[index].matches(&subject, now: now, targets: targets) {
            let before = ItemMarks(subject.mention)
            var after = before
            for action in rules[index].then { after.apply(action, now: now) }
            guard after != before else { continue }
            steps.append(RuleStep(rule: rules[index].number, label: labels[index], actions: rules[index].then))
            subject.set(after)
        }
        return steps
    }
}
