import Foundation
import HeedCore
import TOMLKit
import UserFiles

/// Where a secret comes from: a command run by the user's shell, or an environment variable.
/// Never the secret itself: config.toml holds no secret.
public enum SecretSource: Sendable, Equatable {
    case command(String)
    case environment(String)
}

/// One `[[accounts]]` entry: a platform account heed fetches from (and will send with), or a
/// command whose output heed imports.
public struct AccountConfig: Sendable, Equatable {
    /// The platform; nil for a command whose output is detected like `heed import -`.
    public var platform: Platform?
    /// The command heed runs (by the user's shell) and imports the output of.
    public var command: String?
    /// The format of the command's output, when detection should not decide (`heed import --format`'s names).
    public var format: String?
    /// The name the user calls it by (`heed fetch work`).
    public var name: String?
    /// The API base, without a trailing slash (the platform's default when not given).
    public var server: String?
    /// The user's handle there (for Bluesky the sign-in identifier).
    public var handle: String?
    /// The platform's other settings (`client_id`, `channel_id`, `user_id`, `page_id`).
    public var settings: [String: String] = [:]
    /// Where each secret comes from, by its name (`token`, `password`).
    public var secrets: [String: SecretSource] = [:]
    /// Its place in config.toml: the entry's number (from 1) and the line of its `[[accounts]]`.
    public var index: Int
    public var line: Int?

    /// An entry as config.toml would give it (its secrets and settings set after).
    public init(platform: Platform?, command: String? = nil, name: String? = nil, server: String? = nil, handle: String? = nil, index: Int = 1) {
        self.platform = platform
        self.command = command
        self.name = name
        self.server = server
        self.handle = handle
        self.index = index
    }

    /// How heed names it in summaries and messages: `mastodon you@example.social`, `github
    /// work` (a name), `command gh-notifications` (a command's name, else its first word).
    public var label: String {
        let kind = platform?.rawValue ?? "command"
        if let platform, let handle, command == nil { return "\(platform.rawValue) \(handle)" }
        if let name { return "\(kind) \(name)" }
        if let handle { return "\(kind) \(handle)" }
        if let command { return "\(kind) \(command.split(separator: " ").first.map(String.init) ?? command)" }
        return kind
    }

    /// What keeps its cursors in the store apart from every other account's.
    public var key: String {
        if let command { return "command \(name ?? command)" }
        return [platform?.rawValue ?? "", handle?.lowercased() ?? name ?? "", server ?? ""].joined(separator: " ")
    }

    /// Whether `heed fetch SELECTOR` means this account: its name, `platform:handle`, or the platform alone.
    public func matches(_ selector: String) -> Bool {
        if let name, selector.caseInsensitiveCompare(name) == .orderedSame { return true }
        let parts = selector.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let platform, Platform(name: first) == platform else { return false }
        guard parts.count == 2 else { return true }
        let asked = Config.normal(parts[1])
        return handle.map(Config.normal) == asked || name.map { $0.lowercased() } == asked
    }
}

/// How heed fetches: `[fetch] every = "10m"` in the open queue, how far back a first fetch
/// goes, and the longest wait for a rate limit.
public struct FetchSettings: Sendable, Equatable {
    /// Fetch in the background this often while the queue is open; nil: only on `F`.
    public var every: TimeInterval?
    /// How far back an account's first fetch goes.
    public var since: TimeInterval = 30 * 86_400
    /// The longest heed waits for a rate limit before giving up on the account.
    public var maxWait: TimeInterval = 300

    /// The defaults: no background fetch, 30 days back, five minutes of waiting at most.
    public init() {}
}

