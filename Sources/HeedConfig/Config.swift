import Foundation
import HeedCore
import TOMLKit
import UserFiles

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
    /// The accounts heed fetches from (`[[accounts]]`), in the file's order.
    public var accounts: [AccountConfig] = []
    /// How heed fetches (`[fetch]`).
    public var fetch = FetchSettings()
    /// `[team]`: who I am in a shared store, how to get its password, and teammates to offer
    /// before they have used the store.
    public var team = Team()

    /// The `[team]` table.
    public struct Team: Sendable, Equatable {
        /// Who I am (`me = "ana"`); nil: the login name.
        public var me: String?
        /// A command printing the team store's password (`password_command = "pass show heed/db"`).
        public var passwordCommand: String?
        /// Teammates to offer in the assignment picker (`people = ["ana", "ben"]`).
        public var people: [String] = []

        public init() {}
    }
    /// Whether the queue takes the mouse (`mouse = false` leaves it to the terminal).
    public var mouse = true
    /// The user's keys (`[keys]`), in the written order, and the file they are written in.
    public var keyEntries: [KeyEntry] = []
    public var keysFile: String?

    /// A config of these handles (compared as `config.toml`'s are: no leading "@", any case) and limits.
    public init(handles: [Platform: Set<String>] = [:], limits: [Platform: Int] = [:]) {
        self.handles = handles.mapValues { Set($0.map(Self.normal)) }
        self.limits = limits
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

    /// A problem in `file`, at `line` and `key` when known.
    public init(file: String, line: Int? = nil, key: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.key = key
        self.reason = reason
    }
}

extension Config {
    /// The largest config.toml heed reads (a larger one is reported and the defaults used).
    public static let maxBytes = 1 << 20

    /// Reads a config file. A missing file is the default config; a broken one is reported and
    /// whatever could be read is kept. Only a plain file of at most `maxBytes` is read (a FIFO
    /// or a device named config.toml is reported, never waited on).
    public static func load(path: String) -> (Config, [ConfigProblem]) {
        switch UserFile.read(path, limit: maxBytes) {
        case .success(let text): return parse(text, file: path)
        case .failure(.missing): return (Config(), [])
        case .failure(let failure): return (Config(), [ConfigProblem(file: path, reason: "\(failure); heed uses the defaults")])
        }
    }

    /// Reads config text; `file` names it in problems.
    public static func parse(_ text: String, file: String) -> (Config, [ConfigProblem]) {
        let table: TOMLTable
        switch TOMLText.parse(text) {
        case .success(let parsed): table = parsed
        case .failure(let problem): return (Config(), [ConfigProblem(file: file, line: problem.line, reason: problem.reason)])
        }
        let lines = KeyLines(text)
        var config = Config()
        var problems: [ConfigProblem] = []
        if let value = table["handles"] {
            guard let handles = value.table else {
                return (config, [ConfigProblem(file: file, line: line(of: "handles", in: lines), key: "handles", reason: "must be a table: [handles] then platform = [\"you@example.social\"]")])
            }
            for (name, entry) in handles {
                let key = "handles.\(name)"
                guard let platform = Platform(name: name) else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: String(key.split(separator: ".")[0])), key: key, reason: "unknown platform (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))"))
                    continue
                }
                let list: [String]? = entry.string.map { [$0] } ?? entry.array.map { array in array.compactMap { $0.string } }
                guard let list, entry.array.map({ $0.count == list.count }) ?? true else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: "handles"), key: key, reason: "must be a handle or a list of handles (strings)"))
                    continue
                }
                config.handles[platform, default: []].formUnion(list.map(normal))
            }
        }
        if let value = table["mouse"] {
            if let on = value.bool { config.mouse = on } else {
                problems.append(ConfigProblem(file: file, line: line(of: "mouse", in: lines), key: "mouse", reason: "must be true or false"))
            }
        }
        if let value = table["theme"] {
            if let name = value.string { config.theme = name } else {
                problems.append(ConfigProblem(file: file, line: line(of: "theme", in: lines), key: "theme", reason: "must be a theme name in quotes (see heed themes)"))
            }
        }
        if let value = table["overdue"] {
            let keys = ["fresh", "due", "late"]
            guard let overdue = value.table else {
                return (config, problems + [ConfigProblem(file: file, line: line(of: "overdue", in: lines), key: "overdue", reason: "must be a table: [overdue] fresh = \"1h\", due = \"4h\", late = \"24h\"")])
            }
            var thresholds = config.overdue
            for (name, entry) in overdue {
                guard let index = keys.firstIndex(of: name) else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: "overdue"), key: "overdue.\(name)", reason: "unknown key (fresh, due, late)"))
                    continue
                }
                guard let seconds = entry.string.flatMap(Age.parse), seconds > 0 else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: "overdue"), key: "overdue.\(name)", reason: "must be a duration such as \"90m\", \"4h\" or \"1d\""))
                    continue
                }
                thresholds[index] = seconds
            }
            if thresholds == thresholds.sorted() { config.overdue = thresholds } else {
                problems.append(ConfigProblem(file: file, line: line(of: "overdue", in: lines), key: "overdue", reason: "fresh, due and late must grow in that order"))
            }
        }
        if let value = table["people"] {
            problems += parsePeople(value, lines: lines, file: file, into: &config)
        }
        if let value = table["limits"] {
            guard let limits = value.table else {
                return (config, problems + [ConfigProblem(file: file, line: line(of: "limits", in: lines), key: "limits", reason: "must be a table: [limits] then platform = number")])
            }
            for (name, entry) in limits {
                let key = "limits.\(name)"
                guard let platform = Platform(name: name) else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: String(key.split(separator: ".")[0])), key: key, reason: "unknown platform (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))"))
                    continue
                }
                guard let limit = entry.int, limit > 0 else {
                    problems.append(ConfigProblem(file: file, line: line(of: name, in: lines, section: "limits"), key: key, reason: "must be a whole number above 0"))
                    continue
                }
                config.limits[platform] = limit
            }
        }
        parseTriage(table, lines: lines, text: text, file: file, into: &config, problems: &problems)
        parseKeys(table, text: text, file: file, into: &config, problems: &problems)
        parseTargets(table, lines: lines, file: file, into: &config, problems: &problems)
        parseRules(table, lines: lines, file: file, into: &config, problems: &problems)
        if let value = table["accounts"] { problems += parseAccounts(value, text: text, file: file, into: &config) }
        if let value = table["fetch"] { problems += parseFetch(value, text: text, file: file, into: &config) }
        if let value = table["team"] { problems += parseTeam(value, text: text, file: file, into: &config) }
        return (config, problems)
    }

    /// The line where a key is assigned (within `[section]` when given) or a table named.
    static func line(of key: String, in lines: KeyLines, section: String? = nil) -> Int? {
        lines.line(of: key, section: section)
    }
}
