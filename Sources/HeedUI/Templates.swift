import HeedCore
import Screen

/// A saved reply: a file in the templates folder, inserted with `{author}`, `{name}` and
/// `{platform}` filled in.
public struct Template: Sendable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text with the placeholders filled from the item being answered.
    public func filled(for mention: Mention) -> String {
        let handle = mention.author.handle.map { $0.hasPrefix("@") ? $0 : "@" + $0 } ?? mention.author.shownName
        return text
            .replacingOccurrences(of: "{author}", with: handle)
            .replacingOccurrences(of: "{name}", with: mention.author.name ?? mention.author.shownName)
            .replacingOccurrences(of: "{platform}", with: mention.platform.label)
    }
}

/// The template list open over the composer.
public struct TemplatePicker: Sendable, Equatable {
    public var templates: [Template]
    public var selected = 0
}

extension Reducer {
    /// A key while the template list is open: move, insert, or close.
    static func pickerKey(_ composer: inout Composer, _ picker: TemplatePicker, _ command: Command?) {
        var picker = picker
        switch command {
        case .next: picker.selected = min(picker.selected + 1, picker.templates.count - 1)
        case .previous: picker.selected = max(0, picker.selected - 1)
        case .accept:
            composer.picker = nil
            composer.insert(picker.templates[picker.selected].filled(for: composer.item.mention))
            return
        case .close:
            composer.picker = nil
            return
        default: break
        }
        composer.picker = picker
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
            buffer.put(template.filled(for: mention), x: max(x + 2, 26), y: y, maxWidth: width - 27, role: selected ? .selected : .dim)
        }
    }
}
