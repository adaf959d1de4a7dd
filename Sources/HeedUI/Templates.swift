import HeedCore
import Screen

/// A saved reply: a file in the templates folder, inserted with `{author}`, `{name}` and
/// `{platform}` filled in. A file heed would not read (too large, not a plain file, not UTF-8)
/// is listed with its `problem` and inserts nothing.
public struct Template: Sendable, Equatable {
    public var name: String
    public var text: String
    /// Why the file cannot be used, in words; nil for a usable template.
    public var problem: String?

    /// The longest value put in for a placeholder (a name longer than this is cut).
    public static let maxValue = 200
    /// The longest text a template fills to; the rest is left out.
    public static let maxFilled = 64 << 10

    /// A template named `name` with its text, or with why its file cannot be used.
    public init(name: String, text: String, problem: String? = nil) {
        self.name = name
        self.text = text
        self.problem = problem
    }

    /// The text with the placeholders filled from the item being answered, in one pass: what a
    /// value brings in (an author named "{name}") is never filled again.
    public func filled(for mention: Mention) -> String {
        let handle = mention.author.handle.map { $0.hasPrefix("@") ? $0 : "@" + $0 } ?? mention.author.shownName
        return Self.fill(text, ["{author}": handle, "{name}": mention.author.name ?? mention.author.shownName, "{platform}": mention.platform.label])
    }

    /// Puts each placeholder's value (cut to `maxValue` characters) in once, left to right,
    /// stopping at `maxFilled` bytes of text.
    public static func fill(_ text: String, _ values: [String: String]) -> String {
        let values = values.mapValues { String($0.prefix(maxValue)) }
        var out = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), out.utf8.count < maxFilled {
            out += rest[..<open]
            rest = rest[open...]
            if let (placeholder, value) = values.first(where: { rest.hasPrefix($0.key) }) {
                out += value
                rest = rest.dropFirst(placeholder.count)
            } else {
                out += "{"
                rest = rest.dropFirst()
            }
        }
        out += rest
        guard out.utf8.count > maxFilled else { return out }
        var cut = out.utf8.prefix(maxFilled)
        while String(cut) == nil { cut = cut.dropLast() }
        return String(cut) ?? ""
    }
}

/// The template list open over the composer.
public struct TemplatePicker: Sendable, Equatable {
    public var templates: [Template]
    public var selected = 0
}

extension Reducer {
    /// A key while the template list is open: move, insert, or close. Returns what to say on
    /// the status line (why a template listed with a problem inserts nothing).
    static func pickerKey(_ composer: inout Composer, _ picker: TemplatePicker, _ command: Command?) -> String? {
        var picker = picker
        switch command {
        case .next: picker.selected = min(picker.selected + 1, picker.templates.count - 1)
        case .previous: picker.selected = max(0, picker.selected - 1)
        case .accept:
            let template = picker.templates[picker.selected]
            if let problem = template.problem { return "Saved reply \(template.name) \(problem)" }
            composer.picker = nil
            composer.insert(template.filled(for: composer.item.mention))
            return nil
        case .close:
            composer.picker = nil
            return nil
        default: break
        }
        composer.picker = picker
        return nil
    }
}

/// Draws the template list over the composer's text area.
enum TemplateView {
    static func render(_ picker: TemplatePicker, mention: Mention, top: Int, height: Int, width: Int, keys: KeyTable = .standard, into buffer: inout ScreenBuffer) {
        guard height > 2 else { return }
        buffer.fill(x: 0, y: top, width: width, height: height, role: .help)
        buffer.put(" Saved replies (\(keys.label(.accept, in: .templates)) inserts, \(keys.label(.close, in: .templates)) closes)", x: 0, y: top, role: .title)
        let rows = height - 2
        let first = max(0, picker.selected - rows + 1)
        for (index, template) in picker.templates.dropFirst(first).prefix(rows).enumerated() {
            let selected = first + index == picker.selected
            let y = top + 1 + index
            if selected { buffer.fill(y: y, role: .selected) }
            let x = buffer.put("  " + template.name, x: 0, y: y, maxWidth: 24, role: selected ? .selected : .help)
            let preview = template.problem.map { "(\($0))" } ?? template.filled(for: mention)
            buffer.put(preview, x: max(x + 2, 26), y: y, maxWidth: width - 27, role: selected ? .selected : .dim)
        }
    }
}
