import Foundation

/// The clock response targets are measured on, in whole milliseconds: real time, or the time
/// that passed within business hours.
///
/// A business clock reads time as "business milliseconds since its first day": a table of each
/// day's opening and closing (found once with the zone's `Calendar`, so weekends, time zones
/// and daylight-saving changes are the calendar's), with the business time before each day
/// summed. The time between two instants is then two binary searches, and going back from now
/// by a target's length is one more: what the stores need to turn a target into a cut-off on
/// creation times (see `ResponseTargets.conditions`), and the stats to time a million answers.
/// The table grows to cover whatever times it is asked about (by a week at least each time).
final class BusinessClock: @unchecked Sendable {
    let hours: BusinessHours
    private let calendar: Calendar
    private let lock = NSLock()
    /// The days covered: from the midnight `first` to the midnight `end` (milliseconds).
    private var first: Int64 = 0, end: Int64 = 0
    /// Each business day's opening and closing, and the business time before it.
    private var opens: [Int64] = [], closes: [Int64] = [], before: [Int64] = []

    /// Times are kept within these years (a date outside them is taken at the edge).
    static let earliest: Int64 = -2_208_988_800_000  // 1900-01-01
    static let latest: Int64 = 7_258_118_400_000  // 2200-01-01

    init(_ hours: BusinessHours) {
        self.hours = hours
        calendar = hours.calendar
    }

    /// Business milliseconds from `start` to `end`; 0 when `end` is not after `start`.
    func elapsed(from start: Int64, to end: Int64) -> Int64 {
        guard end > start else { return 0 }
        return lock.withLock {
            cover(start, end)
            return value(clamped(end)) - value(clamped(start))
        }
    }

    /// The instants from which exactly `amount` business milliseconds pass until `end`
    /// (`amount` ≥ 0): one instant within business hours, or a stretch outside them (from a
    /// closing to the next opening, the latter `Int64.max` when after `end`).
    func instants(_ amount: Int64, before end: Int64) -> (earliest: Int64, latest: Int64) {
        lock.withLock {
            var span: Int64 = max(amount * 4, 7 * 86_400_000)
            while true {
                cover(end - span, end)
                let target = value(clamped(end)) - amount
                if target > 0 || first <= Self.earliest { return find(target) }
                span *= 2
            }
        }
    }

    private func clamped(_ time: Int64) -> Int64 { min(max(time, Self.earliest), Self.latest) }

    /// The stretch whose business time since the first day is `target`.
    private func find(_ target: Int64) -> (earliest: Int64, latest: Int64) {
        guard target > 0, !opens.isEmpty else { return (Self.earliest, opens.first ?? Self.earliest) }
        // The first day whose business time up to its closing reaches the target.
        var low = 0, high = opens.count
        while low < high {
            let middle = (low + high) / 2
            if before[middle] + closes[middle] - opens[middle] < target { low = middle + 1 } else { high = middle }
        }
        guard low < opens.count else { return (closes[opens.count - 1], Int64.max) }
        let reached = before[low] + closes[low] - opens[low]
        if target < reached {
            let instant = opens[low] + target - before[low]
            return (instant, instant)
        }
        return (closes[low], low + 1 < opens.count ? opens[low + 1] : Int64.max)
    }

    /// Business time since the first day up to `time` (within the days covered).
    private func value(_ time: Int64) -> Int64 {
        var low = 0, high = opens.count
        while low < high {
            let middle = (low + high) / 2
            if opens[middle] <= time { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        let day = low - 1
        return before[day] + min(time, closes[day]) - opens[day]
    }

    /// Makes the table cover `start` to `end` (and a week either side).
    private func cover(_ start: Int64, _ end: Int64) {
        let start = clamped(start), end = clamped(end)
        guard start < first || end >= self.end || opens.isEmpty else { return }
        let week: Int64 = 7 * 86_400_000
        let from = opens.isEmpty ? start - week : min(first, start - week)
        let to = opens.isEmpty ? end + week : max(self.end, end + week)
        build(from: clamped(from), to: clamped(to))
    }

    private func build(from: Int64, to: Int64) {
        opens.removeAll(keepingCapacity: true)
        closes.removeAll(keepingCapacity: true)
        before.removeAll(keepingCapacity: true)
        var day = calendar.startOfDay(for: Timestamp.date(milliseconds: from))
        first = Timestamp.milliseconds(day)
        var total: Int64 = 0
        while Timestamp.milliseconds(day) <= to {
            if let (open, close) = hours.hours(ofDayStarting: day, calendar) {
                let opening = Timestamp.milliseconds(open), closing = Timestamp.milliseconds(close)
                opens.append(opening)
                closes.append(closing)
                before.append(total)
                total += closing - opening
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        end = Timestamp.milliseconds(day)
    }
}

/// Real time, or business time (`[hours]`): what response targets are measured in.
enum TargetClock: Sendable {
    case wall
    case business(BusinessClock)

    /// Milliseconds counted from `start` to `end` (0 when `end` is not after `start`).
    func elapsed(from start: Int64, to end: Int64) -> Int64 {
        switch self {
        case .wall: max(0, end - start)
        case .business(let clock): clock.elapsed(from: start, to: end)
        }
    }

    /// The instants from which exactly `amount` counted milliseconds pass until `end`.
    func instants(_ amount: Int64, before end: Int64) -> (earliest: Int64, latest: Int64) {
        switch self {
        case .wall: (end - amount, end - amount)
        case .business(let clock): clock.instants(amount, before: end)
        }
    }
}
