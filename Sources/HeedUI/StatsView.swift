import Foundation
import HeedCore
import Screen

/// The stats screen and `heed stats`: what arrived, what was answered and how fast, per
/// platform; the queue by age; received and answered per day. Each figure says what it counts.
public enum StatsView {
    /// Draws the figures on rows 0 to height − 3 (a header, then the report from `scroll`);
    /// nil draws "Counting…". The caller draws the status row and the key bar.
    public static func render(_ stats: ResponseStats?, scroll: Int, width: Int, height: Int, settings: Settings, into buffer: inout ScreenBuffer) {
        guard let stats else {
            Report.draw(header: "heed stats", lines: [.blank, ReportLine("Counting…", .dim)], scroll: 0, width: width, height: height, into: &buffer)
            return
        }
        Report.draw(header: "heed stats  " + period(stats), lines: lines(stats, width: width - 2, settings: settings),
                    scroll: scroll, width: width, height: height, into: &buffer)
    }

    /// The furthest the screen scrolls at this size.
    public static func maxScroll(_ stats: ResponseStats?, width: Int, height: Int, settings: Settings) -> Int {
        guard let stats else { return 0 }
        return Report.maxScroll(lines: lines(stats, width: width - 2, settings: settings).count, height: height)
    }

    /// The report as plain lines for standard output, `width` cells wide.
    public static func text(_ stats: ResponseStats, width: Int = 80, settings: Settings = Settings()) -> [String] {
        Report.text(lines(stats, width: width, settings: settings), width: width)
    }

    /// The period in a word or two for the header: "last 1w" or "everything".
    static func period(_ stats: ResponseStats) -> String {
        stats.since.map { "last \(Age.typed(stats.now.timeIntervalSince($0)))" } ?? "everything"
    }

    /// Every line of the report for `width` cells of text.
    static func lines(_ stats: ResponseStats, width: Int, settings: Settings) -> [ReportLine] {
        var lines: [ReportLine] = []
        let when = stats.since.map { "in the last \(Age.typed(stats.now.timeIntervalSince($0))) (since \(Timestamp.display($0)))" } ?? "at any time (everything in the store)"
        lines += Report.wrapped("Items received \(when), as of \(Timestamp.display(stats.now)).", width: width, role: .normal)
        lines.append(.blank)
        lines += answers(stats, width: width)
        lines.append(.blank)
        lines += times(stats, width: width)
        lines += targets(stats, width: width)
        lines.append(.blank)
        if !stats.people.isEmpty {
            lines += people(stats.people, width: width)
            lines.append(.blank)
        }
        lines += waiting(stats, width: width, settings: settings)
        lines.append(.blank)
        lines += days(stats, width: width)
        if let outbox = stats.outbox {
            lines.append(.blank)
            lines += Report.wrapped("Replies heed posted: \(outbox.sent) sent · \(outbox.pending) pending"
                                    + (outbox.failed > 0 ? " (\(outbox.failed) failed)" : "") + " · \(outbox.unknown) unknown", width: width, role: .normal)
        }
        return lines
    }

    /// The table rows: all platforms together, then each platform.
    static func rows(_ stats: ResponseStats) -> [AnswerFigures] { [stats.all] + stats.platforms }

    /// The table rows' labels.
    static func labels(_ stats: ResponseStats) -> [(String, Role)] {
        rows(stats).map { ($0.platform?.label ?? "all", $0.platform == nil ? .title : .platform) }
    }

    /// Received and answered per platform, and what each column counts.
    static func answers(_ stats: ResponseStats, width: Int) -> [ReportLine] {
        let rows = rows(stats)
        func column(_ header: String, _ priority: Int, _ value: (AnswerFigures) -> String) -> ReportColumn {
            ReportColumn(header: header, priority: priority, values: rows.map(value))
        }
        var lines = [ReportLine("Answers", .title)]
        lines += Report.table(labels: labels(stats), columns: [
            column("received", 1) { Report.number($0.received) },
            column("answered", 1) { Report.number($0.answered) },
            column("replied", 3) { Report.number($0.replied) },
            column("acked", 3) { Report.number($0.acknowledged) },
            column("waiting", 2) { Report.number($0.waiting) },
            column("snoozed", 4) { Report.number($0.snoozed) },
            column("rate", 1) { Report.percent($0.responseRate) },
            column("given", 2) { Report.number($0.answersGiven) },
        ], width: width)
        lines += Report.wrapped("received: items that arrived in the period. answered: replied to, or acknowledged (seen, no reply needed). waiting, snoozed: not answered yet. rate: answered ÷ received, so whatever still waits or is snoozed counts against it.", width: width, role: .dim)
        lines += Report.wrapped("acked: acknowledged. given: answers given in the period to items of any age (the per-day column), older ones included.", width: width, role: .dim)
        return lines
    }

    /// Time to answer per platform, and how it is measured.
    static func times(_ stats: ResponseStats, width: Int) -> [ReportLine] {
        let rows = rows(stats)
        func column(_ header: String, _ priority: Int, _ value: (AnswerFigures) -> String) -> ReportColumn {
            ReportColumn(header: header, priority: priority, values: rows.map(value))
        }
        func share(_ index: Int) -> (AnswerFigures) -> String {
            { Report.percent(index < $0.within.count ? $0.within[index].share : nil) }
        }
        var lines = [ReportLine("Time to answer", .title)]
        lines += Report.table(labels: labels(stats), columns: [
            column("answered", 4) { Report.number($0.timed) },
            column("median", 1) { Report.duration($0.medianSeconds) },
            column("p90", 2) { Report.duration($0.p90Seconds) },
            column("≤1h", 3, share(0)),
            column("≤4h", 3, share(1)),
            column("≤24h", 2, share(2)),
        ], width: width)
        var note = "From an item's arrival to its reply or acknowledgement, so time snoozed counts as waiting. median, p90: half of the answered items were answered faster than the median, nine in ten faster than p90. ≤1h: the share answered within 1 hour, out of the answered items and those still unanswered after 1 hour; unanswered items younger than that may yet make it and are left out. Likewise ≤4h, ≤24h."
        let untimed = stats.all.answered - stats.all.timed
        if untimed > 0 { note += " \(Report.number(untimed)) answered items have no time of answer and are left out of the times." }
        lines += Report.wrapped(note, width: width, role: .dim)
        return lines
    }

