import Foundation
import HeedCore
import Screen

/// The detail pane: who, where, when, the link, and the whole text wrapped to the pane.
enum DetailView {
    static func render(_ item: QueueItem, thread: ThreadPane? = nil, author: AuthorLine? = nil, delivery: String? = nil, now: Date, top: Int, height: Int,
                       due: ResponseTargets.Due? = nil, keys: KeyTable = .standard, into buffer: inout ScreenBuffer) {
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
        // Its target, points and tags, when it has any.
        var marks = due.map { ["\(DueLabel.text($0)) (target \(Age.words(Double($0.target) / 1000)))"] } ?? []
        if mention.priority != 0 { marks.append("priority \(mention.priority)") }
        if !mention.tags.isEmpty { marks.append(mention.tags.map { "#" + $0 }.joined(separator: " ")) }
        if !marks.isEmpty { lines.append((Glyphs.of(marks.joined(separator: " · ")), .detailLabel)) }
        if author?.loading == true {
            lines.append(([], .normal))
        } else if let history = author?.history, history.complete {
            lines.append((Glyphs.of(authorLine(history, keys: keys)), .detailLabel))
        }
        if let state = stateLine(mention.state, now: now) { lines.append((Glyphs.of(state), .detailLabel)) }
        if let team = TeamViews.detailLine(item) { lines.append((Glyphs.of(team), .detailLabel)) }
        if let delivery { lines.append((Glyphs.of(delivery), delivery.hasPrefix("sent") ? .link : .detailLabel)) }
        if let url = mention.url, !url.isEmpty { lines.append((Glyphs.of(url), .link)) }
        lines.append(([], .normal))
        let bytes = mention.text.utf8.count
        if bytes > TextLimits.shownBytes {
            lines.append((Glyphs.of("The text is \(bytes.bytesInWords): its start is shown; heed list --json gives it whole"), .detailLabel))
        }
        for line in Wrap.lines(mention.text, width: max(1, width - 2), limit: height) { lines.append((line, .normal)) }
        let threadLines = thread.map { threadRows($0, now: now, width: width, keys: keys) } ?? []
        let room = height - 1
        let threadRoom = threadLines.isEmpty ? 0 : min(threadLines.count, max(2, room / 2))
        let textRoom = room - threadRoom
        for (index, line) in lines.prefix(textRoom).enumerated() {
            buffer.put(line.text, x: 1, y: top + 1 + index, maxWidth: width - 2, role: line.role)
        }
        if lines.count > textRoom, textRoom > 0 {
            buffer.put("…", x: width - 2, y: top + textRoom, role: .dim)
        }
        guard threadRoom > 0 else { return }
        // The thread: its title, then the rows around the selected item.
        let y = top + 1 + textRoom
        buffer.put(threadLines[0].text, x: 1, y: y, maxWidth: width - 2, role: .title)
        let rows = Array(threadLines.dropFirst())
        let selected = rows.firstIndex { $0.selected } ?? 0
        let visible = threadRoom - 1
        let first = max(0, min(selected - visible / 2, rows.count - visible))
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            buffer.put(row.text, x: 1, y: y + 1 + offset, maxWidth: width - 2, role: row.selected ? .author : row.role)
        }
    }

    /// The author's history with the user in a line: how often they wrote, how often and how
    /// fast they were answered.
    static func authorLine(_ history: AuthorHistory, keys: KeyTable = .standard) -> String {
        let more = "\(keys.label(.author, in: .queue)): their history"
        guard history.total > 1 else { return "Their only item in the store · " + more }
        var line = "They wrote \(Report.number(history.total)) times · answered \(Report.number(history.answered)) (\(Report.percent(AnswerFigures.rate(history.answered, of: history.total))))"
        if let median = history.medianSeconds { line += ", in \(Age.words(median)) by median" }
        return line + " · " + more
    }

    /// How the item was answered, when it was.
    static func stateLine(_ state: MentionState, now: Date) -> String? {
        switch state {
        case .waiting: nil
        case .acknowledged(let at): "acknowledged \(Age.words(now.timeIntervalSince(at))) ago"
        case .replied(let draft, let at): draft.isEmpty ? "answered elsewhere \(Age.words(now.timeIntervalSince(at))) ago" : "replied \(Age.words(now.timeIntervalSince(at))) ago (draft \(draft))"
        case .snoozed(let until): "snoozed until \(Timestamp.display(until))"
        }
    }

    /// The thread's title and one line per item, oldest first: state, age, author, text.
    static func threadRows(_ thread: ThreadPane, now: Date, width: Int = 256, keys: KeyTable = .standard) -> [(text: [Glyph], role: Role, selected: Bool)] {
        guard thread.items.count > 1 else { return [] }
        let open = thread.items.filter { item in
            if case .waiting = item.mention.state { return true }
            if case .snoozed = item.mention.state { return true }
            return false
        }.count
        var rows: [(text: [Glyph], role: Role, selected: Bool)] = [(Glyphs.of("Thread: \(thread.items.count.grouped) items, \(open.grouped) open · \(keys.label(.acknowledgeThread, in: .queue)) acknowledges them all, \(keys.label(.replyThread, in: .queue)) answers them all"), .title, false)]
        for item in thread.items {
            let mark: String
            switch item.mention.state {
            case .waiting: mark = "•"
            case .acknowledged: mark = "✓"
            case .replied: mark = "↩"
            case .snoozed: mark = "z"
            }
            let selected = item.mention.ref == thread.ref
            let head = "\(selected ? "▸" : " ")\(mark) \(Glyphs.padLeft(Age.words(item.mention.waited(at: now)), toCells: 7))  \(item.mention.author.shownName): "
            // Only a row's worth of each text is laid out, however long the text.
            rows.append((Glyphs.of(head, cells: width) + Glyphs.of(item.mention.text, cells: width), open > 0 && item.mention.state.isWaiting ? .normal : .dim, selected))
        }
        return rows
    }
}
