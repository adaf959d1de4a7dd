import Foundation

/// Who wrote an item. Any field may be missing where a platform withholds it.
public struct Author: Sendable, Hashable, Codable {
    public var handle: String?
    public var name: String?
    public var url: String?

    public init(handle: String? = nil, name: String? = nil, url: String? = nil) {
        self.handle = handle
        self.name = name
        self.url = url
    }

    /// The name shown in rows: the handle, else the display name, else "unknown".
    public var shownName: String {
        if let handle, !handle.isEmpty { return handle }
        if let name, !name.isEmpty { return name }
        return "unknown"
    }
}

/// Where an item stands: waiting for an answer, or answered in one of the ways heed knows.
public enum MentionState: Sendable, Hashable {
    case waiting
    case acknowledged(at: Date)
    case replied(draft: String, at: Date)
    case snoozed(until: Date)

    /// The name used in the store and in `heed list --json`.
    public var name: String {
        switch self {
        case .waiting: "waiting"
        case .acknowledged: "acknowledged"
        case .replied: "replied"
        case .snoozed: "snoozed"
        }
    }

    public var isWaiting: Bool { if case .waiting = self { true } else { false } }
}

/// The stable name of an item across commands: `platform:id`.
public struct Ref: Sendable, Hashable, CustomStringConvertible, Codable {
    public var platform: Platform
    public var id: String

    public init(platform: Platform, id: String) {
        self.platform = platform
        self.id = id
    }

    /// Parses `platform:id`; the id may itself contain colons (Bluesky at:// URIs), and may
    /// start with a mark that would join the colon into one character, so it is split by scalar.
    public init?(parsing text: String) {
        let scalars = text.unicodeScalars
        guard let colon = scalars.firstIndex(of: ":") else { return nil }
        guard let platform = Platform(name: String(scalars[..<colon])) else { return nil }
        let id = String(scalars[scalars.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(platform: platform, id: id)
    }

    public var description: String { "\(platform.rawValue):\(id)" }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ref = Ref(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a ref: \(text)"))
        }
        self = ref
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Anything someone said to the user that may deserve an answer.
public struct Mention: Sendable, Hashable {
    public var platform: Platform
    public var id: String
    public var kind: MentionKind
    public var author: Author
    public var text: String
    public var createdAt: Date
    public var url: String?
    public var conversation: String?
    public var inReplyTo: String?
    /// What a reply must name when posted, platform-specific (a status id, a uri and cid, …).
    public var replyTarget: [String: String]
    public var state: MentionState
    /// The user's labels (`tag:NAME` finds them), sorted, each at most once; see `Tag`.
    public var tags: [String]
    /// Points that rank an item above others when config.toml says `rank = "priority"`
    /// (rules give them); 0 for most items.
    public var priority: Int

    public init(
        platform: Platform, id: String, kind: MentionKind = .mention, author: Author = Author(),
        text: String, createdAt: Date, url: String? = nil, conversation: String? = nil,
        inReplyTo: String? = nil, replyTarget: [String: String] = [:], state: MentionState = .waiting,
        tags: [String] = [], priority: Int = 0
    ) {
        self.platform = platform
        self.id = id
        self.kind = kind
        self.author = author
        self.text = text
        self.createdAt = createdAt
        self.url = url
        self.conversation = conversation
        self.inReplyTo = inReplyTo
        self.replyTarget = replyTarget
        self.state = state
        self.tags = tags
        self.priority = priority
    }

    public var ref: Ref { Ref(platform: platform, id: id) }

    /// Seconds waited at `now` (never negative: a clock set ahead does not make a negative age).
    public func waited(at now: Date) -> TimeInterval { max(0, now.timeIntervalSince(createdAt)) }
}
