import Foundation
import HeedCore
import TOMLKit

/// What `config.toml` says. Every setting has a default, so a missing file is an empty config.
public struct Config: Sendable, Equatable {
    /// The user's own accounts per platform: their posts are not queued, and their replies mark
    /// the items they answer as replied elsewhere. Compared without a leading "@", case-insensitively.
    public var handles: [Platform: Set<String>] = [:]
    /// Reply limits that override the platform defaults (`[limits] mastodon = 1000`).
    public var limits: [Platform: Int] = [:]
    /// The theme to draw with (`theme = "light"`); nil for the default.
    public var theme: String?
    /// When an age turns from fresh to due, due to late, late to overdue (seconds):
    /// what customers expect of a brand on social media, 1 hour, 4 hours, 24 hours.
    public var overdue: [TimeInterval] = [3_600, 14_400, 86_400]
    /// Saved views, shown as tabs (`[views] "Late DMs" = "kind:dm age>4h"`).
    public var views: [SavedQuery] = []
    /// Bulk actions on more items than this ask first (`[bulk] confirm_above = 20`).
    public var confirmAbove = 20
    /// People known by several accounts (`[people] alice = ["mastodon:alice@example.social", "x:alice"]`),
    /// so an author's history covers all of them.
    public var people: [String: [Identity]] = [:]
    /// How long items may wait (`[targets]`, counted in `[hours]` when set); nil when none are set.
    public var targets: ResponseTargets?
    /// `[[rules]]`, in file order (a rule that could not be read is left out, its number kept).
    public var rules: [Rule] = []
    /// `rank = "priority"`: priority points first, then wait.
    public var rank = RankOrder.wait
    /// `on_breach`: the program (and its arguments) run once for each item that passes its target.
    public var onBreach: [String]?

    public init(handles: [Platform: Set<String>] = [:], limits: [Platform: Int] = [:]) {
        self.handles = handles
        self.limits = limits
    }

    /// Whether a handle on a platform is one of the user's own.
    public func isOwn(_ platform: Platform, _ handle: String?) -> Bool {
        guard let handle, let own = handles[platform], !own.isEmpty else { return false }
        return own.contains(Self.normal(handle))
    }

    static func normal(_ handle: String) -> String {
        (handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()
    }

    /// The config file's default place: `$XDG_CONFIG_HOME/heed/config.toml`.
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["XDG_CONFIG_HOME"], folder.hasPrefix("/") { return folder + "/heed/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/heed/config.toml"
    }
}

/// A config file that could not be read, named by file, line and key.
public struct ConfigProblem: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var key: String?
    public var reason: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let key { place += " (\(key))" }
        return "\(place): \(reason)"
    }
}

extension Config {
    /// Reads a config file. A missing file is the default config; a broken one is reported and
    /// whatever could be read is kept.
    public static func load(path: String) -> (Config, [ConfigProblem]) {
        guard FileManager.default.fileExists(atPath: path) else { return (Config(), []) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (Config(), [ConfigProblem(file: path, reason: "cannot read the file (is it UTF-8?)")])
        }
        return parse(text, file: path)
    }

    /// Reads config text; `file` names it in problems.
    public static func parse(_ text: String, file: String) -> (Config, [ConfigProblem]) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return (Config(), [ConfigProblem(file: file, line: Int(error.source.begin.line), reason: error.description)])
        } catch {
            return (Config(), [ConfigProblem(file: file, reason: "\(error)")])
        }
        var config = Config()
        var problems: [ConfigProblem] = []
        if let value = table["handles"] {
            guard let handles = value.table else {
                return (config, [ConfigProblem(file: file, line: line(of: "handles", in: text), key: "handles", reason: "must be a table: [handles] then platform = [\"you@example.social\"]")])
            }
            for (name, entry) in handles {
                let key = "handles.\(name)"
                guard let platform = Platform(name: name) else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: text, section: String(key.split(separator: ".")[0])), key: key, reason: "unknown platform (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))"))
                    continue
                }
                let list: [String]? = entry.string.map { [$0] } ?? entry.array.map { array in array.compactMap { $0.string } }
                guard let list, entry.array.map({ $0.count == list.count }) ?? true else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: text, section: "handles"), key: key, reason: "must be a handle or a list of handles (strings)"))
                    continue
                }
                config.handles[platform, default: []].formUnion(list.map(normal))
            }
        }
        if let value = table["theme"] {
            if let name = value.string { config.theme = name } else {
                problems.append(ConfigProblem(file: file, line: line(of: "theme", in: text), key: "theme", reason: "must be a theme name in quotes (see heed themes)"))
            }
        }
        if let value = table["overdue"] {
            let keys = ["fresh", "due", "late"]
            guard let overdue = value.table else {
                return (config, problems + [ConfigProblem(file: file, line: line(of: "overdue", in: text), key: "overdue", reason: "must be a table: [overdue] fresh = \"1h\", due = \"4h\", late = \"24h\"")])
            }
            var thresholds = config.overdue
            for (name, entry) in overdue {
                guard let index = keys.firstIndex(of: name) else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: text, section: "overdue"), key: "overdue.\(name)", reason: "unknown key (fresh, due, late)"))
                    continue
                }
                guard let seconds = entry.string.flatMap(Age.parse), seconds > 0 else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: text, section: "overdue"), key: "overdue.\(name)", reason: "must be a duration such as \"90m\", \"4h\" or \"1d\""))
                    continue
                }
                thresholds[index] = seconds
            }
            if thresholds == thresholds.sorted() { config.overdue = thresholds } else {
                problems.append(ConfigProblem(file: file, line: line(of: "overdue", in: text), key: "overdue", reason: "fresh, due and late must grow in that order"))
            }
        }
        if let value = table["people"] {
            problems += parsePeople(value, text: text, file: file, into: &config)
        }
        if let value = table["limits"] {
            guard let limits = value.table else {
                return (config, problems + [ConfigProblem(file: file, line: line(of: "limits", in: text), key: "limits", reason: "must be a table: [limits] then platform = number")])
            }
            for (name, entry) in limits {
                let key = "limits.\(name)"
                guard let platform = Platform(name: name) else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: text, section: String(key.split(separator: ".")[0])), key: key, reason: "unknown platform (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))"))
                    continue
                }
                guard let limit = entry.int, limit > 0 else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: text, section: "limits"), key: key, reason: "must be a whole number above 0"))
                    continue
                }
                config.limits[platform] = limit
            }
        }
        parseTriage(table, text: text, file: file, into: &config, problems: &problems)
        parseTargets(table, text: text, file: file, into: &config, problems: &problems)
        parseRules(table, text: text, file: file, into: &config, problems: &problems)
        return (config, problems)
    }

    /// The line where a key is assigned (within `[section]` when given) or a table named.
    static func line(of key: String, in text: String, section: String? = nil) -> Int? {
        var current: String?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "[\(key)]" { return index + 1 }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") { current = String(trimmed.dropFirst().dropLast()); continue }
            guard current == section else { continue }
            if trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") { return index + 1 }
        }
        return nil
    }
}
