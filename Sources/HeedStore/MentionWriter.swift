import Foundation
import GRDB
import HeedCore

/// Stores mentions through prepared statements driven with SQLite's C API: a new item costs
/// one `INSERT … ON CONFLICT DO NOTHING` (no boxing, texts bound without copies); only a known
/// one (nothing inserted) is read back to tell updated from unchanged, and only its content
/// columns are updated: state columns are written for new items only.
///
/// It runs on the import's writer thread (see `ImportSink`), never at the same time as
/// anything else on the connection: `ImportSink` hands it work and waits for it to finish before
/// using the connection itself. It calls no GRDB API but the statements' handles.
final class MentionWriter: @unchecked Sendable {
    private let db: Database
    private let now: Int64
    /// What it stored: imported, updated and unchanged.
    private(set) var counts = ImportCounts()
    /// Whether any reply made elsewhere waits for its item: checked on insert only then.
    var answersWaiting: Bool
    /// Bulk mode (see `ImportSink`): the insert trigger is gone, waiting inserts are counted here.
    var bulk = false
    private(set) var bulkWaiting: [String: Int] = [:]
    private var insert: RawStatement
    private var find: RawStatement
    private var update: RawStatement
    private var findAnswer: RawStatement
    private var forgetAnswer: RawStatement
    private var markAnswered: RawStatement
    private var findKnown: RawStatement
    private var rememberAnswer: RawStatement
    /// The last row the full-text index holds: a row at or below it that changes is indexed
    /// again on the spot (the rest are indexed in bulk after the import).
    private let indexed: Int64
    private var unindex: RawStatement
    private var reindex: RawStatement
    /// What the rules did to new items, journaled a rule at a time.
    private var rules: RuleJournal
    /// The texts of the statement being run, reused from record to record.
    private var texts = TextBindings()

