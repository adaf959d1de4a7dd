import Foundation

/// When the response targets' clock runs (`[hours]` in config.toml): some days of the week,
/// from one time of day to another, in one time zone. Days and times are those of the zone
/// named, never the machine's: a team in Berlin keeps Berlin's hours wherever heed runs, across
/// daylight-saving changes (a day's hours are the real time between its opening and closing).
public struct BusinessHours: Sendable, Hashable {
    /// The days the clock runs, as `Calendar` numbers them (1 Sunday … 7 Saturday).
    public var days: Set<Int>
    /// Opening and closing, in minutes after midnight (closing after opening; 1440 is midnight
    /// at the end of the day).
    public var from: Int
    public var to: Int
    public var zone: TimeZone

    /// Hours as config.toml's `[hours]` gives them.
    public init(days: Set<Int>, from: Int, to: Int, zone: TimeZone) {
        self.days = days
        self.from = from
        self.to = to
        self.zone = zone
    }

    /// The calendar of the zone, in which days and times are read.
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The weekday names config.toml takes, Sunday first (`Calendar`'s 1 … 7).
    static let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Days as written: "Mon-Fri", "Mon,Wed,Fri", "Sat-Sun", "Fri-Mon" (a range wraps round the
    /// week), names of three letters or more in any case; nil when unreadable.
    public static func days(_ text: String) -> Set<Int>? {
        var days = Set<Int>()
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard (1...2).contains(ends.count) else { return nil }
            let numbers = ends.map { end in names.firstIndex { end.hasPrefix($0) } }
            guard let first = numbers.first ?? nil, let last = numbers.last ?? nil else { return nil }
            var day = first
            while true {
                days.insert(day + 1)
                if day == last { break }
                day = (day + 1) % 7
            }
        }
        return days.isEmpty ? nil : days
    }

    /// A time of day as written ("09:00", "9:30", "24:00" for the end of the day), in minutes.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 1440 else { return nil }
        return hour * 60 + minute
    }

    /// The opening and closing of the day starting at `day` (midnight in the zone), nil when the
    /// clock does not run that day. A time that does not exist that day (skipped by a change to
    /// summer time) is the first time after it; a time that happens twice is the first.
    func hours(ofDayStarting day: Date, _ calendar: Calendar) -> (open: Date, close: Date)? {
        guard days.contains(calendar.component(.weekday, from: day)) else { return nil }
        func time(_ minutes: Int) -> Date? {
            if minutes == 1440 { return calendar.date(byAdding: .day, value: 1, to: day) }
            return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day,
                                 matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward)
        }
        guard let open = time(from), let close = time(to), close > open else { return nil }
        return (open, close)
    }
}
