import Foundation
import Screen
import TOMLKit

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
/// files in the user's themes folder. A broken theme is reported and never stops heed.
public struct ThemeLibrary: Sendable {
    /// Theme sources by name: (where it came from, TOML text).
    private var sources: [String: (file: String, text: String)] = [:]
    public static let defaultName = "dark"

    /// The shipped themes, plus `*.toml` in `folder` when given.
    public init(userFolder folder: String? = nil) {
        for (name, text) in BuiltinThemes.files { sources[name] = ("Themes/\(name).toml (built in)", text) }
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for file in names where file.hasSuffix(".toml") {
            let path = folder + "/" + file
            if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
                sources[String(file.dropLast(5))] = (path, text)
            }
        }
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

    private func build(_ name: String, seen: Set<String>, problems: inout [ThemeProblem]) -> Theme? {
        guard let (file, text) = sources[name] else { return nil }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            problems.append(ThemeProblem(file: file, line: Int(error.source.begin.line), reason: error.description))
            return nil
        } catch {
            problems.append(ThemeProblem(file: file, reason: "\(error)"))
            return nil
        }
        var theme = Theme(name: name, description: table["description"]?.string ?? "", looks: [:])
        if let base = table["base"]?.string {
            if seen.contains(base) || base == name {
                problems.append(ThemeProblem(file: file, line: Self.line(of: "base", in: text), key: "base", reason: "'\(base)' leads back to this theme"))
            } else if let parent = build(base, seen: seen.union([name]), problems: &problems) {
                theme.looks = parent.looks
            } else {
                problems.append(ThemeProblem(file: file, line: Self.line(of: "base", in: text), key: "base", reason: "no usable theme named '\(base)'"))
            }
        }
        guard let elements = table["elements"]?.table else {
            problems.append(ThemeProblem(file: file, key: "elements", reason: "a theme needs an [elements] table"))
            return theme.looks.isEmpty ? nil : theme
        }
        for (key, value) in elements {
            guard let role = Role(themeKey: key) else {
                problems.append(ThemeProblem(file: file, line: Self.line(of: key, in: text), key: "elements.\(key)", reason: "unknown element (elements: \(Role.allCases.map(\.themeKey).joined(separator: ", ")))"))
                continue
            }
            guard let spec = value.table else {
                problems.append(ThemeProblem(file: file, line: Self.line(of: key, in: text), key: "elements.\(key)", reason: "must be a table such as { fg = \"red\", bold = true }"))
                continue
            }
            theme.looks[role] = Self.look(spec, key: "elements.\(key)", file: file, line: Self.line(of: key, in: text), problems: &problems)
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

    static func line(of key: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(key + " ") || trimmed.hasPrefix(key + "=") { return index + 1 }
        }
        return nil
    }
}
