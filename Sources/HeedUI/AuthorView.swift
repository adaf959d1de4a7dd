import Foundation
import HeedCore
import Screen

/// The history with one author: how often they wrote and were answered, how fast, the last
/// exchange, and their recent items with state and age.
public enum AuthorView {
    /// Draws the history of `name` on rows 0 to height − 3 (a header, then the report from
    /// `scroll`); nil draws "Counting…". The caller draws the status row and the key bar.
    public static func render(_ history: AuthorHistory?, name: String, scroll: Int, width: Int, height: Int, now: Date, settings: Settings, into buffer: inout ScreenBuffer) {
        let header = "heed  history with " + name
        guard let history else {
            Report.draw(header: header, lines: [.blank, ReportLine("Counting…", .dim)], scroll: 0, width: width, height: height, into: &buffer)
            return
        }
        Report.draw(header: header, lines: lines(history, width: width - 2, now: now, settings: settings),
                    scroll: scroll, width: width, height: height, into: &buffer)
    }

    /// The furthest the screen scrolls at this size.
    public static func maxScroll(_ history: AuthorHistory?, width: Int, height: Int, now: Date, settings: Settings) -> Int {
        guard let history else { return 0 }
        return Report.maxScroll(lines: lines(history, width: width - 2, now: now, settings: settings).count, height: height)
    }

    /// Every line of the history for `width` cells of text.
    static func lines(_ history: AuthorHistory, width: Int, now: Date, settings: Settings) -> [ReportLine] {
        var lines = Report.wrapped("Accounts: " + history.identities.map(\.description).joined(separator: " · "), width: width, role: .detailLabel)
        lines.append(.blank)
        if !history.complete {
            lines += Report.wrapped("Counted so far: their items are found through the search index, which is still taking in a large import.", width: width, role: .dim)
            lines.append(.blank)
        }
        guard history.total > 0 else {
            lines.append(ReportLine("Nothing from them in the store.", .normal))
            return lines
        }
        let times = history.total == 1 ? "once" : "\(Report.number(history.total)) times"
        let since = history.firstAt.map { ", first on \(Timestamp.display($0))" } ?? ""
        var summary = "They wrote \(times)\(since). Answered \(Report.number(history.answered)) (\(Report.percent(AnswerFigures.rate(history.answered, of: history.total)))): \(Report.number(history.replied)) replied, \(Report.number(history.acknowledged)) acknowledged."
        if history.waiting > 0 { summary += " \(Report.number(history.waiting)) waiting." }
        if history.snoozed > 0 { summary += " \(Report.number(history.snoozed)) snoozed." }
        lines += Report.wrapped(summary, width: width, role: .normal)
        if let median = history.medianSeconds {
            lines += Report.wrapped("Median time to answer: \(Age.words(median)) (of \(Report.number(history.timed)) answered with a known time).", width: width, role: .normal)
        }
        lines.append(.blank)
        lines += lastExchange(history, width: width, now: now, settings: settings)
        lines.append(.blank)
        lines.append(ReportLine([Span("Recent", .title), Span("  newest first", .dim)]))
        lines += history.recent.map { row($0, width: width, now: now, settings: settings) }
        return lines
    }

    /// Their newest item and how it was answered; when it waits, the last one that was answered.
    static func lastExchange(_ history: AuthorHistory, width: Int, now: Date, settings: Settings) -> [ReportLine] {
        guard let latest = history.latest else { return [] }
        var lines = [ReportLine("Last exchange", .title)]
        lines.append(ReportLine([Span("They wrote on \(latest.platform.label), \(Timestamp.display(latest.createdAt)): ", .detailLabel), Span(latest.text, .normal)]))
        if let answer = answer(latest) {
            lines += Report.wrapped(answer, width: width, role: .normal)
            return lines
        }
        let waited = latest.waited(at: now)
        let state = latest.state.name == "snoozed" ? "snoozed" : "waiting"
        lines.append(ReportLine("Not answered yet: \(state) for \(Age.words(waited)).", Report.ageRole(waited, settings)))
        if let before = history.lastAnswered, let answer = answer(before) {
            lines.append(ReportLine([Span("Before that, on \(before.platform.label), \(Timestamp.display(before.createdAt)): ", .detailLabel), Span(before.text, .normal)]))
            lines += Report.wrapped(answer, width: width, role: .normal)
        }
        return lines
    }

    /// "You replied 2h 5m later (2026-11-20 11:19 UTC)." for an answered item; nil otherwise.
    static func answer(_ mention: Mention) -> String? {
        guard let at = mention.state.answeredAt else { return nil }
        let how = mention.state.name == "replied" ? "You replied" : "You acknowledged it"
        guard at >= mention.createdAt else { return "\(how) (at a time not recorded)." }
        return "\(how) \(Age.words(at.timeIntervalSince(mention.createdAt))) later (\(Timestamp.display(at)))."
    }

    /// One recent item: age, state (and how fast it was answered), platform, the start of the text.
    static func row(_ mention: Mention, width: Int, now: Date, settings: Settings) -> ReportLine {
        let waited = mention.waited(at: now)
        let state: String
        if let at = mention.state.answeredAt {
            let verb = mention.state.name == "replied" ? "replied" : "acked"
            state = at >= mention.createdAt ? "\(verb) in \(Age.words(at.timeIntervalSince(mention.createdAt)))" : verb
        } else {
            state = mention.state.name
        }
        var spans = [
            Span(Report.padLeft(Age.words(waited), 7) + "  ", mention.state.answeredAt == nil ? Report.ageRole(waited, settings) : .dim),
            Span(Report.pad(state, 17), mention.state.answeredAt == nil ? .status : .normal),
        ]
        if width >= 60 { spans.append(Span(Report.pad(mention.platform.label, 11), .platform)) }
        spans.append(Span(mention.text, .normal))
        return ReportLine(spans)
    }
}
