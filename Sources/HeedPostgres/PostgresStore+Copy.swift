import Foundation
import HeedCore
import HeedStorage
import NIOCore
import PostgresNIO

/// The whole store, record by record, for `heed store copy` (see `CopiedRecord`).
extension PostgresStore {
    /// Every item in the order it arrived, the replies made elsewhere still waiting for their
    /// items, then the journal, oldest action first, each followed by its entries; read a page
    /// at a time.
    public func copyOut(_ body: (CopiedRecord) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let rows = try links.with { link in
                try link.rows("\(ItemRow.select), m.imported_at FROM mention m WHERE m.id > $1 ORDER BY m.id LIMIT 1000", [.int(after)])
            }
            for row in rows {
                let item = try ItemRow.item(row)
                let cells = row.makeRandomAccess()
                var mention = item.mention
                mention.state = .waiting
                let state = CopiedState(state: StoredState(rawValue: try cells[13].decode(String.self)) ?? .waiting, at: try cells[14].decode(Int64?.self),
                                        by: item.stateBy, draft: try cells[15].decode(String?.self), snoozedUntil: try cells[16].decode(Int64?.self),
                                        assignee: item.assignee)
                try body(.item(mention, state, importedAt: try cells[22].decode(Int64.self)))
                after = item.key.row
            }
            if rows.count < 1000 { break }
        }
        for row in try links.with({ link in try link.rows("SELECT platform, native_id, at FROM answered_elsewhere ORDER BY platform, native_id") }) {
            let (platform, id, at) = try row.decode((String, String, Int64).self)
            if let known = Platform(rawValue: platform) { try body(.answeredElsewhere(Ref(platform: known, id: id), at: at)) }
        }
        var journal: Int64 = 0
        while true {
            let actions = try links.with { link in
                try link.rows("SELECT id, at, action, person, undone, detail FROM journal WHERE id > $1 ORDER BY id LIMIT 500", [.int(journal)])
            }
            for action in actions {
                let (id, at, name, person, undone, detail) = try action.decode((Int64, Int64, String, String?, Bool, String?).self)
                try body(.action(at: at, name: name, person: person, undone: undone, detail: detail))
                try entries(of: id, body)
                journal = id
            }
            if actions.count < 500 { break }
        }
    }

    /// The entries of one action, a page at a time.
    private func entries(of journal: Int64, _ body: (CopiedRecord) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let rows = try links.with { link in
                try link.rows("""
                    SELECT m.id, m.platform, m.native_id, e.old_state, e.old_state_at, e.old_draft_id, e.old_snoozed_until, e.old_state_by, e.old_assignee,
                        e.new_state, e.new_state_at, e.new_draft_id, e.new_snoozed_until, e.new_state_by, e.new_assignee,
                        e.marks, e.old_tags, e.old_priority, e.new_tags, e.new_priority
                    FROM journal_entry e JOIN mention m ON m.id = e.mention_id WHERE e.journal_id = $1 AND m.id > $2 ORDER BY m.id LIMIT 1000
                    """, [.int(journal), .int(after)])
            }
            for row in rows {
                let cells = row.makeRandomAccess()
                let id = try cells[0].decode(Int64.self)
                let ref = Ref(platform: try ItemRow.platform(try cells[1].decode(String.self), row: id), id: try cells[2].decode(String.self))
                var old = try Self.side(cells, from: 3), new = try Self.side(cells, from: 9)
                if try cells[15].decode(Bool.self) {
                    old.marks = CopiedMarks(tags: try cells[16].decode([String]?.self) ?? [], priority: Int(try cells[17].decode(Int64?.self) ?? 0))
                    new.marks = CopiedMarks(tags: try cells[18].decode([String]?.self) ?? [], priority: Int(try cells[19].decode(Int64?.self) ?? 0))
                }
                try body(.entry(ref, old: old, new: new))
                after = id
            }
            if rows.count < 1000 { return }
        }
    }

    /// A journal entry's side: state, at, draft, snoozed until, by, assignee from `index`.
    static func side(_ cells: PostgresRandomAccessRow, from index: Int) throws -> CopiedState {
        CopiedState(state: StoredState(rawValue: try cells[index].decode(String.self)) ?? .waiting, at: try cells[index + 1].decode(Int64?.self),
                    by: try cells[index + 4].decode(String?.self), draft: try cells[index + 2].decode(String?.self),
                    snoozedUntil: try cells[index + 3].decode(Int64?.self), assignee: try cells[index + 5].decode(String?.self))
    }

    /// Writes another store's records as one transaction; then the search index catches up as
    /// after an import.
    public func copyIn(_ body: (any CopySink) throws -> Void) throws -> CopyCounts {
        let counts = try links.transaction(retry: false) { link in
            let sink = try CopyWriter(link)
            try body(sink)
            try sink.finish()
            try remember(try link.rows("SELECT DISTINCT person FROM journal WHERE person IS NOT NULL UNION SELECT DISTINCT assignee FROM mention WHERE assignee IS NOT NULL")
                            .map { try $0.decode(String.self) }, link)
            return sink.counts
        }
        try catchUpAfterImport(everyday: Self.indexAtOnce)
        return counts
    }
}

