import Foundation

/// A view of the items: which ones, as the search line's small language says.
///
/// `platform:mastodon,bluesky kind:dm from:alice age>4h age<2d is:snoozed "exact phrase" word`
/// — terms are combined with AND; a platform or kind list matches any of its values; a leading
/// `-` excludes (`-platform:x`, `-word`, `-tag:x`); bare words match as word prefixes, quoted
/// phrases word for word; `from:` matches the author's handle or name; `tag:NAME` the user's
/// tags; `is:breached`, `due<1h` and `due>2h` the time left before the response target
/// (`[targets]` in config.toml, see `ResponseTargets`); `is:mine`, `is:unassigned` and
/// `assignee:ana` match by whom an item is assigned to.
public struct Query: Sendable, Hashable {
    /// Which items a view lists by their state.
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        case waiting, snoozed, answered, all
    }

    public var scope: Scope = .waiting
    public var platforms: Set<Platform> = []
    public var excludedPlatforms: Set<Platform> = []
    public var kinds: Set<MentionKind> = []
    public var excludedKinds: Set<MentionKind> = []
    /// Authors by handle or name (any of them).
    public var authors: [String] = []
    /// Waited longer than this (seconds).
    public var olderThan: TimeInterval?
    /// Waited less than this (seconds).
    public var newerThan: TimeInterval?
    public var words: [String] = []
    public var phrases: [String] = []
    public var excludedWords: [String] = []
    /// Carrying every one of these tags (`tag:NAME`), and none of `excludedTags` (`-tag:NAME`).
    public var tags: [String] = []
    public var excludedTags: [String] = []
    /// Past its response target (`is:breached`).
    public var breached = false
    /// Less than this left before the response target, late items included (`due<1h`).
    public var dueWithin: TimeInterval?
    /// More than this left before the response target (`due>2h`).
    public var dueBeyond: TimeInterval?
    /// Assigned to one of these people (`assignee:ana`, compared without case).
    public var assignees: [String] = []
    /// Assigned to the person using the store (`is:mine`).
    public var mine = false
    /// Assigned to nobody (`is:unassigned`).
    public var unassigned = false

    public init() {}

    /// The whole queue: every waiting item.
    public static let queue = Query()

    /// Whether this is the plain queue (its count is maintained, never recounted).
    public var isQueue: Bool { self == Query.queue }

    /// Whether the full-text index has to answer part of it.
    public var usesText: Bool { !words.isEmpty || !phrases.isEmpty || !authors.isEmpty || !excludedWords.isEmpty }

    /// Whether it asks about response targets (`is:breached`, `due<`, `due>`).
    public var usesTargets: Bool { breached || dueWithin != nil || dueBeyond != nil }

    /// The query in the search line's words (a canonical spelling).
    public var text: String {
        var parts: [String] = []
        if scope != .waiting { parts.append("is:\(scope.rawValue)") }
        if !platforms.isEmpty { parts.append("platform:" + platforms.map(\.rawValue).sorted().joined(separator: ",")) }
        parts += excludedPlatforms.map { "-platform:\($0.rawValue)" }.sorted()
        if !kinds.isEmpty { parts.append("kind:" + kinds.map(\.rawValue).sorted().joined(separator: ",")) }
        parts += excludedKinds.map { "-kind:\($0.rawValue)" }.sorted()
        parts += authors.map { "from:" + QueryParser.quoteIfNeeded($0) }
        if mine { parts.append("is:mine") }
        if unassigned { parts.append("is:unassigned") }
        parts += assignees.map { "assignee:" + QueryParser.quoteIfNeeded($0) }
        if let olderThan { parts.append("age>" + Age.typed(olderThan)) }
        if let newerThan { parts.append("age<" + Age.typed(newerThan)) }
        parts += tags.map { "tag:" + $0 } + excludedTags.map { "-tag:" + $0 }
        if breached { parts.append("is:breached") }
        if let dueWithin { parts.append("due<" + Age.typed(dueWithin)) }
        if let dueBeyond { parts.append("due>" + Age.typed(dueBeyond)) }
        parts += phrases.map { "\"\($0)\"" }
        parts += words
        parts += excludedWords.map { "-" + $0 }
        return parts.joined(separator: " ")
    }
}

/// Why a search line cannot be read, with the term at fault.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Reads the search line's language into a `Query`.
public enum QueryParser {
    public static func parse(_ line: String) throws(QueryError) -> Query {
        var query = Query()
        for term in terms(line) {
            try add(term, to: &query)
        }
        return query
    }

    /// A term as typed: whether it was quoted, negated, and its key and value.
    struct Term {
        var negated = false
        var key: String?
        var op = ":"
        var value = ""
        var quoted = false
    }

