import Foundation
import Screen
import TOMLKit
import UserFiles

/// A theme file that could not be read as written, named by file, line and key.
public struct ThemeProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var reason: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? "")\(key.map { " (\($0))" } ?? ""): \(reason)"
    }
}

/// The themes heed can use: the shipped ones built into the binary, overridden or added to by
/// files in the user's themes folder. A broken theme is reported and never stops heed; so is a
/// folder of too many themes, a file too large or not a plain file, and a `base` chain too long.
public struct ThemeLibrary: Sendable {
    /// Theme sources by name: where it came from, and its TOML text or why it was not read.
    private var sources: [String: (file: String, text: Result<String, UserFile.Failure>)] = [:]
    /// What was wrong with the folder itself (more themes than heed reads).
    public private(set) var folderProblems: [ThemeProblem] = []
    /// Each source parsed once, however many themes build on it.
    private let parsed = ParsedThemes()
    public static let defaultName = "dark"
    /// The most theme files read from the user's folder (the first by name).
    public static let maxThemes = 200
    /// The largest theme file read.
    public static let maxBytes = 64 << 10
    /// The longest chain of `base` themes followed.
    public static let maxBaseDepth = 16

    /// The shipped themes, plus `*.toml` in `folder` when given.
    public init(userFolder folder: String? = nil) {
        for (name, text) in BuiltinThemes.files { sources[name] = ("Themes/\(name).toml (built in)", .success(text)) }
        guard let folder else { return }
        let (files, total) = UserFile.names(in: folder, limit: Self.maxThemes, suffix: ".toml")
        if total > files.count {
            folderProblems.append(ThemeProblem(file: folder, reason: "holds \(total) themes; heed reads the first \(Self.maxThemes) by name"))
        }
        for file in files {
            let path = folder + "/" + file
            sources[String(file.dropLast(5))] = (path, UserFile.read(path, limit: Self.maxBytes))
        }
    }

    /// The shipped themes plus themes given as TOML text by name, as if they were files of the
    /// user's folder named NAME.toml (for tests and the fuzzer).
    public init(userThemes: [String: String]) {
        self.init()
        for (name, text) in userThemes { sources[name] = ("\(name).toml", .success(text)) }
    }

    /// Every theme name, shipped and the user's, sorted with the default first.
    public var names: [String] {
        sources.keys.sorted { ($0 == Self.defaultName ? 0 : 1, $0) < ($1 == Self.defaultName ? 0 : 1, $1) }
    }

    /// A theme by name. Problems (unknown name, broken file, unknown key) are returned with
    /// the theme to use anyway: the default where the named one cannot be read.
    public func theme(named name: String) -> (Theme, [ThemeProblem]) {
        var problems: [ThemeProblem] = []
        if let theme = build(name, seen: [], problems: &problems) { return (theme, problems) }
        if sources[name] == nil {
            problems.append(ThemeProblem(file: "--theme", reason: "no theme named '\(name)' (themes: \(names.joined(separator: ", ")))"))
        }
        var ignored: [ThemeProblem] = []
        let fallback = name == Self.defaultName ? nil : build(Self.defaultName, seen: [], problems: &ignored)
        return (fallback ?? Theme(name: Self.defaultName, looks: [:]), problems)
    }

    /// A source's table, parsed once; nil (with the problem said) when it cannot be read.
    private func table(_ name: String, problems: inout [ThemeProblem]) -> (file: String, text: String, table: TOMLTable)? {
        guard let (file, read) = sources[name] else { return nil }
        switch read {
        case .failure(let failure):
            problems.append(ThemeProblem(file: file, reason: "\(failure)"))
            return nil
        case .success(let text):
            switch parsed.table(name, text) {
            case .success(let table): return (file, text, table)
            case .failure(let problem):
                problems.append(ThemeProblem(file: file, line: problem.line, reason: problem.reason))
                return nil
            }
        }
    }