    /// `heed stats --by person`: the people's table as plain lines, `width` cells wide.
    public static func peopleText(_ people: [PersonFigures], width: Int = 80) -> [String] {
        Report.text(self.people(people, width: width), width: width)
    }

    /// Answers per person of the team, and how fast each answered.
    static func people(_ people: [PersonFigures], width: Int) -> [ReportLine] {
        let columns: [(header: String, priority: Int, value: (PersonFigures) -> String)] = [
            ("answered", 1, { Report.number($0.answered) }), ("replied", 3, { Report.number($0.replied) }),
            ("acknowledged", 3, { Report.number($0.acknowledged) }), ("median", 1, { Report.duration($0.medianSeconds) }),
            ("p90", 2, { Report.duration($0.p90Seconds) }),
        ]
        let labels = people.map { ($0.person ?? "(no one named)", $0.person == nil ? Role.dim : .author) }
        var lines = [ReportLine("By person", .title)]
        lines += Report.table(labels: labels, columns: columns.map { ReportColumn(header: $0.header, priority: $0.priority, values: people.map($0.value)) }, width: width)
        lines += Report.wrapped("Items received in the period that each person answered, and how long they had waited for it. (no one named): answers from before the team shared the store, and replies seen in imports.", width: width, role: .dim)
        return lines
    }

    /// The queue by age as bars coloured by how overdue each bucket is.
    static func waiting(_ stats: ResponseStats, width: Int, settings: Settings) -> [ReportLine] {
        let total = stats.waitingAges.reduce(0) { $0 + $1.count }
        var lines = [ReportLine([Span("Waiting now, by age", .title), Span("  \(Report.number(total)) items", .normal)])]
        let labelWidth = max(10, stats.waitingAges.map { Glyphs.width($0.label) }.max() ?? 0) + 1
        let countWidth = stats.waitingAges.map { Glyphs.width(Report.number($0.count)) }.max() ?? 1
        let cells = min(60, max(1, width - labelWidth - countWidth - 2))
        let largest = stats.waitingAges.map(\.count).max() ?? 0
        for bucket in stats.waitingAges {
            let bar = Report.bar(bucket.count, of: largest, cells: cells)
            lines.append(ReportLine([
                Span(Report.pad(bucket.label, labelWidth), .normal),
                Span(Report.pad(bar, cells + 1), Report.ageRole(bucket.fromSeconds, settings)),
                Span(Report.padLeft(Report.number(bucket.count), countWidth), .normal),
            ]))
        }
        lines += Report.wrapped("The whole queue as it stands, whatever the period; snoozed items are not in it.", width: width, role: .dim)
        return lines
    }

    /// The trend's title: per day, or per span of days for a long period.
    static func trendTitle(_ days: [DayCount]) -> String {
        switch days.first?.days ?? 1 {
        case 1: "Per day (UTC)"
        case 7: "Per week (UTC, 7 days from the date shown)"
        case 30: "Per 30 days (UTC, from the date shown)"
        case 365: "Per year (UTC, 365 days from the date shown)"
        case let length: "Per \(length) days (UTC, from the date shown)"
        }
    }

    /// Received and answers given per day (or span of days) over the period, as bars on one scale.
    static func days(_ stats: ResponseStats, width: Int) -> [ReportLine] {
        let daily = (stats.days.first?.days ?? 1) == 1
        let labelWidth = daily ? 10 : 11
        let countWidth = max(3, stats.days.map { max(Glyphs.width(Report.number($0.received)), Glyphs.width(Report.number($0.answered))) }.max() ?? 0)
        let half = max(4, (width - labelWidth) / 2)
        let cells = min(40, max(1, half - countWidth - 2))
        let largest = stats.days.map { max($0.received, $0.answered) }.max() ?? 0
        var lines = [ReportLine(trendTitle(stats.days), .title)]
        lines.append(ReportLine(Report.pad("", labelWidth) + Report.pad("received", cells + countWidth + 2) + "answers given", .detailLabel))
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        for day in stats.days {
            let number = DayCount.dayNumber(day.start)
            let date = Timestamp.format(day.start)
            let label = daily ? String(date.dropFirst(5).prefix(5)) + " " + weekdays[Int(((number % 7) + 7) % 7)] : String(date.prefix(10))
            lines.append(ReportLine([
                Span(Report.pad(label, labelWidth), .normal),
                Span(Report.pad(Report.bar(day.received, of: largest, cells: cells), cells + 1), .platform),
                Span(Report.padLeft(Report.number(day.received), countWidth) + "  ", .normal),
                Span(Report.pad(Report.bar(day.answered, of: largest, cells: cells), cells + 1), .ageFresh),
                Span(Report.padLeft(Report.number(day.answered), countWidth), .normal),
            ]))
        }
        let span = daily ? "that day" : "in those days"
        lines += Report.wrapped("received: arrived \(span). answers given: replies and acknowledgements \(span), to items of any age. Each sums to its column above. Today so far.", width: width, role: .dim)
        return lines
    }
}
