import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// Actions on items, each one journal row with one entry per item. The first answer wins on
/// the server: an action locks the rows it applies to (`FOR UPDATE`, in id order, so two
/// actions never deadlock on them) only while they are still open, and PostgreSQL checks that
/// again on the newest version of a row another transaction just changed; so of two people
/// answering one item at once, the second finds it answered and changes nothing.
extension PostgresStore {
    /// An action's new values for the state columns, as SQL over the locked row `l` (and binds):
    /// state, state_at, state_by, draft_id, snoozed_until, assignee.
    struct Change {
        var action: UndoneAction.Kind
        var values: [String]
        var binds: [Bind]
        /// Which rows it applies to beyond being open (an assignment skips items already so assigned).
        var only = ""
    }

    /// A state an answer, a snooze or a discard gives.
    func change(_ action: UndoneAction.Kind, _ state: StoredState, at: Int64?, by: String?, draft: String? = nil, until: Int64? = nil) -> Change {
        Change(action: action, values: ["$s1::text", "$s2::bigint", "$s3::text", "$s4::text", "$s5::bigint", "l.assignee"],
               binds: [.text(state.rawValue), .int(at), .text(by), .text(draft), .int(until)])
    }

    /// Acknowledges items, threads or a whole query as one action.
    @discardableResult
    public func acknowledge(_ selection: Selection, at date: Date) throws -> AnswerResult {
        try apply(selection, change(.acknowledge, .acknowledged, at: Self.milliseconds(date), by: person), now: date)
    }

    /// Marks items (a thread answered with one reply) replied with one draft.
    @discardableResult
    public func markReplied(_ selection: Selection, draft: String, at date: Date) throws -> AnswerResult {
        try apply(selection, change(.reply, .replied, at: Self.milliseconds(date), by: person, draft: draft), now: date)
    }

    /// Takes items out of the queue until `until`.
    @discardableResult
    public func snooze(_ selection: Selection, until: Date, at date: Date) throws -> AnswerResult {
        try apply(selection, change(.snooze, .snoozed, at: nil, by: person, until: Self.milliseconds(until)), now: date)
    }

    /// Assigns the open items of a selection to `person` (nil: nobody), as one action.
    @discardableResult
    public func assign(_ selection: Selection, to assignee: String?, at date: Date) throws -> AnswerResult {
        let change = Change(action: .assign, values: ["l.state", "l.state_at", "l.state_by", "l.draft_id", "l.snoozed_until", "$s1::text"],
                            binds: [.text(assignee)], only: "m.assignee IS DISTINCT FROM $s1::text")
        return try links.transaction { link in
            if let assignee { try remember([assignee], link) }
            return try apply(selection, change, now: date)
        }
    }

    /// Puts a replied item back in the queue because its draft was discarded, journaled.
    @discardableResult
    public func reopen(_ ref: Ref, draft: String, at date: Date) throws -> Bool {
        var statement = Statement()
        let locked = "m.platform = \(statement.bind(.text(ref.platform.rawValue))) AND m.native_id = \(statement.bind(.text(ref.id))) AND m.draft_id = \(statement.bind(.text(draft)))"
        let change = self.change(.discard, .waiting, at: nil, by: nil)
        return try links.transaction { link in
            try run(link, &statement, locked: locked, states: "'replied'", change, at: Self.milliseconds(date)).count > 0
        }
    }

    /// Snoozed items whose time has come wait again (not journaled: the snooze ended).
    @discardableResult
    public func wakeSnoozed(now: Date) throws -> Int {
        let at = Self.milliseconds(now)
        let due = try links.with { link in
            try link.rows("SELECT EXISTS (SELECT 1 FROM mention WHERE state = 'snoozed' AND snoozed_until <= $1)", [.int(at)]).first?.decode(Bool.self) ?? false
        }
        guard due else { return 0 }
        return try links.transaction { link in
            try link.execute("UPDATE mention SET state = 'waiting', snoozed_until = NULL, state_by = NULL WHERE state = 'snoozed' AND snoozed_until <= $1", [.int(at)])
        }
    }

    /// Applies a change to the open items of a selection as one journaled action.
    private func apply(_ selection: Selection, _ change: Change, now: Date) throws -> AnswerResult {
        try links.transaction { link in
            var result = AnswerResult(changed: [], alreadyAnswered: [], unknown: [])
            var statement = Statement()
            switch selection {
            case .view(let query):
                let locked = conditions(query, now: now).clause(&statement)
                let outcome = try run(link, &statement, locked: locked, change, at: Self.milliseconds(now), named: Self.reportedRefs)
                result.changed = outcome.refs
                result.changedCount = outcome.count
            case .refs(let refs), .threads(let refs):
                var threads = false
                if case .threads = selection { threads = true }
                let (ids, named) = try candidates(link, refs, threads: threads, result: &result)
                let locked = "m.id = ANY(\(statement.bind(.ints(ids)))::bigint[])"
                // Every changed item is named here: the refs not among them were answered first.
                let outcome = try run(link, &statement, locked: locked, change, at: Self.milliseconds(now), named: ids.count)
                result.changed = Array(outcome.refs.prefix(Self.reportedRefs))
                result.changedCount = outcome.count
                let changed = Set(outcome.ids)
                result.alreadyAnswered = refs.filter { named[$0].map { !changed.contains($0) } ?? false }
            }
            return result
        }
    }