extension Config {
    /// Reads `[[accounts]]`: each entry checked against its platform's `AccountSpec`; a broken
    /// entry is named by line and key and left out.
    static func parseAccounts(_ value: TOMLValueConvertible, text: String, file: String, into config: inout Config) -> [ConfigProblem] {
        guard let entries = value.array else {
            return [ConfigProblem(file: file, line: line(of: "accounts", in: KeyLines(text)), key: "accounts", reason: "must be [[accounts]] tables, one per account")]
        }
        var problems: [ConfigProblem] = []
        for (offset, entry) in entries.enumerated() {
            let index = offset + 1
            let place = { (key: String?) in accountLine(index, key: key, in: text) }
            guard let table = entry.table else {
                problems.append(ConfigProblem(file: file, line: place(nil), key: "accounts[\(index)]", reason: "must be a table"))
                continue
            }
            var entryProblems: [ConfigProblem] = []
            let account = parseAccount(table, index: index) { key, reason in
                entryProblems.append(ConfigProblem(file: file, line: place(key), key: "accounts[\(index)]" + (key.map { ".\($0)" } ?? ""), reason: reason))
            }
            if var account, entryProblems.isEmpty {
                if config.accounts.contains(where: { $0.label == account.label }) {
                    problems.append(ConfigProblem(file: file, line: place(nil), key: "accounts[\(index)]", reason: "another entry is already \(account.label): give one of them a name = \"…\""))
                    continue
                }
                account.line = place(nil)
                if let platform = account.platform, let handle = account.handle { config.handles[platform, default: []].insert(normal(handle)) }
                config.accounts.append(account)
            }
            problems += entryProblems
        }
        return problems
    }

