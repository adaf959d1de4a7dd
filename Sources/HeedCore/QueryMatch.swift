import Foundation

/// One item as queries look at it in memory: the mention, and the words of its text and of its
/// author (folded and cut as the stores' full-text indexes cut them), made once however many
/// queries ask (every rule and every target key of an arriving item).
public struct MatchSubject {
    public private(set) var mention: Mention
    private var bodyWords: [ArraySlice<UInt8>]?
    private var authorWords: [ArraySlice<UInt8>]?

    /// An item whose words are cut when a query first asks for them.
    public init(_ mention: Mention) {
        self.mention = mention
    }

    /// The words of the text.
    mutating func body() -> [ArraySlice<UInt8>] {
        if let bodyWords { return bodyWords }
        let words = SearchTokens.words(ofText: mention.text)
        bodyWords = words
        return words
    }

    /// The words of the author's handle and name.
    mutating func author() -> [ArraySlice<UInt8>] {
        if let authorWords { return authorWords }
        let words = SearchTokens.words(ofText: SearchText.whoText(handle: mention.author.handle, name: mention.author.name))
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
/// one matched as a prefix when `prefix`. Words are compared as the index compares them, byte
/// for byte (not as Swift compares strings, by canonical equivalence).
struct WordPattern: Sendable {
    var words: [ArraySlice<UInt8>]
    var prefix: Bool

    init?(_ text: String, prefix: Bool) {
        guard let term = SearchText.term(text, prefix: prefix) else { return nil }
        words = SearchTokens.words(term.words.joined(separator: " "))
        self.prefix = term.lastIsPrefix
    }

    /// Whether the words occur in a row in `text`.
    func occurs(in text: [ArraySlice<UInt8>]) -> Bool {
        guard let first = words.first, let lead = first.first, text.count >= words.count else { return false }
        if words.count == 1 {
            // One word (most rules): its first byte rules out most of the text's words at once.
            for word in text where word.first == lead && (prefix ? word.count >= first.count : word.count == first.count) {
                if word.starts(with: first) { return true }
            }
            return false
        }
        let last = words.count - 1
        for start in 0...(text.count - words.count) {
            var index = 0
            while index < last, text[start + index] == words[index] { index += 1 }
            guard index == last else { continue }
            let word = text[start + last], wanted = words[last]
            if prefix ? word.count >= wanted.count && word.prefix(wanted.count).elementsEqual(wanted) : word == wanted { return true }
        }
        return false
    }
}

/// A query ready to match items in memory, its words cut once (rules and target keys match
/// every arriving item, and every row on screen). A class, so that asking each of many
/// rules copies nothing.
public final class QueryMatcher: Sendable {
    public let query: Query
    /// Words (as prefixes) and phrases, each in the text or the author.
    private let words: [WordPattern]
    private let authors: [WordPattern]
    private let excluded: [WordPattern]

    /// The matcher of a query.
    public init(_ query: Query) {
        self.query = query
        words = query.words.compactMap { WordPattern($0, prefix: true) } + query.phrases.compactMap { WordPattern($0, prefix: false) }
        authors = query.authors.compactMap { WordPattern($0, prefix: true) }
        excluded = query.excludedWords.compactMap { WordPattern($0, prefix: true) }
    }

    /// Whether an item belongs to the query at `now`, as a store would find it by the same
    /// query (response targets from `targets`; without them the due terms match nothing).
    public func matches(_ subject: inout MatchSubject, now: Date, targets: ResponseTargets?) -> Bool {
        let mention = subject.mention
        guard query.matchesScope(mention.state) else { return false }
        if !query.platforms.isEmpty, !query.platforms.contains(mention.platform) { return false }
        if query.excludedPlatforms.contains(mention.platform) { return false }
        if !query.kinds.isEmpty, !query.kinds.contains(mention.kind) { return false }
        if query.excludedKinds.contains(mention.kind) { return false }
        let created = Timestamp.milliseconds(mention.createdAt)
        if let olderThan = query.olderThan, !(created < Timestamp.milliseconds(now.addingTimeInterval(-olderThan))) { return false }
        if let newerThan = query.newerThan, !(created > Timestamp.milliseconds(now.addingTimeInterval(-newerThan))) { return false }
        if !query.tags.allSatisfy(mention.tags.contains) || query.excludedTags.contains(where: mention.tags.contains) { return false }
        if query.usesText, !matchesWords(&subject) { return false }
        if query.usesTargets {
            guard let targets, let due = targets.due(&subject, now: now) else { return false }
            if query.breached, !(due.elapsed >= due.target) { return false }
            if let within = query.dueWithin, !(due.elapsed > due.target - Timestamp.milliseconds(seconds: within)) { return false }
            if let beyond = query.dueBeyond, !(due.elapsed < due.target - Timestamp.milliseconds(seconds: beyond)) { return false }
        }
        return true
    }

    /// Words and phrases in the text or the author, an author by name, no excluded word.
    private func matchesWords(_ subject: inout MatchSubject) -> Bool {
        for pattern in words where !(pattern.occurs(in: subject.body()) || pattern.occurs(in: subject.author())) { return false }
        if !authors.isEmpty, !authors.contains(where: { $0.occurs(in: subject.author()) }) { return false }
        for pattern in excluded where pattern.occurs(in: subject.body()) || pattern.occurs(in: subject.author()) { return false }
        return true
    }
}

extension Query {
    /// Whether an item belongs to this query at `now`, as a store would find it by the same
    /// query (response targets from `targets`; without them the due terms match nothing).
    public func matches(_ mention: Mention, now: Date, targets: ResponseTargets? = nil) -> Bool {
        var subject = MatchSubject(mention)
        return QueryMatcher(self).matches(&subject, now: now, targets: targets)
    }

    /// Whether a state is in the query's scope.
    func matchesScope(_ state: MentionState) -> Bool {
        switch (scope, state) {
        case (.all, _), (.waiting, .waiting), (.snoozed, .snoozed), (.answered, .acknowledged), (.answered, .replied): true
        default: false
        }
    }
}
