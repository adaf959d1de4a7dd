import Foundation
import HeedCore
import HeedUI
import XCTest

/// "Tomorrow 9:00", "Monday 9:00" and the times on the status line are reckoned in the settings'
/// calendar, never the machine's: the same keys give another instant in another zone, and the
/// same screen on every machine by default (UTC).
final class CalendarTests: XCTestCase {
    /// Chatham Islands: 13 h 45 min ahead of UTC in November, so its days and UTC's differ.
    let chatham = Settings.calendar(in: TimeZone(identifier: "Pacific/Chatham")!)
    /// Friday 20 November 2026, 09:14 UTC: 22:59 the same Friday on Chatham.
    let now = Sample.now

    func testSnoozeChoicesAreReckonedInTheGivenCalendar() {
        // Saturday 21 November 09:00 on Chatham is 19:15 UTC on Friday.
        XCTAssertEqual(SnoozeChoice.tomorrowMorning.until(from: now, calendar: chatham), Date(timeIntervalSince1970: 1_795_202_100))
        XCTAssertEqual(SnoozeChoice.nextWeek.until(from: now, calendar: chatham), Date(timeIntervalSince1970: 1_795_202_100 + 2 * 86_400))
        let utc = Settings().calendar
        XCTAssertEqual(utc.timeZone.secondsFromGMT(for: now), 0, "the default is the same on every machine")
        XCTAssertEqual(SnoozeChoice.tomorrowMorning.until(from: now, calendar: utc), Date(timeIntervalSince1970: 1_795_251_600))
        XCTAssertEqual(SnoozeChoice.oneHour.until(from: now, calendar: chatham), now.addingTimeInterval(3_600), "an hour is an hour anywhere")
    }

    func testTheSnoozeAndItsStatusLineFollowTheSettingsCalendar() {
        var harness = Harness(TriageReducerTests.five, settings: Settings(calendar: chatham), now: now)
        harness.press(.character("s"), .character("3"), .enter)
        XCTAssertEqual(harness.queue.all.first { $0.mention.id == "1" }?.mention.state, .snoozed(until: Date(timeIntervalSince1970: 1_795_202_100)))
        XCTAssertEqual(harness.state.status?.text, "Snoozed 1 item until Sat 21 Nov 09:00 (u undoes)")
        harness.press(.character("s"), .character("1"), .enter)
        XCTAssertEqual(harness.state.status?.text, "Snoozed 1 item until 23:59 (u undoes)", "later the same Chatham day: the time alone")

        var utc = Harness(TriageReducerTests.five, now: now)
        utc.press(.character("s"), .character("3"), .enter)
        XCTAssertEqual(utc.queue.all.first { $0.mention.id == "1" }?.mention.state, .snoozed(until: Date(timeIntervalSince1970: 1_795_251_600)))
        XCTAssertEqual(utc.state.status?.text, "Snoozed 1 item until Sat 21 Nov 09:00 (u undoes)")
    }
}