/// The team store's `CopySink`: items in batches through `COPY` (kept in their order, so their
/// rank ties stay), the journal's entries joined to their items by ref. A copy into an empty
/// store loads it in bulk (`BulkLoad`: its secondary indexes built once, at the end).
final class CopyWriter: CopySink {
    private let link: Link
    private(set) var counts = CopyCounts()
    private let bulk: BulkLoad?
    private var items: [(mention: Mention, state: CopiedState, importedAt: Int64)] = []
    private var entries: [(ref: Ref, old: CopiedState, new: CopiedState)] = []
    private var journal: Int64?

    init(_ link: Link) throws {
        self.link = link
        try link.execute("""
            CREATE TEMP TABLE IF NOT EXISTS copied_item (seq integer, platform text, native_id text, kind text, author_handle text, author_name text,
                author_url text, text text, created_at bigint, url text, conversation text, in_reply_to text, reply_target text, state text,
                state_at bigint, draft_id text, snoozed_until bigint, state_by text, assignee text, imported_at bigint, tags text[], priority bigint) ON COMMIT DROP
            """)
        try link.execute("""
            CREATE TEMP TABLE IF NOT EXISTS copied_entry (seq integer, platform text, native_id text, old_state text, old_state_at bigint,
                old_draft_id text, old_snoozed_until bigint, old_state_by text, old_assignee text, new_state text, new_state_at bigint,
                new_draft_id text, new_snoozed_until bigint, new_state_by text, new_assignee text, marks boolean, old_tags text[], old_priority bigint,
                new_tags text[], new_priority bigint) ON COMMIT DROP
            """)
        bulk = try BulkLoad.begin(link, journal: true)
    }

    /// Writes everything gathered and ends a bulk load.
    func finish() throws {
        try flush()
        try bulk?.finish(link, after: 0)
    }