    /// Splits a line into terms; a quote runs to the next quote or the end of the line (so a
    /// phrase half typed still searches).
    static func terms(_ line: String) -> [Term] {
        var terms: [Term] = []
        var current = Term()
        var token = ""
        var inQuote = false
        var started = false
        func finish() {
            if started {
                current.value = token
                if !(current.value.isEmpty && current.key == nil && !current.quoted) { terms.append(current) }
            }
            current = Term()
            token = ""
            started = false
        }
        for character in line {
            if inQuote {
                if character == "\"" { inQuote = false } else { token.append(character) }
                continue
            }
            let isOperator = character == ":" || character == ">" || character == "<" || character == "="
            if character == " " || character == "\t" || character == "\n" {
                finish()
            } else if character == "\"" {
                started = true
                inQuote = true
                current.quoted = true
            } else if character == "-", !started {
                started = true
                current.negated = true
            } else if isOperator, current.key == nil, !current.quoted, !token.isEmpty, isKey(token) {
                current.key = token.lowercased()
                current.op = String(character)
                token = ""
            } else if character == "=", current.key != nil, token.isEmpty, current.op == ">" || current.op == "<" {
                current.op += "="
            } else {
                started = true
                token.append(character)
            }
        }
        finish()
        return terms
    }

    static let keys: Set<String> = ["platform", "p", "on", "kind", "k", "from", "by", "author", "age", "is", "in", "tag", "due", "assignee", "assigned"]

    static func isKey(_ token: String) -> Bool { keys.contains(token.lowercased()) }

    static func add(_ term: Term, to query: inout Query) throws(QueryError) {
        guard let key = term.key else {
            let value = term.value.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { return }
            if term.negated {
                query.excludedWords.append(value)
            } else if term.quoted {
                query.phrases.append(value)
            } else {
                query.words.append(value)
            }
            return
        }
        let value = term.value
        guard !value.isEmpty else { throw QueryError("\(key)\(term.op) needs a value") }
        switch key {
        case "platform", "p", "on":
            try colon(term)
            for name in value.split(separator: ",") {
                guard let platform = Platform(name: String(name)) else {
                    throw QueryError("no platform \"\(name)\"; heed knows \(Platform.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if term.negated { query.excludedPlatforms.insert(platform) } else { query.platforms.insert(platform) }
            }
        case "kind", "k":
            try colon(term)
            for name in value.split(separator: ",") {
                guard let kind = MentionKind(name: String(name)) else {
                    throw QueryError("no kind \"\(name)\"; kinds are \(MentionKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if term.negated { query.excludedKinds.insert(kind) } else { query.kinds.insert(kind) }
            }
        case "from", "by", "author":
            try colon(term)
            guard !term.negated else { throw QueryError("-from: is not supported; search from:NAME") }
            query.authors.append(value.hasPrefix("@") ? String(value.dropFirst()) : value)
        case "age":
            guard let seconds = Age.parse(value) else { throw QueryError("age\(term.op)\(value): write a duration like 90m, 4h, 2d or 1w") }
            switch term.op {
            case ">", ">=": query.olderThan = seconds
            case "<", "<=": query.newerThan = seconds
            default: throw QueryError("write age>\(value) (waited longer) or age<\(value) (waited less)")
            }
        case "is", "in":
            try colon(term)
            if let kind = MentionKind(name: value) {
                query.kinds.insert(kind)
            } else if let scope = Query.Scope(rawValue: value.lowercased()) {
                query.scope = scope
            } else if ["acknowledged", "replied", "done"].contains(value.lowercased()) {
                query.scope = .answered
            } else if ["breached", "late", "overdue"].contains(value.lowercased()) {
                query.breached = true
            } else if value.lowercased() == "mine" {
                query.mine = true
            } else if value.lowercased() == "unassigned" {
                query.unassigned = true
            } else {
                throw QueryError("is:\(value)? write is:waiting, is:snoozed, is:answered, is:all, is:breached, is:mine or is:unassigned")
            }
        case "tag":
            try addTag(term, to: &query)
        case "due":
            try addDue(term, to: &query)
        case "assignee", "assigned":
            try colon(term)
            guard !term.negated else { throw QueryError("-assignee: is not supported; search assignee:NAME or is:unassigned") }
            query.assignees.append(value.hasPrefix("@") ? String(value.dropFirst()) : value)
        default:
            throw QueryError("unknown filter \(key):")
        }
    }

    /// `tag:NAME` (`-tag:NAME` excludes).
    private static func addTag(_ term: Term, to query: inout Query) throws(QueryError) {
        try colon(term)
        guard let tag = Tag.normal(term.value) else { throw QueryError(Tag.problem(term.value)) }
        if term.negated { query.excludedTags.append(tag) } else { query.tags.append(tag) }
    }

    /// `due<1h` (less than that left, late items included) or `due>2h` (more than that left).
    private static func addDue(_ term: Term, to query: inout Query) throws(QueryError) {
        guard let seconds = Age.parse(term.value) else { throw QueryError("due\(term.op)\(term.value): write a duration like 30m, 1h or 2d") }
        switch term.op {
        case "<", "<=": query.dueWithin = seconds
        case ">", ">=": query.dueBeyond = seconds
        default: throw QueryError("write due<\(term.value) (less left than that) or due>\(term.value) (more left)")
        }
    }

    private static func colon(_ term: Term) throws(QueryError) {
        guard term.op == ":" else { throw QueryError("write \(term.key ?? ""):VALUE") }
    }

    static func quoteIfNeeded(_ text: String) -> String {
        text.contains(" ") ? "\"\(text)\"" : text
    }
}

/// Which items an action applies to.
public enum Selection: Sendable, Hashable {
    /// These items.
    case refs([Ref])
    /// These items and every open item of their conversations.
    case threads([Ref])
    /// Every item a view holds now.
    case view(Query)
}
