import Foundation
import HeedCore

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
    /// A tag to add (or, as `-name`, remove), completed from the tags in use (nil until counted).
    case tag(Selection, typed: String, tags: [TagCount]?, error: String?)
    /// Choose whom to assign to: nobody first, then the teammates (nil while they load).
    case assign(Selection, people: [String]?, cursor: Int)
}

/// The snooze choices offered, in order (a number key picks one).
public enum SnoozeChoice: CaseIterable, Sendable {
    case oneHour, fourHours, tomorrowMorning, nextWeek

    public var label: String {
        switch self {
        case .oneHour: "in 1 hour"
        case .fourHours: "in 4 hours"
        case .tomorrowMorning: "tomorrow 9:00"
        case .nextWeek: "Monday 9:00"
        }
    }

    /// When the snooze ends, reckoned in `calendar` (the user's: `Settings.calendar`).
    public func until(from now: Date, calendar: Calendar) -> Date {
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

/// A platform and how many of its items wait.
public struct PlatformCount: Sendable, Equatable {
    public var platform: Platform
    public var waiting: Int

    public init(platform: Platform, waiting: Int) {
        self.platform = platform
        self.waiting = waiting
    }
}