    init(db: Database, now: Int64) throws {
        self.db = db
        self.now = now
        answersWaiting = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM answered_elsewhere)") ?? false
        (insert, find, update, findAnswer, forgetAnswer, markAnswered, findKnown, rememberAnswer) = try Self.statements(db)
        (unindex, reindex) = try Self.searchStatements(db)
        indexed = try Int64.fetchOne(db, sql: "SELECT value FROM counter WHERE name = ?", arguments: [Counter.indexed]) ?? 0
        rules = try RuleJournal(db: db, now: now)
    }

    private static func searchStatements(_ db: Database) throws -> (RawStatement, RawStatement) {
        (try RawStatement(db, "INSERT INTO search (search, rowid, who, body) VALUES ('delete', ?, ?, ?)"),
         try RawStatement(db, "INSERT INTO search (rowid, who, body) VALUES (?, ?, ?)"))
    }

    /// All prepared here, on the connection's own thread (GRDB prepares nowhere else).
    private static func statements(_ db: Database) throws -> (RawStatement, RawStatement, RawStatement, RawStatement, RawStatement, RawStatement, RawStatement, RawStatement) {
        let columns = ["platform", "native_id"] + MentionRow.contentColumns + ["state", "state_at", "draft_id", "snoozed_until", "imported_at", "tags", "priority"]
        let insert = try RawStatement(db, """
            INSERT INTO mention (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT (platform, native_id) DO NOTHING
            """)
        let find = try RawStatement(db, "SELECT id, \(MentionRow.contentColumns.joined(separator: ", ")) FROM mention WHERE platform = ? AND native_id = ?")
        let update = try RawStatement(db, "UPDATE mention SET \(MentionRow.contentColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?")
        let findAnswer = try RawStatement(db, "SELECT at FROM answered_elsewhere WHERE platform = ? AND native_id = ?")
        let forgetAnswer = try RawStatement(db, "DELETE FROM answered_elsewhere WHERE platform = ? AND native_id = ?")
        let markAnswered = try RawStatement(db, "UPDATE mention SET state = \(StoredState.replied.sql), state_at = ?, draft_id = NULL WHERE platform = ? AND native_id = ? AND state = \(StoredState.waiting.sql)")
        let findKnown = try RawStatement(db, "SELECT 1 FROM mention WHERE platform = ? AND native_id = ?")
        let rememberAnswer = try RawStatement(db, "INSERT OR REPLACE INTO answered_elsewhere (platform, native_id, at) VALUES (?, ?, ?)")
        return (insert, find, update, findAnswer, forgetAnswer, markAnswered, findKnown, rememberAnswer)
    }

    /// Prepares the statements again after a schema change (on the connection's own thread,
    /// so SQLite need not prepare them again inside a step on the writer thread).
    func prepareAgain() throws {
        (insert, find, update, findAnswer, forgetAnswer, markAnswered, findKnown, rememberAnswer) = try Self.statements(db)
        (unindex, reindex) = try Self.searchStatements(db)
        try rules.prepareAgain()
    }

    /// Ends the rules' journal rows: those of rules that changed nothing go.
    func finishRules() throws { try rules.finish() }

    /// The user's own reply (seen in an imported file) answers `ref`: a waiting item becomes
    /// replied elsewhere (counted updated); an item not yet imported is remembered and marked
    /// when it arrives.
    func answered(_ ref: Ref, at: Int64) throws {
        let platform = ref.platform.rawValue
        markAnswered.bind(1, at)
        texts.removeAll()
        texts.add(2, platform)
        texts.add(3, ref.id)
        try markAnswered.execute(texts)
        if db.rawChanges > 0 {
            counts.updated += 1
            return
        }
        texts.removeAll()
        texts.add(1, platform)
        texts.add(2, ref.id)
        guard try findKnown.first(texts, { _ in true }) == nil else { return }
        texts.removeAll()
        texts.add(1, platform)
        texts.add(2, ref.id)
        rememberAnswer.bind(3, at)
        try rememberAnswer.execute(texts)
        answersWaiting = true
    }

    /// Stores one mention: new ones are inserted (with their state, tags and points when they
    /// are given, and as the rules' `steps` leave them, each step journaled), known ones have
    /// changed content updated and their state left alone.
    func store(_ mention: Mention, steps: [RuleStep] = [], at date: Date) throws {
        let platform = mention.platform.rawValue
        let created = Store.milliseconds(mention.createdAt)
        var state = mention.state
        // A waiting item answered elsewhere before it arrived comes in replied. The answer is
        // forgotten only when the item is new (a known item keeps its state and the answer).
        var answer: Int64?
        if answersWaiting, state.isWaiting, let at = try answeredAt(platform, mention.id) {
            answer = at
            state = .replied(draft: "", at: Store.date(at))
        }
        var marks = ItemMarks(state: state, tags: Tag.sorted(mention.tags), priority: mention.priority)
        let ruled = RuleChange.applying(steps, to: &marks, at: date)
        state = marks.state
        texts.removeAll()
        texts.add(1, platform)
        texts.add(2, mention.id)
        addContent(to: &texts, insert, from: 3, mention, created: created)
        let stateIndex = Int32(3 + MentionRow.contentColumns.count)
        texts.add(stateIndex, StoredState(state).rawValue)
        switch state {
        case .waiting:
            insert.bind(stateIndex + 1, nil as Int64?)
            texts.add(stateIndex + 2, nil)
            insert.bind(stateIndex + 3, nil as Int64?)
        case .acknowledged(let at):
            insert.bind(stateIndex + 1, Store.milliseconds(at))
            texts.add(stateIndex + 2, nil)
            insert.bind(stateIndex + 3, nil as Int64?)
        case .replied(let draft, let at):
            insert.bind(stateIndex + 1, Store.milliseconds(at))
            texts.add(stateIndex + 2, draft.isEmpty ? nil : draft)
            insert.bind(stateIndex + 3, nil as Int64?)
        case .snoozed(let until):
            insert.bind(stateIndex + 1, nil as Int64?)
            texts.add(stateIndex + 2, nil)
            insert.bind(stateIndex + 3, Store.milliseconds(until))
        }
        insert.bind(stateIndex + 4, now)
        texts.add(stateIndex + 5, MentionRow.encodeTags(marks.tags))
        insert.bind(stateIndex + 6, Int64(marks.priority))
        try insert.execute(texts)
        if db.rawChanges > 0 {
            counts.imported += 1
            if !ruled.isEmpty { try rules.journal(ruled, of: db.rawLastRowID) }
            if answer != nil { try forget(platform, mention.id) }
            if bulk, state.isWaiting { bulkWaiting[platform, default: 0] += 1 }
            return
        }
        // Known already: compare the content columns, update them when they differ.
        find.bind(1, platform)
        find.bind(2, mention.id)
        let target = MentionRow.encodeTarget(mention.replyTarget)
        let known = try find.first { row -> (id: Int64, same: Bool, old: (String?, String?, String?))? in
            guard let id = row.int64(0) else { return nil }
            let old = (row.text(2), row.text(3), row.text(5))
            let same = row.holds(1, mention.kind.rawValue) && row.holds(2, mention.author.handle) && row.holds(3, mention.author.name)
                && row.holds(4, mention.author.url) && row.holds(5, mention.text) && row.holds(6, created) && row.holds(7, mention.url)
                && row.holds(8, mention.conversation) && row.holds(9, mention.inReplyTo) && row.holds(10, target)
            return (id, same, old)
        }
        guard let found = known ?? nil else {
            throw DatabaseError(message: "mention \(mention.ref) was neither inserted nor found")
        }
        if found.same {
            counts.unchanged += 1
            return
        }
        texts.removeAll()
        addContent(to: &texts, update, from: 1, mention, created: created)
        update.bind(Int32(1 + MentionRow.contentColumns.count), found.id)
        try update.execute(texts)
        counts.updated += 1
        if found.id <= indexed { try indexAgain(found.id, old: found.old, mention) }
    }

    /// Replaces a row's entry in the full-text index (a contentless index is told the old
    /// words to forget).
    private func indexAgain(_ id: Int64, old: (handle: String?, name: String?, text: String?), _ mention: Mention) throws {
        unindex.bind(1, id)
        unindex.bind(2, SearchText.who(handle: old.handle, name: old.name))
        unindex.bind(3, SearchText.fold(old.text ?? ""))
        try unindex.execute()
        reindex.bind(1, id)
        reindex.bind(2, SearchText.who(handle: mention.author.handle, name: mention.author.name))
        reindex.bind(3, SearchText.fold(mention.text))
        try reindex.execute()
    }

    /// Binds `MentionRow.contentColumns` in their order from `index` (texts gathered).
    private func addContent(to texts: inout TextBindings, _ statement: RawStatement, from index: Int32, _ mention: Mention, created: Int64) {
        texts.add(index, mention.kind.rawValue)
        texts.add(index + 1, mention.author.handle)
        texts.add(index + 2, mention.author.name)
        texts.add(index + 3, mention.author.url)
        texts.add(index + 4, mention.text)
        statement.bind(index + 5, created)
        texts.add(index + 6, mention.url)
        texts.add(index + 7, mention.conversation)
        texts.add(index + 8, mention.inReplyTo)
        if mention.replyTarget.isEmpty {
            texts.add(index + 9, nil)
        } else {
            texts.add(index + 9) { MentionRow.writeTarget(mention.replyTarget, into: &$0) }
        }
    }

    /// When the user answered this item elsewhere, before it was imported.
    private func answeredAt(_ platform: String, _ id: String) throws -> Int64? {
        findAnswer.bind(1, platform)
        findAnswer.bind(2, id)
        return try findAnswer.first { $0.int64(0) } ?? nil
    }

    private func forget(_ platform: String, _ id: String) throws {
        forgetAnswer.bind(1, platform)
        forgetAnswer.bind(2, id)
        try forgetAnswer.execute()
    }
}
