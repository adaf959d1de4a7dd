import Foundation
import HeedCore
import TOMLKit
import UserFiles

extension Config {
    /// `[targets]` (query = duration), `[hours]` (days, from, to, zone), `rank` and `on_breach`.
    static func parseTargets(_ table: TOMLTable, lines: KeyLines, file: String, into config: inout Config, problems: inout [ConfigProblem]) {
        func problem(_ key: String, _ line: Int?, _ reason: String) {
            problems.append(ConfigProblem(file: file, line: line, key: key, reason: reason))
        }
        var hours: BusinessHours?
        if let value = table["hours"] {
            hours = parseHours(value, lines: lines, problem: problem)
        }
        if let value = table["targets"] {
            guard let targets = value.table else {
                return problem("targets", line(of: "targets", in: lines), "must be a table: [targets] then default = \"24h\", \"kind:dm\" = \"1h\"")
            }
            var keys: [ResponseTargets.Key] = []
            for (name, entry) in targets {
                let place = line(of: name, in: lines, section: "targets")
                guard let seconds = entry.string.flatMap(Age.parse), seconds > 0 else {
                    problem("targets.\(name)", place, "must be a duration such as \"1h\", \"4h\" or \"1d\"")
                    continue
                }
                switch targetQuery(name) {
                case .success(let query): keys.append(ResponseTargets.Key(name: name, query: query, seconds: seconds))
                case .failure(let error): problem("targets.\(name)", place, error.description)
                }
            }
            config.targets = keys.isEmpty ? nil : ResponseTargets(keys: keys.sorted { $0.name < $1.name }, hours: hours)
        } else if table["hours"] != nil {
            problem("hours", line(of: "hours", in: lines), "[hours] counts the targets' time, but there is no [targets] table")
        }
        if let value = table["rank"] {
            if let name = value.string, let rank = RankOrder(rawValue: name.lowercased()) { config.rank = rank } else {
                problem("rank", line(of: "rank", in: lines), "must be \"wait\" (the default: longest wait first) or \"priority\" (rules' points first, then wait)")
            }
        }
        if let value = table["on_breach"] {
            let words = value.string.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) } ?? value.array.map { $0.compactMap(\.string) }
            if let words, !words.isEmpty, value.array.map({ $0.count == words.count }) ?? true { config.onBreach = words } else {
                problem("on_breach", line(of: "on_breach", in: lines), "must be a program and its arguments: \"notify-send heed\" or [\"ntfy\", \"publish\", \"heed\"] (no shell)")
            }
        }
    }

    /// A target key as a query: `default` is every item, a platform's name (`mastodon`) its
    /// items; otherwise words, phrases, platform:, kind:, from: and tag: may be used, not terms
    /// of state, age or targets.
    static func targetQuery(_ name: String) -> Result<Query, QueryError> {
        if name == "default" { return .success(Query()) }
        if let platform = Platform(rawValue: name.lowercased()) {
            var query = Query()
            query.platforms = [platform]
            return .success(query)
        }
        let query: Query
        do {
            query = try QueryParser.parse(name)
        } catch {
            return .failure(error)
        }
        guard query.scope == .waiting, query.olderThan == nil, query.newerThan == nil, !query.usesTargets else {
            return .failure(QueryError("a target's key says which items it is for: words, \"phrases\", platform:, kind:, from: and tag: (not is:, age or due terms)"))
        }
        return .success(query)
    }

    /// `[hours]`: days = "Mon-Fri", from = "09:00", to = "17:00", zone = "Europe/Berlin", all
    /// required; nil (the targets then count real time) when any is wrong.
    static func parseHours(_ value: TOMLValueConvertible, lines: KeyLines, problem: (String, Int?, String) -> Void) -> BusinessHours? {
        let example = "[hours] days = \"Mon-Fri\", from = \"09:00\", to = \"17:00\", zone = \"Europe/Berlin\""
        guard let table = value.table else {
            problem("hours", line(of: "hours", in: lines), "must be a table: \(example)")
            return nil
        }
        var days: Set<Int>?, from: Int?, to: Int?, zone: TimeZone?
        var good = true
        for (name, entry) in table {
            let place = line(of: name, in: lines, section: "hours")
            let written = entry.string ?? ""
            switch name {
            case "days": days = BusinessHours.days(written)
            case "from": from = BusinessHours.minutes(written)
            case "to": to = BusinessHours.minutes(written)
            case "zone": zone = TimeZone(identifier: written)
            default:
                problem("hours.\(name)", place, "unknown key (days, from, to, zone)")
                good = false
                continue
            }
            let read = name == "days" ? days != nil : name == "from" ? from != nil : name == "to" ? to != nil : zone != nil
            if !read {
                let reason = ["days": "must be days such as \"Mon-Fri\" or \"Mon,Wed,Fri\"", "from": "must be a time such as \"09:00\"",
                              "to": "must be a time such as \"17:00\" (\"24:00\" for midnight)", "zone": "must be a time zone such as \"Europe/Berlin\" or \"America/New_York\""]
                problem("hours.\(name)", place, reason[name] ?? "")
                good = false
            }
        }
        for (name, missing) in [("days", days == nil), ("from", from == nil), ("to", to == nil), ("zone", zone == nil)] where missing && table[name] == nil {
            problem("hours.\(name)", line(of: "hours", in: lines), "is missing: \(example)")
            good = false
        }
        guard good, let days, let from, let to, let zone else { return nil }
        guard to > from else {
            problem("hours.to", line(of: "to", in: lines, section: "hours"), "must be after from (\(written(from)) to \(written(to)))")
            return nil
        }
        return BusinessHours(days: days, from: from, to: to, zone: zone)
    }

    static func written(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

}
