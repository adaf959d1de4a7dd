import Foundation
import HeedCore
import TOMLKit
import UserFiles

extension Config {
    /// Every account linked with `handle` on `platform` by `[people]` (itself first, then the
    /// others in the order config.toml lists them), or just itself when no one links it.
    public func identities(of platform: Platform, handle: String) -> [(Platform, String)] {
        let asked = Identity(platform: platform, handle: handle)
        var found = [asked]
        for name in people.keys.sorted() {
            guard let accounts = people[name], accounts.contains(where: asked.matches) else { continue }
            for account in accounts where !found.contains(where: account.matches) { found.append(account) }
        }
        return found.map { ($0.platform, $0.handle) }
    }

    /// The name `[people]` gives the person behind `handle` on `platform`, if any.
    public func person(of platform: Platform, handle: String) -> String? {
        let asked = Identity(platform: platform, handle: handle)
        return people.keys.sorted().first { people[$0]?.contains(where: asked.matches) ?? false }
    }

    /// Reads `[people]`: each name takes a list of "platform:handle" (one string is a list of
    /// one). Bad entries are named by line and left out; the person's good ones are kept.
    static func parsePeople(_ value: TOMLValueConvertible, lines: KeyLines, file: String, into config: inout Config) -> [ConfigProblem] {
        let example = #"[people] then alice = ["mastodon:alice@example.social", "x:alice"]"#
        guard let people = value.table else {
            return [ConfigProblem(file: file, line: line(of: "people", in: lines), key: "people", reason: "must be a table: \(example)")]
        }
        var problems: [ConfigProblem] = []
        for (name, entry) in people {
            let key = "people.\(name)"
            let keyLine = line(of: name, in: lines, section: "people")
            let items: [TOMLValueConvertible]? = entry.string != nil ? [entry] : entry.array.map { Array($0) }
            guard let items else {
                problems.append(ConfigProblem(file: file, line: keyLine, key: key, reason: "must be a list of \"platform:handle\" strings: \(example)"))
                continue
            }
            var accounts: [Identity] = []
            for item in items {
                guard let written = item.string else {
                    problems.append(ConfigProblem(file: file, line: keyLine, key: key, reason: "every entry must be a \"platform:handle\" string"))
                    continue
                }
                let entryLine = line(ofEntry: written, in: lines, section: "people", after: keyLine) ?? keyLine
                switch identity(written) {
                case .success(let account):
                    if !accounts.contains(where: account.matches) { accounts.append(account) }
                case .failure(let problem):
                    problems.append(ConfigProblem(file: file, line: entryLine, key: key, reason: problem.reason))
                }
            }
            if !accounts.isEmpty { config.people[name] = accounts }
        }
        return problems
    }

    /// Why an entry of `[people]` is not an account.
    struct EntryProblem: Error {
        var reason: String
    }

    /// Reads "platform:handle" (the handle may hold "@" and ":"; a leading "@" is dropped).
    static func identity(_ written: String) -> Result<Identity, EntryProblem> {
        guard let colon = written.firstIndex(of: ":") else {
            return .failure(EntryProblem(reason: "\"\(written)\" is not platform:handle (for example \"mastodon:alice@example.social\")"))
        }
        let platformName = written[..<colon].trimmingCharacters(in: .whitespaces)
        let handle = Identity.bare(written[written.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        guard let platform = Platform(name: platformName) else {
            return .failure(EntryProblem(reason: "unknown platform '\(platformName)' in \"\(written)\" (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        guard !handle.isEmpty else {
            return .failure(EntryProblem(reason: "\"\(written)\" has no handle after the platform (for example \"\(platform.rawValue):alice\")"))
        }
        return .success(Identity(platform: platform, handle: handle))
    }

    /// The line holding the quoted entry within `[section]`, from the line of its key on (a
    /// list may span lines).
    static func line(ofEntry entry: String, in lines: KeyLines, section: String, after start: Int?) -> Int? {
        lines.line(ofEntry: entry, section: section, from: start)
    }
}
