import Foundation
import HeedCore

/// The outcome of an action on items: which changed, and which someone else had answered
/// already or the store does not hold.
public struct AnswerResult: Sendable, Equatable {
    public var changed: [Ref]
    public var alreadyAnswered: [Ref]
    public var unknown: [Ref]
    /// How many items changed (`changed` names the first thousand).
    public var changedCount = 0

    public init(changed: [Ref], alreadyAnswered: [Ref], unknown: [Ref], changedCount: Int? = nil) {
        self.changed = changed
        self.alreadyAnswered = alreadyAnswered
        self.unknown = unknown
        self.changedCount = changedCount ?? changed.count
    }
}

/// Why the store cannot be used, in words a user can act on.
public struct StoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// A stored item names a platform this heed does not know (a newer heed wrote it); `row`
    /// says which item, in the store's own terms.
    public static func unknownPlatform(_ name: String, row: String) -> StoreError {
        StoreError("the store holds an item of platform '\(name)' (\(row)), which this heed does not know; heed left it as it was: upgrade heed to read it")
    }
}

/// The states an item is stored in, spelled as stores write them (and as `heed list --json`
/// does).
public enum StoredState: String, CaseIterable, Sendable {
    case waiting, acknowledged, replied, snoozed

    /// The stored state of an item's state.
    public init(_ state: MentionState) {
        switch state {
        case .waiting: self = .waiting
        case .acknowledged: self = .acknowledged
        case .replied: self = .replied
        case .snoozed: self = .snoozed
        }
    }

    /// Whether an item in this state was answered (acknowledged or replied).
    public var isAnswered: Bool { self == .acknowledged || self == .replied }

    /// The states an action still applies to.
    public static let open: [StoredState] = [.waiting, .snoozed]
    /// The states of an answered item.
    public static let answered: [StoredState] = [.acknowledged, .replied]
}

/// Who heed acts as when config.toml names no one (`[team] me`): the login name.
public enum LoginName {
    /// The user's login name: the password database's, else `$USER`, else "me".
    public static var current: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name), !text.isEmpty { return text }
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        return "me"
    }
}

extension Query.Scope {
    /// The stored states a scope holds; nil for every state.
    public var states: [StoredState]? {
        switch self {
        case .waiting: [.waiting]
        case .snoozed: [.snoozed]
        case .answered: StoredState.answered
        case .all: nil
        }
    }
}

/// The waiting counts per platform as stores keep them, by the platform's stored name.
public enum PlatformWaiting {
    /// Every platform heed knows with its count (none counts 0), most first, ties by name; a
    /// platform this heed does not know, with items waiting, is an error naming its counter.
    public static func of(_ counters: [(name: String, waiting: Int)], counter: (String) -> String) throws -> [(platform: Platform, waiting: Int)] {
        var counts: [Platform: Int] = [:]
        for (name, waiting) in counters {
            guard let platform = Platform(rawValue: name) else {
                if waiting > 0 { throw StoreError.unknownPlatform(name, row: "\(waiting) waiting, counter '\(counter(name))'") }
                continue
            }
            counts[platform] = waiting
        }
        return Platform.allCases.map { ($0, counts[$0] ?? 0) }
            .sorted { ($0.1, $1.0.rawValue) > ($1.1, $0.0.rawValue) }
    }
}
