import Screen

/// `[keys]` in config.toml made into a table: each command named gets the user's keys in its
/// context, and those keys are taken from the context's other commands, so the user's win.
extension KeyContext {
    /// The name a `[keys.NAME]` table gives the context (the queue's keys are `[keys]` itself).
    public var configName: String { String(describing: self) }

    /// Whether a plain character typed here is text (the composer and the prompts' lines).
    var takesText: Bool { self == .composer || self == .search || self == .snooze }
}

/// What is wrong with one `[keys]` entry: its line and key (`keys.acknowledge`), and why.
public struct RemapProblem: Sendable, Equatable {
    public var line: Int?
    public var key: String
    public var reason: String

    /// A problem with the entry at `line` named `key`.
    public init(line: Int?, key: String, reason: String) {
        self.line = line
        self.key = key
        self.reason = reason
    }
}

extension KeyTable {
    /// This table with the user's keys: `entries` as (screen or nil for the queue, command
    /// name, key names, line), first to last. A bad entry is a problem and changes nothing;
    /// a key given twice in a context keeps its first command; a command left with no key by
    /// a key the user took is named; the queue's `quit` always keeps a key.
    public func remapped(_ entries: [(context: String?, command: String, keys: [String], line: Int?)]) -> (KeyTable, [RemapProblem]) {
        var table = self
        var problems: [RemapProblem] = []
        var given: [KeyContext: [Key: (command: Command, line: Int?)]] = [:]
        for entry in entries {
            let name = (entry.context.map { "keys.\($0)." } ?? "keys.") + entry.command
            func problem(_ reason: String) { problems.append(RemapProblem(line: entry.line, key: name, reason: reason)) }
            let context: KeyContext
            if let wanted = entry.context {
                guard let found = KeyContext.allCases.first(where: { $0.configName == wanted && $0 != .queue }) else {
                    problem("no screen or prompt called \(wanted) (\(KeyContext.allCases.filter { $0 != .queue }.map(\.configName).joined(separator: ", ")))")
                    continue
                }
                context = found
            } else {
                context = .queue
            }
            guard let command = Command(rawValue: entry.command), command != .type, bindings.contains(where: { $0.context == context && $0.command == command }) else {
                let names = bindings(in: context).map(\.command).filter { $0 != .type }.map(\.rawValue)
                problem("\(context.rawValue) has no command \(entry.command) (it has \(names.uniqued().joined(separator: ", ")); ? shows them)")
                continue
            }
            var keys: [Key] = []
            var bad: [String] = []
            for spelled in entry.keys {
                guard let key = Key(name: spelled) else {
                    bad.append("'\(spelled)' is not a key (write e, E, Ctrl-E, Enter, Esc, Tab, Space, F1 …)")
                    continue
                }
                if context.takesText, case .character = key {
                    bad.append("\(key.label) is typed as text in the \(context.rawValue.lowercased()); give it Ctrl- or a named key")
                    continue
                }
                if let earlier = given[context]?[key], earlier.command != command {
                    bad.append("\(key.label) is given to \(earlier.command.rawValue) already\(earlier.line.map { " (line \($0))" } ?? "")")
                    continue
                }
                if !keys.contains(key) { keys.append(key) }
            }
            if !bad.isEmpty {
                problem(bad.joined(separator: "; "))
                continue
            }
            if context == .queue, command == .quit, keys.isEmpty {
                problem("quit must keep a key; it keeps \(table.label(.quit, in: .queue))")
                continue
            }
            if context == .queue, command != .quit, let quit = table.bindings.first(where: { $0.context == .queue && $0.command == .quit }),
               !quit.keys.isEmpty, quit.keys.allSatisfy(keys.contains) {
                problem("\(quit.keys.map(\.label).joined(separator: ", ")) would leave quit without a key")
                continue
            }
            for key in keys { given[context, default: [:]][key] = (command, entry.line) }
            table.give(keys, to: command, in: context)
        }
        // Commands the user's keys left without one (and not given keys of their own).
        for binding in table.bindings where binding.keys.isEmpty && binding.command != .type {
            let original = bindings.first { $0.context == binding.context && $0.command == binding.command }
            let userEmptied = entries.contains { ($0.context ?? "queue") == binding.context.configName && $0.command == binding.command.rawValue }
            guard let original, !original.keys.isEmpty, !userEmptied else { continue }
            problems.append(RemapProblem(line: nil, key: "keys", reason: "\(binding.command.rawValue) in the \(binding.context.rawValue.lowercased()) has no key left (\(original.keys.map(\.label).joined(separator: ", ")) went to other commands); give it one in [keys]"))
        }
        return (table, problems)
    }

    /// Gives `keys` to `command` in `context`, replacing its keys and taking them from the others there.
    mutating func give(_ keys: [Key], to command: Command, in context: KeyContext) {
        var first = true
        for index in bindings.indices where bindings[index].context == context {
            if bindings[index].command == command {
                // A command bound twice in a context (by two rows) keeps the user's keys on its first.
                bindings[index].keys = first ? keys : []
                first = false
            } else {
                bindings[index].keys.removeAll { keys.contains($0) }
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