    /// One entry, or nil when it cannot be an account; `problem` hears what is wrong, by key.
    static func parseAccount(_ table: TOMLTable, index: Int, problem: (String?, String) -> Void) -> AccountConfig? {
        func string(_ key: String) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                problem(key, "must be text in quotes")
                return nil
            }
            return text
        }
        let command = string("command")
        var platform: Platform?
        var spec: AccountSpec?
        if let name = string("platform") {
            platform = Platform(name: name)
            spec = platform.flatMap { AccountSpec.all[$0] }
            if platform == nil {
                problem("platform", "unknown platform (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))")
                return nil
            }
            if spec == nil, command == nil {
                problem("platform", "heed cannot fetch from \(name) itself: use command = \"…\" with a script that prints what its API returns")
                return nil
            }
        } else if command == nil {
            problem(nil, "needs platform = \"…\" (one of \(AccountSpec.all.keys.map(\.rawValue).sorted().joined(separator: ", "))), or command = \"…\"")
            return nil
        }
        var account = AccountConfig(platform: platform, command: command, name: string("name"), index: index)
        account.handle = string("handle")
        account.format = string("format")
        if account.format != nil, command == nil { problem("format", "only a command = \"…\" source takes a format") }
        let allowedSecrets = command == nil ? (spec?.secretNames ?? []) : []
        let allowedSettings = command == nil ? Set(spec?.settings.keys.map { $0 } ?? []) : []
        for key in table.keys.sorted() where !AccountSpec.commonKeys.contains(key) {
            let base = key.hasSuffix("_command") ? String(key.dropLast(8)) : key.hasSuffix("_env") ? String(key.dropLast(4)) : nil
            if let base, allowedSecrets.contains(base) { continue }
            if allowedSettings.contains(key) {
                account.settings[key] = string(key)
            } else if allowedSecrets.contains(key) || ["token", "password", "client_secret", "api_key", "secret"].contains(key) {
                problem(key, "secrets are never written in config.toml: give \(key)_command = \"pass show …\" (run by your shell) or \(key)_env = \"NAME\" (an environment variable)")
            } else {
                let known = command != nil ? ["name", "platform", "handle", "format"] : ["name", "server", "handle"] + allowedSecrets.flatMap { ["\($0)_command", "\($0)_env"] } + allowedSettings.sorted()
                problem(key, "unknown key here (known: \(known.joined(separator: ", ")))")
            }
        }
        if command != nil {
            if table["server"] != nil { problem("server", "a command = \"…\" source has no server: the command fetches") }
            return account
        }
        guard let spec else { return nil }
        account.secrets = secrets(table, spec: spec, problem: problem)
        account.server = server(string("server") ?? spec.defaultServer, spec: spec, problem: problem)
        if spec.needsHandle, account.handle == nil { problem("handle", "\(spec.platform.rawValue) needs handle = \"…\" (your user name there)") }
        for (key, required) in spec.settings where required && account.settings[key] == nil {
            problem(key, "\(spec.platform.rawValue) needs \(key) = \"…\"")
        }
        if !spec.oneOfSettings.isEmpty, !spec.oneOfSettings.contains(where: { $0 == "handle" ? account.handle != nil : account.settings[$0] != nil }) {
            problem(nil, "\(spec.platform.rawValue) needs one of \(spec.oneOfSettings.joined(separator: " or "))")
        }
        return account
    }

    /// The secrets of an entry: `NAME_command` or `NAME_env` for each the platform takes.
    static func secrets(_ table: TOMLTable, spec: AccountSpec, problem: (String?, String) -> Void) -> [String: SecretSource] {
        var found: [String: SecretSource] = [:]
        for secret in spec.secrets {
            let command = table["\(secret.name)_command"]
            let environment = table["\(secret.name)_env"]
            switch (command?.string, environment?.string) {
            case (let command?, nil) where !command.trimmingCharacters(in: .whitespaces).isEmpty:
                found[secret.name] = .command(command)
            case (nil, let name?) where !name.isEmpty && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }):
                found[secret.name] = .environment(name)
            case (_?, _?):
                problem("\(secret.name)_command", "give \(secret.name)_command or \(secret.name)_env, not both")
            case (nil, nil) where command != nil || environment != nil:
                problem(command != nil ? "\(secret.name)_command" : "\(secret.name)_env", "must be text in quotes")
            case (nil, nil):
                if secret.required { problem(nil, "\(spec.platform.rawValue) needs \(secret.name)_command = \"…\" or \(secret.name)_env = \"NAME\": \(secret.what)") }
            default:
                problem(command != nil ? "\(secret.name)_command" : "\(secret.name)_env", command != nil ? "must be a command" : "must be an environment variable's name (letters, digits, _)")
            }
        }
        if !spec.oneOf.isEmpty, !spec.oneOf.contains(where: { found[$0] != nil }) {
            problem(nil, "\(spec.platform.rawValue) needs one of \(spec.oneOf.map { "\($0)_command" }.joined(separator: " or ")) (or their _env)")
        }
        return found
    }

    /// The API base: https, or plain http only to this machine (a token must not cross a network in clear).
    static func server(_ written: String?, spec: AccountSpec, problem: (String?, String) -> Void) -> String? {
        guard let written else {
            problem("server", "\(spec.platform.rawValue) needs server = \"https://…\" (the address of your \(spec.platform == .wordpress ? "site" : "server"))")
            return nil
        }
        var text = written
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil else {
            problem("server", "must be an address such as \"https://example.social\"")
            return nil
        }
        if scheme == "http", !isLoopback(host) {
            problem("server", "plain http would send your secrets unencrypted: use https (plain http only to this machine: localhost, 127.0.0.1, ::1)")
            return nil
        }
        guard scheme == "https" || scheme == "http" else {
            problem("server", "must start with https://")
            return nil
        }
        return text
    }

    /// Whether a host is this machine: `localhost`, 127.0.0.0/8, ::1.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The line of `key` inside the `index`th `[[accounts]]` table (the table's own line for nil).
    static func accountLine(_ index: Int, key: String?, in text: String) -> Int? {
        var seen = 0
        var inside = false
        var header: Int?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                inside = false
                if trimmed.hasPrefix("[[accounts]]") {
                    seen += 1
                    inside = seen == index
                    if inside { header = number + 1 }
                }
                continue
            }
            guard inside, let key else { continue }
            if trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") { return number + 1 }
        }
        return header
    }

    /// `[fetch]`: `every`, `since` and `max_wait`, each a duration.
    static func parseFetch(_ value: TOMLValueConvertible, text: String, file: String, into config: inout Config) -> [ConfigProblem] {
        guard let table = value.table else {
            return [ConfigProblem(file: file, line: line(of: "fetch", in: KeyLines(text)), key: "fetch", reason: "must be a table: [fetch] every = \"10m\"")]
        }
        var problems: [ConfigProblem] = []
        for (name, entry) in table {
            let place = line(of: name, in: KeyLines(text), section: "fetch")
            guard ["every", "since", "max_wait"].contains(name) else {
                problems.append(ConfigProblem(file: file, line: place, key: "fetch.\(name)", reason: "unknown key (every, since, max_wait)"))
                continue
            }
            guard let seconds = entry.string.flatMap(Age.parse), seconds > 0 else {
                problems.append(ConfigProblem(file: file, line: place, key: "fetch.\(name)", reason: "must be a duration such as \"10m\", \"1h\" or \"30d\""))
                continue
            }
            switch name {
            case "every":
                guard seconds >= 60 else {
                    problems.append(ConfigProblem(file: file, line: place, key: "fetch.every", reason: "must be a minute or more (the platforms ask not to be polled more often)"))
                    continue
                }
                config.fetch.every = seconds
            case "since": config.fetch.since = seconds
            default: config.fetch.maxWait = seconds
            }
        }
        return problems
    }
}
