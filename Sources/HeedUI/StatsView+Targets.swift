import Foundation
import HeedCore
import Screen

/// The stats' part about response targets: per platform and per week, the share answered
/// within target and the breaches.
extension StatsView {
    /// The targets' table and weeks, and what they count; nothing when no targets are set.
    static func targets(_ stats: ResponseStats, width: Int) -> [ReportLine] {
        guard let targets = stats.targets else { return [] }
        let rows = [targets.all] + targets.platforms
        func column(_ header: String, _ priority: Int, _ value: (TargetFigures) -> String) -> ReportColumn {
            ReportColumn(header: header, priority: priority, values: rows.map(value))
        }
        var lines: [ReportLine] = [.blank, ReportLine("Response targets", .title)]
        lines += Report.table(labels: rows.map { ($0.platform?.label ?? "all", $0.platform == nil ? .title : .platform) }, columns: [
            column("within", 2) { Report.number($0.within) },
            column("late", 3) { Report.number($0.answeredLate) },
            column("open late", 3) { Report.number($0.openLate) },
            column("breaches", 1) { Report.number($0.breaches) },
            column("in target", 1) { Report.percent($0.share) },
        ], width: width)
        lines.append(.blank)
        lines += Report.table(labels: targets.weeks.map { ("week of " + String(Timestamp.format($0.start).prefix(10)), .normal) }, columns: [
            ReportColumn(header: "within", priority: 2, values: targets.weeks.map { Report.number($0.figures.within) }),
            ReportColumn(header: "breaches", priority: 1, values: targets.weeks.map { Report.number($0.figures.breaches) }),
            ReportColumn(header: "in target", priority: 1, values: targets.weeks.map { Report.percent($0.figures.share) }),
        ], width: width)
        lines += Report.wrapped("within: answered within the item's response target ([targets] in config.toml; the shortest key that matches it). late: answered after it. open late: not answered and past it now. breaches: late and open late. in target: within ÷ (within + breaches); open items not yet past their target are left out. Weeks run Monday to Sunday (UTC), by arrival.", width: width, role: .dim)
        return lines
    }
}
