import Foundation
import TOMLKit
import UserFiles

/// One line of `[keys]` (or `[keys.outbox]` and the other screens' tables): a command's name,
/// the keys the user gives it, and where it is written. The names are checked by the key
/// table, which knows the commands (`KeyTable.remapped`).
public struct KeyEntry: Sendable, Equatable {
    /// The screen or prompt (`outbox`, `composer`…); nil for the queue (`[keys]` itself).
    public var context: String?
    public var command: String
    public var keys: [String]
    public var line: Int?

    /// An entry as written: its screen (nil: the queue), command, keys and line.
    public init(context: String?, command: String, keys: [String], line: Int?) {
        self.context = context
        self.command = command
        self.keys = keys
        self.line = line
    }
}

extension Config {
    /// `[keys]`: `acknowledge = ["e"]` or `quit = "Q"` for the queue, and a table per other
    /// screen (`[keys.outbox] edit = ["E"]`), in the written order.
    static func parseKeys(_ table: TOMLTable, text: String, file: String, into config: inout Config, problems: inout [ConfigProblem]) {
        guard let value = table["keys"] else { return }
        guard let keys = value.table else {
            problems.append(ConfigProblem(file: file, line: line(of: "keys", in: KeyLines(text)), key: "keys", reason: "must be a table: [keys] then acknowledge = [\"e\"]"))
            return
        }
        config.keysFile = file
        func entries(of table: TOMLTable, section: String, context: String?) {
            let written = TableKeys.ordered(in: section, of: text)
            let names = table.keys.sorted { left, right in
                (written.firstIndex { $0.key == left } ?? Int.max, left) < (written.firstIndex { $0.key == right } ?? Int.max, right)
            }
            for name in names {
                guard let entry = table[name] else { continue }
                let place = written.first { $0.key == name }?.line
                let key = section + "." + name
                if let inner = entry.table {
                    guard context == nil else {
                        problems.append(ConfigProblem(file: file, line: place, key: key, reason: "a screen's keys are one table deep: [keys.outbox] edit = [\"E\"]"))
                        continue
                    }
                    entries(of: inner, section: key, context: name)
                } else if let single = entry.string {
                    config.keyEntries.append(KeyEntry(context: context, command: name, keys: [single], line: place))
                } else if let array = entry.array, array.allSatisfy({ $0.string != nil }) {
                    config.keyEntries.append(KeyEntry(context: context, command: name, keys: array.compactMap(\.string), line: place))
                } else {
                    problems.append(ConfigProblem(file: file, line: place, key: key, reason: "must be a key or a list of keys, like [\"e\", \"Ctrl-E\"]"))
                }
            }
        }
        entries(of: keys, section: "keys", context: nil)
    }
}
