import Foundation
import HeedCore
import TOMLKit
import UserFiles

/// A view saved in config.toml: a tab with its name and its search.
public struct SavedQuery: Sendable, Equatable {
    public var name: String
    public var query: Query
}

extension Config {
    /// The most saved views that become tabs (each is counted as the queue changes).
    public static let maxViews = 100

    /// `[views]` (name = "search", in the file's order) and `[bulk] confirm_above = 20`.
    static func parseTriage(_ table: TOMLTable, lines: KeyLines, text: String, file: String, into config: inout Config, problems: inout [ConfigProblem]) {
        if let value = table["views"] {
            guard let views = value.table else {
                problems.append(ConfigProblem(file: file, line: line(of: "views", in: lines), key: "views", reason: "must be a table: [views] then name = \"platform:mastodon age>4h\""))
                return
            }
            // The written order: TOMLKit's tables do not keep it.
            let written = TableKeys.ordered(in: "views", of: text)
            var found: [(line: Int, view: SavedQuery)] = []
            for (name, entry) in views {
                let place = written.first { $0.key == name }?.line ?? line(of: name, in: lines, section: "views")
                guard let search = entry.string else {
                    problems.append(ConfigProblem(file: file, line: place, key: "views.\(name)", reason: "must be a search in quotes, like \"kind:dm age>4h\""))
                    continue
                }
                do {
                    found.append((place ?? Int.max, SavedQuery(name: name, query: try QueryParser.parse(search))))
                } catch {
                    problems.append(ConfigProblem(file: file, line: place, key: "views.\(name)", reason: error.description))
                }
            }
            let ordered = found.sorted { ($0.line, $0.view.name) < ($1.line, $1.view.name) }
            config.views = ordered.prefix(maxViews).map(\.view)
            if ordered.count > maxViews {
                let first = ordered[maxViews]
                problems.append(ConfigProblem(file: file, line: first.line == Int.max ? nil : first.line, key: "views.\(first.view.name)",
                                              reason: "heed shows at most \(maxViews) views as tabs; this one and \((ordered.count - maxViews - 1).grouped) more after it are left out"))
            }
        }
        if let value = table["bulk"] {
            guard let bulk = value.table else {
                problems.append(ConfigProblem(file: file, line: line(of: "bulk", in: lines), key: "bulk", reason: "must be a table: [bulk] confirm_above = 20"))
                return
            }
            for (name, entry) in bulk {
                guard name == "confirm_above" else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: "bulk"), key: "bulk.\(name)", reason: "unknown key (confirm_above)"))
                    continue
                }
                guard let number = entry.int, number >= 0 else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: "bulk"), key: "bulk.\(name)", reason: "must be a whole number (0 asks every time)"))
                    continue
                }
                config.confirmAbove = number
            }
        }
    }
}
