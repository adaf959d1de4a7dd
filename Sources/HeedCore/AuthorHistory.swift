import Foundation

/// One account of a person: a platform and a handle, compared case-insensitively and without
/// a leading "@".
public struct Identity: Sendable, Hashable, Codable, CustomStringConvertible {
    public var platform: Platform
    /// The handle as written, without a leading "@".
    public var handle: String

    /// An account; a leading "@" on the handle is dropped.
    public init(platform: Platform, handle: String) {
        self.platform = platform
        self.handle = Self.bare(handle)
    }

    /// The handle without a leading "@", lowercased: what two handles are compared by.
    public var key: String { handle.lowercased() }

    /// `platform:handle`, as config.toml writes it.
    public var description: String { "\(platform.rawValue):\(handle)" }

    /// Whether two identities name the same account.
    public func matches(_ other: Identity) -> Bool { platform == other.platform && key == other.key }

    /// A handle without its leading "@".
    public static func bare(_ handle: String) -> String {
        handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
    }
}

/// The user's whole history with one author (on every platform linked to them): how often
/// they wrote, how often and how fast they were answered, and their recent items.
public struct AuthorHistory: Sendable, Equatable {
    /// The accounts counted, the first being the one asked about.
    public var identities: [Identity]
    /// When the history was taken.
    public var asOf: Date
    /// Every item they wrote, by state.
    public var total: Int
    public var replied: Int
    public var acknowledged: Int
    public var waiting: Int
    public var snoozed: Int
    /// Answered items whose time of answer is known, and their median time from arrival to answer.
    public var timed: Int
    public var medianSeconds: Double?
    /// When their first item arrived.
    public var firstAt: Date?
    /// Their newest items, newest first (at most the number asked for).
    public var recent: [Mention]
    /// Their newest answered item: the last exchange (nil when none was ever answered).
    public var lastAnswered: Mention?
    /// False while the search index, through which their items are found, is still catching
    /// up with a large import: the counts may be short.
    public var complete = true

    /// The history as the store counts it.
    public init(identities: [Identity], asOf: Date, total: Int, replied: Int, acknowledged: Int, waiting: Int, snoozed: Int,
                timed: Int, medianSeconds: Double?, firstAt: Date?, recent: [Mention], lastAnswered: Mention?) {
        self.identities = identities
        self.asOf = asOf
        self.total = total
        self.replied = replied
        self.acknowledged = acknowledged
        self.waiting = waiting
        self.snoozed = snoozed
        self.timed = timed
        self.medianSeconds = medianSeconds
        self.firstAt = firstAt
        self.recent = recent
        self.lastAnswered = lastAnswered
    }

    /// Items answered by a reply or an acknowledgement.
    public var answered: Int { replied + acknowledged }

    /// Their newest item, answered or not.
    public var latest: Mention? { recent.first }
}

extension MentionState {
    /// When the item was answered (replied or acknowledged); nil when it was not.
    public var answeredAt: Date? {
        switch self {
        case .acknowledged(let at), .replied(_, let at): at
        case .waiting, .snoozed: nil
        }
    }
}
