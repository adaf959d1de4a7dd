import Foundation
import HeedCore

/// A view saved in config.toml: shown as a tab with its count.
public struct SavedView: Sendable, Equatable {
    public var name: String
    public var query: Query
    public var count: Int?

    public init(name: String, query: Query, count: Int? = nil) {
        self.name = name
        self.query = query
        self.count = count
    }
}

/// Items marked for a bulk action: one by one, or every item of a view.
public struct Marks: Sendable, Equatable {
    public var refs: Set<Ref> = []
    /// Every item this view holds (with `count` of them when marked).
    public var wholeView: (query: Query, count: Int)?

    public init() {}

    public var isEmpty: Bool { refs.isEmpty && wholeView == nil }
    public var count: Int { wholeView?.count ?? refs.count }

    public func contains(_ ref: Ref) -> Bool { wholeView != nil || refs.contains(ref) }

    /// What an action on the marks applies to.
    public var selection: Selection {
        if let wholeView { return .view(wholeView.query) }
        return .refs(refs.sorted { $0.description < $1.description })
    }

    public static func == (lhs: Marks, rhs: Marks) -> Bool {
        lhs.refs == rhs.refs && lhs.wholeView?.query == rhs.wholeView?.query && lhs.wholeView?.count == rhs.wholeView?.count
    }
}

/// What an action does to the items it selects.
public enum Act: Sendable, Equatable {
    case acknowledge(Selection)
    case snooze(Selection, until: Date)

    public var selection: Selection {
        switch self {
        case .acknowledge(let selection), .snooze(let selection, _): selection
        }
    }
}

/// How an action came out: how many changed, and how many were answered by someone else first.
public struct ActOutcome: Sendable, Equatable {
    public var changed: Int
    public var alreadyAnswered: Int

    public init(changed: Int, alreadyAnswered: Int = 0) {
        self.changed = changed
        self.alreadyAnswered = alreadyAnswered
    }
}

/// A question over the queue that takes the next keys.
public enum Prompt: Sendable, Equatable {
    /// The search line: what is typed, and what it could not read.
    case search(text: String, error: String?)
    /// How long to snooze: a choice by number, or a typed duration.
    case snooze(Selection, typed: String, error: String?)
    /// Choose a platform to filter by.
    case filter(platforms: [PlatformCount]?, cursor: Int)
    /// A bulk action above the threshold waits for a yes.
    case confirm(Act, count: Int)
}

/// A platform and how many of its items wait.
public struct PlatformCount: Sendable, Equatable {
    public var platform: Platform
    public var waiting: Int

    public init(platform: Platform, waiting: Int) {
        self.platform = platform
        self.waiting = waiting
    }
}

/// The conversation of the selected item, as the detail pane shows it.
public struct ThreadPane: Sendable, Equatable {
    public var ref: Ref
    public var items: [QueueItem]
}

/// The selected item's author's history with the user, in brief, for the detail pane (nil
/// history while it loads, or when the store has no such item).
public struct AuthorLine: Sendable, Equatable {
    public var ref: Ref
    public var history: AuthorHistory?
    /// Asked for and not come yet: the pane keeps its line free, so the text does not move.
    public var loading: Bool
}

/// The snooze choices offered, in order (a number key picks one).
public enum SnoozeChoice: CaseIterable, Sendable {
    case oneHour, fourHours, tomorrowMorning, nextWeek

    public var label: String {
        switch self {
        case .oneHour: "1 hour"
        case .fourHours: "4 hours"
        case .tomorrowMorning: "tomorrow 9:00"
        case .nextWeek: "Monday 9:00"
        }
    }

    /// When the snooze ends, in the user's time zone.
    public func until(from now: Date, calendar: Calendar = .current) -> Date {
        switch self {
        case .oneHour: return now.addingTimeInterval(3_600)
        case .fourHours: return now.addingTimeInterval(4 * 3_600)
        case .tomorrowMorning:
            let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now
            return calendar.date(bySettingHour: 9, minute: 0, second: 0, of: tomorrow) ?? tomorrow
        case .nextWeek:
            let next = calendar.nextDate(after: now, matching: DateComponents(hour: 9, minute: 0, weekday: 2), matchingPolicy: .nextTime) ?? now
            return calendar.isDate(next, inSameDayAs: now) ? next.addingTimeInterval(7 * 86_400) : next
        }
    }
}
