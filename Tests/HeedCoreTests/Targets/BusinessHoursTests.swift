import Foundation
@testable import HeedCore
import XCTest

/// Business hours: read from config's words, and the targets' clock across weekends, time
/// zones and daylight-saving changes, always in the zone named (never the machine's).
final class BusinessHoursTests: XCTestCase {
    /// An instant given as local time in a zone.
    func at(_ text: String, _ zone: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    func targets(_ days: String = "Mon-Fri", from: String = "09:00", to: String = "17:00", zone: String = "Europe/Berlin") -> ResponseTargets {
        let hours = BusinessHours(days: BusinessHours.days(days)!, from: BusinessHours.minutes(from)!, to: BusinessHours.minutes(to)!, zone: TimeZone(identifier: zone)!)
        return ResponseTargets(keys: [.init(name: "default", query: Query(), seconds: 3_600)], hours: hours)
    }

    /// Hours of business time between two local times.
    func hours(_ targets: ResponseTargets, _ from: String, _ to: String, _ zone: String = "Europe/Berlin") -> Double {
        Double(targets.elapsed(from: at(from, zone), to: at(to, zone))) / 3_600_000
    }

    func testDaysAndTimesAsWritten() {
        XCTAssertEqual(BusinessHours.days("Mon-Fri"), [2, 3, 4, 5, 6])
        XCTAssertEqual(BusinessHours.days("sat,Sunday"), [7, 1])
        XCTAssertEqual(BusinessHours.days("Fri-Mon"), [6, 7, 1, 2], "a range wraps round the week")
        XCTAssertNil(BusinessHours.days("Mo-Fr"))
        XCTAssertNil(BusinessHours.days("Mon-Fri-Sat"))
        XCTAssertEqual(BusinessHours.minutes("09:30"), 570)
        XCTAssertEqual(BusinessHours.minutes("24:00"), 1_440)
        XCTAssertNil(BusinessHours.minutes("9"))
        XCTAssertNil(BusinessHours.minutes("24:30"))
    }

    func testTheClockStopsOutsideHoursAndOverTheWeekend() {
        let office = targets()
        // 2026-11-20 is a Friday.
        XCTAssertEqual(hours(office, "2026-11-20 16:00", "2026-11-23 10:00"), 2, "Friday's last hour and Monday's first")
        XCTAssertEqual(hours(office, "2026-11-21 10:00", "2026-11-22 20:00"), 0, "a weekend counts nothing")
        XCTAssertEqual(hours(office, "2026-11-20 18:00", "2026-11-23 09:00"), 0, "from closing to opening counts nothing")
        XCTAssertEqual(hours(office, "2026-11-16 08:00", "2026-11-23 08:00"), 40, "a whole week is five days of eight hours")
        XCTAssertEqual(hours(office, "2026-11-23 10:00", "2026-11-23 09:00"), 0, "an end before the start counts nothing")
    }

    func testTheZoneNamedIsTheOneCountedIn() {
        // The same instants: 15:00 to 19:00 in Berlin is 09:00 to 13:00 in New York (November).
        let berlin = targets(zone: "Europe/Berlin"), newYork = targets(zone: "America/New_York")
        XCTAssertEqual(hours(berlin, "2026-11-18 15:00", "2026-11-18 19:00"), 2)
        XCTAssertEqual(hours(newYork, "2026-11-18 15:00", "2026-11-18 19:00", "Europe/Berlin"), 4)
        // Weekdays are the zone's: Friday 20:00 UTC is already Saturday 05:00 in Tokyo.
        let tokyo = targets(from: "00:00", to: "24:00", zone: "Asia/Tokyo"), utc = targets(from: "00:00", to: "24:00", zone: "UTC")
        XCTAssertEqual(hours(tokyo, "2026-11-20 20:00", "2026-11-21 02:00", "UTC"), 0)
        XCTAssertEqual(hours(utc, "2026-11-20 20:00", "2026-11-21 02:00", "UTC"), 4)
    }

    func testDaylightSavingChangesCountRealTime() {
        // Berlin moves its clocks forward at 02:00 on 2026-03-29 (a Sunday) and back at 03:00 on 2026-10-25.
        let always = targets("Mon-Sun", from: "00:00", to: "24:00")
        XCTAssertEqual(hours(always, "2026-03-29 00:00", "2026-03-30 00:00"), 23)
        XCTAssertEqual(hours(always, "2026-10-25 00:00", "2026-10-26 00:00"), 25)
        // Hours spanning the change: 01:00 to 04:00 is two real hours on the spring day, four on the autumn one.
        let night = targets("Sun", from: "01:00", to: "04:00")
        XCTAssertEqual(hours(night, "2026-03-29 00:00", "2026-03-29 12:00"), 2)
        XCTAssertEqual(hours(night, "2026-10-25 00:00", "2026-10-25 12:00"), 4)
        // Opening at a time the spring change skips: the clock starts at the first time after it.
        let skipped = targets("Sun", from: "02:30", to: "05:00")
        XCTAssertEqual(hours(skipped, "2026-03-29 00:00", "2026-03-29 12:00"), 2, "03:00 to 05:00")
        // A working week across the autumn change still counts its 40 hours (09:00 to 17:00 never moves).
        XCTAssertEqual(hours(targets(), "2026-10-19 00:00", "2026-10-26 00:00"), 40)
    }

    func testGoingBackIsTheInverseOfCounting() {
        // For every creation time c and amount s: c is at or before the latest instant s back
        // exactly when the time counted from c reaches s, and before the earliest exactly when
        // it passes s (what `is:breached` and `due<` rely on in a store).
        let office = targets()
        let clock = office.clock
        let now = Timestamp.milliseconds(at("2026-11-23 10:30", "Europe/Berlin"))
        var random = UInt64(42)
        func next(_ bound: Int64) -> Int64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((random >> 11) % UInt64(bound))
        }
        let quarterHour: Int64 = 900_000
        for _ in 0..<2_000 {
            let amount = next(40) * quarterHour
            let created = now - next(14 * 96) * quarterHour
            let (earliest, latest) = clock.instants(amount, before: now)
            let counted = clock.elapsed(from: created, to: now)
            XCTAssertEqual(created <= latest, counted >= amount, "created \(created), amount \(amount)")
            XCTAssertEqual(created < earliest, counted > amount, "created \(created), amount \(amount)")
        }
    }
}