    /// Refs an action reports by name, at most (a bulk action reports its count beyond).
    static let reportedRefs = 1_000

    /// The ids an action on these refs may apply to (with the threads' open items), and the
    /// ids of the refs named; refs the store does not hold are reported unknown.
    func candidates(_ link: Link, _ refs: [Ref], threads: Bool, result: inout AnswerResult) throws -> ([Int64], [Ref: Int64]) {
        let rows = try link.rows("""
            SELECT m.id, m.platform, m.native_id, m.conversation FROM unnest($1::text[], $2::text[]) AS r (platform, native_id)
            JOIN mention m ON m.platform = r.platform AND m.native_id = r.native_id
            """, [.texts(refs.map(\.platform.rawValue)), .texts(refs.map(\.id))])
        var named: [Ref: Int64] = [:]
        var ids: [Int64] = []
        var conversations: [(String, String)] = []
        for row in rows {
            let (id, platform, nativeID, conversation) = try row.decode((Int64, String, String, String?).self)
            guard let known = Platform(rawValue: platform) else { continue }
            named[Ref(platform: known, id: nativeID)] = id
            ids.append(id)
            if threads, let conversation { conversations.append((platform, conversation)) }
        }
        result.unknown = refs.filter { named[$0] == nil }
        if !conversations.isEmpty {
            ids += try link.rows("""
                SELECT m.id FROM unnest($1::text[], $2::text[]) AS c (platform, conversation)
                JOIN mention m ON m.platform = c.platform AND m.conversation = c.conversation WHERE m.state IN ('waiting', 'snoozed')
                """, [.texts(conversations.map(\.0)), .texts(conversations.map(\.1))]).map { try $0.decode(Int64.self) }
        }
        return (ids, named)
    }

    /// What one action did: the ids it changed and their refs (the first `named`, by id), and how many.
    struct Outcome {
        var ids: [Int64] = []
        var refs: [Ref] = []
        var count = 0
    }

    /// Locks the rows of `mention m` that `locked` names while they are in `states` (open, for
    /// all but a discard), in id order; journals their old and new values as one action and
    /// changes them: one statement.
    private func run(_ link: Link, _ statement: inout Statement, locked: String, states: String = "'waiting', 'snoozed'", _ change: Change, at: Int64,
                     named: Int = 1) throws -> Outcome {
        var names: [String: String] = [:]
        for (index, bind) in change.binds.enumerated() { names["$s\(index + 1)"] = statement.bind(bind) }
        func resolve(_ text: String) -> String {
            var text = text
            for (name, placeholder) in names.sorted(by: { $0.key > $1.key }) { text = text.replacingOccurrences(of: name, with: placeholder) }
            return text
        }
        let values = change.values.map(resolve)
        let only = change.only.isEmpty ? "" : " AND " + resolve(change.only)
        let atBind = statement.bind(.int(at)), action = statement.bind(.text(change.action.rawValue)), who = statement.bind(.text(person))
        let limit = statement.bind(.int(Int64(max(1, named))))
        statement.sql = """
            WITH l AS (
                SELECT m.id, m.state, m.state_at, m.state_by, m.draft_id, m.snoozed_until, m.assignee FROM mention m
                WHERE \(locked) AND m.state IN (\(states))\(only) ORDER BY m.id FOR UPDATE),
            j AS (INSERT INTO journal (at, action, person) SELECT \(atBind), \(action), \(who) WHERE EXISTS (SELECT 1 FROM l) RETURNING id),
            e AS (INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_state_by, old_draft_id, old_snoozed_until, old_assignee,
                      new_state, new_state_at, new_state_by, new_draft_id, new_snoozed_until, new_assignee)
                  SELECT j.id, l.id, l.state, l.state_at, l.state_by, l.draft_id, l.snoozed_until, l.assignee, \(values.joined(separator: ", ")) FROM l, j),
            u AS (UPDATE mention m SET state = \(values[0]), state_at = \(values[1]), state_by = \(values[2]), draft_id = \(values[3]),
                      snoozed_until = \(values[4]), assignee = \(values[5])
                  FROM l WHERE m.id = l.id RETURNING m.id, m.platform, m.native_id)
            SELECT id, platform, native_id, count(*) OVER () FROM u ORDER BY id LIMIT \(limit)
            """
        var outcome = Outcome()
        for row in try link.rows(statement) {
            let (id, platform, nativeID, count) = try row.decode((Int64, String, String, Int).self)
            outcome.ids.append(id)
            outcome.refs.append(Ref(platform: try ItemRow.platform(platform, row: id), id: nativeID))
            outcome.count = count
        }
        return outcome
    }
}
