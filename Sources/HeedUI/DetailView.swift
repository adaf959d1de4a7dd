import Foundation
import HeedCore
import Screen

/// The detail pane: who, where, when, the link, and the whole text wrapped to the pane.
enum DetailView {
    static func render(_ item: QueueItem, now: Date, top: Int, height: Int, into buffer: inout ScreenBuffer) {
        guard height > 0 else { return }
        let mention = item.mention
        let width = buffer.width
        buffer.put(String(repeating: "─", count: width), x: 0, y: top, role: .dim)
        var x = buffer.put("─ ", x: 0, y: top, role: .dim)
        if let name = mention.author.name, !name.isEmpty {
            x = buffer.put(name, x: x, y: top, maxWidth: width / 2, role: .author)
            x = buffer.put(" ", x: x, y: top, role: .dim)
        }
        let handle = mention.author.handle.map { $0.isEmpty ? "unknown author" : "@" + ($0.hasPrefix("@") ? String($0.dropFirst()) : $0) } ?? "unknown author"
        x = buffer.put(handle, x: x, y: top, maxWidth: max(0, width - x - 2), role: .detailLabel)
        if x < width { buffer.put(" ", x: x, y: top, role: .dim) }

        var lines: [(text: [Glyph], role: Role)] = []
        let facts = "\(mention.platform.label) · \(mention.kind.rawValue) · \(Timestamp.display(mention.createdAt)) · waited \(Age.words(mention.waited(at: now)))"
        lines.append((Glyphs.of(facts), .detailLabel))
        if let url = mention.url, !url.isEmpty { lines.append((Glyphs.of(url), .link)) }
        lines.append(([], .normal))
        for line in Wrap.lines(mention.text, width: max(1, width - 2)) { lines.append((line, .normal)) }
        for (index, line) in lines.prefix(height - 1).enumerated() {
            buffer.put(line.text, x: 1, y: top + 1 + index, maxWidth: width - 2, role: line.role)
        }
        if lines.count > height - 1, height > 1 {
            buffer.put("…", x: width - 2, y: top + height - 1, role: .dim)
        }
    }
}
