import Foundation

/// One item as queries look at it in memory: the mention, and the words of its text and of its
/// author (folded and cut as the stores' full-text indexes cut them), made once however many
/// queries ask (every rule and every target key of an arriving item).
public struct MatchSubject {
    public private(set) var mention: Mention
    private var bodyWords: [String]?
    private var authorWords: [String]?

    public init(_ mention: Mention) {
        self.mention = mention
    }

    /// The words of the text.
    mutating func body() -> [String] {
        if let bodyWords { return bodyWords }
        let words = SearchTokens.of(SearchText.fold(mention.text))
        bodyWords = words
        return words
    }

    /// The words of the author's handle and name.
    mutating func author() -> [String] {
        if let authorWords { return authorWords }
        let words = SearchTokens.of(SearchText.who(handle: mention.author.handle, name: mention.author.name))
        authorWords = words
        return words
    }

    /// Changes the item's state, tags and priority (what rules change), keeping its words.
    mutating func set(_ marks: ItemMarks) {
        mention.state = marks.state
        mention.tags = marks.tags
        mention.priority = marks.priority
    }
}

/// A word or phrase of a query as the full-text index looks for it: words in a row, the last
/// one matched as a prefix when `prefix`.
struct WordPattern {
    var words: [String]
    var prefix: Bool

    init?(_ text: String, prefix: Bool) {
        guard let pattern = SearchText.pattern(text, prefix: prefix) else { return nil }
        words = SearchTokens.of(pattern.text)
        self.prefix = pattern.prefix
    }

    /// Whether the words occur in a row in `text`.
    func occurs(in text: [String]) -> Bool {
        guard !words.isEmpty, text.count >= words.count else { return false }
        let last = words.count - 1
        for start in 0...(text.count - words.count) {
            var index = 0
            while index < last, text[start + index] == words[index] { index += 1 }
            guard index == last else { continue }
            let word = text[start + last]
            if prefix ? word.hasPrefix(words[last]) : word == words[last] { return true }
        }
        return false
    }
}

extension Query {
    /// Whether an item belongs to this query at `now`, as a store would find it by the same
    /// query (response targets from `targets`; without them the due terms match nothing).
    public func matches(_ mention: Mention, now: Date, targets: ResponseTargets? = nil) -> Bool {
        var subject = MatchSubject(mention)
        return matches(&subject, now: now, targets: targets)
    }

    /// `matches` for a subject whose words are kept between queries.
    public func matches(_ subject: inout MatchSubject, now: Date, targets: ResponseTargets?) -> Bool {
        let mention = subject.mention
        guard matchesScope(mention.state) else { return false }
        if !platforms.isEmpty, !platforms.contains(mention.platform) { return false }
        if excludedPlatforms.contains(mention.platform) { return false }
        if !kinds.isEmpty, !kinds.contains(mention.kind) { return false }
        if excludedKinds.contains(mention.kind) { return false }
        let created = Timestamp.milliseconds(mention.createdAt)
        if let olderThan, !(created < Timestamp.milliseconds(now.addingTimeInterval(-olderThan))) { return false }
        if let newerThan, !(created > Timestamp.milliseconds(now.addingTimeInterval(-newerThan))) { return false }
        if !tags.allSatisfy(mention.tags.contains) || excludedTags.contains(where: mention.tags.contains) { return false }
        if usesText, !matchesWords(&subject) { return false }
        if usesTargets {
            guard let targets, let due = targets.due(&subject, now: now) else { return false }
            if breached, !(due.elapsed >= due.target) { return false }
            if let dueWithin, !(due.elapsed > due.target - Timestamp.milliseconds(seconds: dueWithin)) { return false }
            if let dueBeyond, !(due.elapsed < due.target - Timestamp.milliseconds(seconds: dueBeyond)) { return false }
        }
        return true
    }

    /// Whether a state is in the query's scope.
    func matchesScope(_ state: MentionState) -> Bool {
        switch (scope, state) {
        case (.all, _), (.waiting, .waiting), (.snoozed, .snoozed), (.answered, .acknowledged), (.answered, .replied): true
        default: false
        }
    }

    /// Words and phrases in the text or the author, an author by name, no excluded word.
    private func matchesWords(_ subject: inout MatchSubject) -> Bool {
        for (text, prefix) in words.map({ ($0, true) }) + phrases.map({ ($0, false) }) {
            guard let pattern = WordPattern(text, prefix: prefix) else { continue }
            guard pattern.occurs(in: subject.body()) || pattern.occurs(in: subject.author()) else { return false }
        }
        let names = authors.compactMap { WordPattern($0, prefix: true) }
        if !names.isEmpty, !names.contains(where: { $0.occurs(in: subject.author()) }) { return false }
        for text in excludedWords {
            guard let pattern = WordPattern(text, prefix: true) else { continue }
            if pattern.occurs(in: subject.body()) || pattern.occurs(in: subject.author()) { return false }
        }
        return true
    }
}
