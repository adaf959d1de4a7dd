import Foundation
import HeedCore
import TOMLKit
import UserFiles

extension Config {
    /// `[[rules]]`: each entry `when = "query"` and `then = ["ack", "tag:NAME", "snooze:4h",
    /// "priority:5"]` (or one action as a string). An entry with a problem is named by its line
    /// and key (`rules[2].then`) and left out; its number stays its place in the file.
    static func parseRules(_ table: TOMLTable, lines: KeyLines, file: String, into config: inout Config, problems: inout [ConfigProblem]) {
        guard let value = table["rules"] else { return }
        let example = "[[rules]] then when = \"from:spammer\" and then = [\"ack\"]"
        let headers = ruleHeaders(in: lines)
        guard let entries = value.array else {
            problems.append(ConfigProblem(file: file, line: line(of: "rules", in: lines), key: "rules", reason: "must be entries: \(example)"))
            return
        }
        for (index, entry) in entries.enumerated() {
            let number = index + 1
            let header = index < headers.count ? headers[index] : nil
            func problem(_ key: String?, _ reason: String) {
                let place = key.flatMap { key in header.flatMap { line(of: key, in: lines, after: $0) } } ?? header
                problems.append(ConfigProblem(file: file, line: place, key: "rules[\(number)]" + (key.map { "." + $0 } ?? ""), reason: reason))
            }
            guard let rule = entry.table else {
                problem(nil, "must be a table: \(example)")
                continue
            }
            var good = true
            for (name, _) in rule where name != "when" && name != "then" {
                problem(name, "unknown key (when, then)")
                good = false
            }
            var when: (text: String, query: Query)?
            if let written = rule["when"]?.string {
                do {
                    when = (written, try QueryParser.parse(written))
                } catch {
                    problem("when", error.description)
                }
            } else {
                problem("when", rule["when"] == nil ? "is missing: when = \"a search, like from:spammer\"" : "must be a search in quotes, like \"from:spammer\"")
            }
            var actions: [RuleAction] = []
            let written = rule["then"].flatMap { then in then.string.map { [$0] } ?? then.array.map { $0.map { $0.string ?? "" } } }
            if let written, !written.isEmpty {
                for action in written {
                    do {
                        actions.append(try RuleAction(action))
                    } catch {
                        problem("then", error.description)
                        good = false
                    }
                }
            } else {
                problem("then", "must list what to do: then = [\"ack\"], [\"tag:press\"], [\"snooze:4h\"] or [\"priority:5\"]")
                good = false
            }
            if good, let when {
                config.rules.append(Rule(number: number, whenText: when.text, when: when.query, then: actions))
            }
        }
    }

    /// The lines of the `[[rules]]` headers, in order.
    static func ruleHeaders(in lines: KeyLines) -> [Int] {
        lines.rows.enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("[[rules]]") ? index + 1 : nil
        }
    }

    /// The line where `key` is assigned in the table that starts at line `start`.
    static func line(of key: String, in lines: KeyLines, after start: Int) -> Int? {
        for (index, line) in lines.rows.enumerated().dropFirst(start) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") { return nil }
            if trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") { return index + 1 }
        }
        return nil
    }
}