    func put(_ record: CopiedRecord) throws {
        switch record {
        case .item(let mention, let state, let importedAt):
            items.append((mention, state, importedAt))
            if items.count >= 5_000 { try flushItems() }
        case .answeredElsewhere(let ref, let at):
            try flushItems()
            counts.answers += try link.execute("""
                INSERT INTO answered_elsewhere (platform, native_id, at) SELECT $1, $2, $3
                WHERE NOT EXISTS (SELECT 1 FROM mention WHERE platform = $1 AND native_id = $2) ON CONFLICT DO NOTHING
                """, [.text(ref.platform.rawValue), .text(ref.id), .int(at)])
        case .action(let at, let name, let person, let undone, let detail):
            try flush()
            journal = try link.rows("INSERT INTO journal (at, action, person, undone, detail) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                    [.int(at), .text(name), .text(person), .bool(undone), .text(detail)]).first?.decode(Int64.self)
            counts.actions += 1
        case .entry(let ref, let old, let new):
            guard journal != nil else { throw StoreError("a journal entry came before its action") }
            entries.append((ref, old, new))
            if entries.count >= 5_000 { try flushEntries() }
        }
    }

    /// Writes everything gathered.
    func flush() throws {
        try flushItems()
        try flushEntries()
    }

    private func flushItems() throws {
        guard !items.isEmpty else { return }
        var buffer = ByteBufferAllocator().buffer(capacity: items.count * 300)
        for (seq, item) in items.enumerated() {
            let mention = item.mention, state = item.state
            CopyText.write([String(seq), mention.platform.rawValue, mention.id, mention.kind.rawValue, mention.author.handle, mention.author.name,
                            mention.author.url, mention.text, String(PostgresStore.milliseconds(mention.createdAt)), mention.url, mention.conversation,
                            mention.inReplyTo, ItemRow.encodeTarget(mention.replyTarget)] + Self.fields(state)
                           + [String(item.importedAt), PostgresSink.arrayLiteral(mention.tags), String(mention.priority)], into: &buffer)
        }
        let columns = ["platform", "native_id"] + ItemRow.contentColumns + ["state", "state_at", "state_by", "draft_id", "snoozed_until", "assignee", "imported_at"]
        try link.copy(into: "copied_item", columns: ["seq"] + columns + ["tags", "priority"], buffer)
        let inserted = try link.execute("""
            INSERT INTO mention (\(columns.joined(separator: ", ")), tags, priority)
            SELECT \(columns.joined(separator: ", ")), tags, priority FROM copied_item ORDER BY seq
            ON CONFLICT (platform, native_id) DO NOTHING
            """)
        counts.items += inserted
        counts.kept += items.count - inserted
        try link.execute("TRUNCATE copied_item")
        items.removeAll(keepingCapacity: true)
    }

    private func flushEntries() throws {
        guard let journal, !entries.isEmpty else { return }
        var buffer = ByteBufferAllocator().buffer(capacity: entries.count * 120)
        for (seq, entry) in entries.enumerated() {
            let (old, new) = (entry.old.marks, entry.new.marks)
            let marks: [String?] = [old != nil || new != nil ? "t" : "f", old.map { PostgresSink.arrayLiteral($0.tags) }, old.map { String($0.priority) },
                                    new.map { PostgresSink.arrayLiteral($0.tags) }, new.map { String($0.priority) }]
            CopyText.write([String(seq), entry.ref.platform.rawValue, entry.ref.id] + Self.fields(entry.old) + Self.fields(entry.new) + marks, into: &buffer)
        }
        let sides = ["state", "state_at", "state_by", "draft_id", "snoozed_until", "assignee"]
        let columns = sides.map { "old_" + $0 } + sides.map { "new_" + $0 }
        try link.copy(into: "copied_entry", columns: ["seq", "platform", "native_id"] + columns + ["marks", "old_tags", "old_priority", "new_tags", "new_priority"], buffer)
        try link.execute("""
            INSERT INTO journal_entry (journal_id, mention_id, \(columns.joined(separator: ", ")), marks, old_tags, old_priority, new_tags, new_priority)
            SELECT $1, m.id, \(columns.map { "c." + $0 }.joined(separator: ", ")), c.marks, c.old_tags, c.old_priority,
                c.new_tags, c.new_priority FROM copied_entry c
            JOIN mention m ON m.platform = c.platform AND m.native_id = c.native_id ORDER BY c.seq
            """, [.int(journal)])
        try link.execute("TRUNCATE copied_entry")
        entries.removeAll(keepingCapacity: true)
    }

    /// State columns as `COPY` fields: state, at, by, draft, snoozed until, assignee.
    static func fields(_ state: CopiedState) -> [String?] {
        [state.state.rawValue, state.at.map(String.init), state.by, state.draft, state.snoozedUntil.map(String.init), state.assignee]
    }
}
