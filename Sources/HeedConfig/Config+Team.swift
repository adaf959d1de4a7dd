import Foundation
import TOMLKit
import UserFiles

extension Config {
    /// Reads `[team]`: `me`, `password_command` and `people`; a key of the wrong kind is a
    /// problem named by line, the rest is kept.
    static func parseTeam(_ value: TOMLValueConvertible, text: String, file: String, into config: inout Config) -> [ConfigProblem] {
        guard let team = value.table else {
            return [ConfigProblem(file: file, line: line(of: "team", in: KeyLines(text)), key: "team", reason: "must be a table: [team] then me = \"your name\"")]
        }
        var problems: [ConfigProblem] = []
        func problem(_ key: String, _ reason: String) {
            problems.append(ConfigProblem(file: file, line: line(of: key, in: KeyLines(text), section: "team"), key: "team.\(key)", reason: reason))
        }
        for (key, entry) in team {
            switch key {
            case "me":
                if let name = entry.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty { config.team.me = name } else {
                    problem(key, "must be your name in quotes, as your teammates know you")
                }
            case "password_command":
                if let command = entry.string { config.team.passwordCommand = command } else { problem(key, "must be a command in quotes") }
            case "people":
                let names = entry.array?.compactMap { $0.string?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if let names, names.count == entry.array?.count { config.team.people = names } else { problem(key, "must be a list of names in quotes") }
            default:
                problem(key, "unknown key (me, password_command, people)")
            }
        }
        return problems
    }
}