    private func build(_ name: String, seen: [String], problems: inout [ThemeProblem]) -> Theme? {
        guard let (file, text, table) = self.table(name, problems: &problems) else { return nil }
        let lines = KeyLines(text)
        var theme = Theme(name: name, description: table["description"]?.string ?? "", looks: [:])
        if let base = table["base"]?.string {
            if seen.contains(base) || base == name {
                problems.append(ThemeProblem(file: file, line: lines.line(of: "base"), key: "base", reason: "'\(base)' leads back to this theme"))
            } else if seen.count + 1 >= Self.maxBaseDepth {
                problems.append(ThemeProblem(file: file, line: lines.line(of: "base"), key: "base", reason: "'\(base)' is more than \(Self.maxBaseDepth) bases down; heed follows at most \(Self.maxBaseDepth)"))
            } else if let parent = build(base, seen: seen + [name], problems: &problems) {
                theme.looks = parent.looks
            } else {
                problems.append(ThemeProblem(file: file, line: lines.line(of: "base"), key: "base", reason: "no usable theme named '\(base)'"))
            }
        }
        guard let elements = table["elements"]?.table else {
            problems.append(ThemeProblem(file: file, key: "elements", reason: "a theme needs an [elements] table"))
            return theme.looks.isEmpty ? nil : theme
        }
        for (key, value) in elements {
            guard let role = Role(themeKey: key) else {
                problems.append(ThemeProblem(file: file, line: lines.line(of: key, section: "elements"), key: "elements.\(key)", reason: "unknown element (elements: \(Role.allCases.map(\.themeKey).joined(separator: ", ")))"))
                continue
            }
            guard let spec = value.table else {
                problems.append(ThemeProblem(file: file, line: lines.line(of: key, section: "elements"), key: "elements.\(key)", reason: "must be a table such as { fg = \"red\", bold = true }"))
                continue
            }
            theme.looks[role] = Self.look(spec, key: "elements.\(key)", file: file, line: lines.line(of: key, section: "elements"), problems: &problems)
        }
        return theme
    }

    /// One element's look; unknown keys and bad colours are reported and left at the default.
    static func look(_ spec: TOMLTable, key: String, file: String, line: Int?, problems: inout [ThemeProblem]) -> Look {
        var look = Look()
        for (name, value) in spec {
            switch name {
            case "fg", "bg":
                let color: ThemeColor? = value.string.flatMap(ThemeColor.init(text:)) ?? value.int.flatMap { (0...255).contains($0) ? .index($0) : nil }
                guard let color else {
                    problems.append(ThemeProblem(file: file, line: line, key: "\(key).\(name)", reason: "not a colour: a name (red, bright_blue, default), 0–255 or \"#rrggbb\""))
                    continue
                }
                if name == "fg" { look.foreground = color } else { look.background = color }
            case "bold", "dim", "underline", "reverse", "italic":
                guard let flag = value.bool else {
                    problems.append(ThemeProblem(file: file, line: line, key: "\(key).\(name)", reason: "must be true or false"))
                    continue
                }
                switch name {
                case "bold": look.bold = flag
                case "dim": look.dim = flag
                case "underline": look.underline = flag
                case "reverse": look.reverse = flag
                default: look.italic = flag
                }
            default:
                problems.append(ThemeProblem(file: file, line: line, key: "\(key).\(name)", reason: "unknown key (fg, bg, bold, dim, underline, reverse, italic)"))
            }
        }
        return look
    }

}

/// Theme sources parsed as TOML, each once (`heed themes` builds every theme, and many may
/// share a base).
final class ParsedThemes: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: Result<TOMLTable, TOMLText.Problem>] = [:]

    func table(_ name: String, _ text: String) -> Result<TOMLTable, TOMLText.Problem> {
        if let done = lock.withLock({ tables[name] }) { return done }
        let result = TOMLText.parse(text)
        lock.withLock { tables[name] = result }
        return result
    }
}
