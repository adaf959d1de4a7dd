import Foundation
import HeedCore
import HeedStorage

/// What the rules did to the new items of one import on the team store, in the journal as in
/// the SQLite store (`RuleJournal`): one journal row per rule (action `rule`, its label as the
/// detail), made in the rules' order so that undo takes the last rule's first, and one entry
/// per item it changed with the item's state, tags and points before and after (`marks`).
/// Rows of rules that changed nothing are removed when the import ends.
final class RuleEntries {
    private let link: Link
    private let now: Int64
    /// The journal row of each rule, by its number; the highest rule number with a row.
    private var rows: [Int: Int64] = [:]
    private var highest = 0
    private var labelled = Set<Int>()

    init(link: Link, now: Int64) {
        self.link = link
        self.now = now
    }

    /// Journals the changes of the batch's items that are new (rows above `lastRow`).
    func journal(_ changes: [Ref: [RuleChange]], after lastRow: Int64) throws {
        let refs = Array(changes.keys)
        let found = try link.rows("""
            SELECT m.platform, m.native_id, m.id FROM unnest($1::text[], $2::text[]) AS v (platform, native_id)
            JOIN mention m ON m.platform = v.platform AND m.native_id = v.native_id WHERE m.id > $3
            """, [.texts(refs.map(\.platform.rawValue)), .texts(refs.map(\.id)), .int(lastRow)])
        // Every column as text, "" for none (the statement reads "" back as NULL).
        var columns: [[String]] = Array(repeating: [], count: 14)
        for found in found {
            let (platform, nativeID, id) = try found.decode((String, String, Int64).self)
            guard let known = Platform(rawValue: platform), let made = changes[Ref(platform: known, id: nativeID)] else { continue }
            for change in made {
                let old = Self.columns(change.before.state), new = Self.columns(change.after.state)
                let values: [String?] = [
                    String(try row(for: change.rule, label: change.label)), String(id),
                    old.state, old.at.map(String.init), old.draft, old.snoozedUntil.map(String.init),
                    new.state, new.at.map(String.init), new.draft, new.snoozedUntil.map(String.init),
                    Self.json(change.before.tags), Self.json(change.after.tags), String(change.before.priority), String(change.after.priority),
                ]
                for index in values.indices { columns[index].append(values[index] ?? "") }
            }
        }
        guard !columns[0].isEmpty else { return }
        try link.execute("""
            INSERT INTO journal_entry (journal_id, mention_id, old_state, old_state_at, old_draft_id, old_snoozed_until,
                new_state, new_state_at, new_draft_id, new_snoozed_until, marks, old_tags, new_tags, old_priority, new_priority)
            SELECT v.j::bigint, v.m::bigint, v.os, NULLIF(v.oa, '')::bigint, NULLIF(v.od, ''), NULLIF(v.ou, '')::bigint,
                v.ns, NULLIF(v.na, '')::bigint, NULLIF(v.nd, ''), NULLIF(v.nu, '')::bigint, true,
                ARRAY(SELECT jsonb_array_elements_text(v.ot::jsonb)), ARRAY(SELECT jsonb_array_elements_text(v.nt::jsonb)), v.op::bigint, v.np::bigint
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                $11::text[], $12::text[], $13::text[], $14::text[]) AS v (j, m, os, oa, od, ou, ns, na, nd, nu, ot, nt, op, np)
            """, columns.map { Bind.texts($0) })
    }

    /// The journal row of a rule, made (with those of the rules before it) when first needed.
    private func row(for rule: Int, label: String) throws -> Int64 {
        while highest < rule {
            highest += 1
            rows[highest] = try link.rows("INSERT INTO journal (at, action) VALUES ($1, 'rule') RETURNING id", [.int(now)]).first?.decode(Int64.self)
        }
        guard let journal = rows[rule] else { throw PostgresFailure("no journal row for rule \(rule)") }
        if labelled.insert(rule).inserted {
            try link.execute("UPDATE journal SET detail = $1 WHERE id = $2", [.text(label), .int(journal)])
        }
        return journal
    }

    /// Removes the rows of rules that changed nothing.
    func finish() throws {
        guard !rows.isEmpty else { return }
        try link.execute("DELETE FROM journal j WHERE j.id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.journal_id = j.id)",
                         [.ints(Array(rows.values))])
    }

    /// A state as an item's columns (and the journal's) hold it.
    static func columns(_ state: MentionState) -> (state: String, at: Int64?, draft: String?, snoozedUntil: Int64?) {
        switch state {
        case .waiting: (StoredState.waiting.rawValue, nil, nil, nil)
        case .acknowledged(let at): (StoredState.acknowledged.rawValue, PostgresStore.milliseconds(at), nil, nil)
        case .replied(let draft, let at): (StoredState.replied.rawValue, PostgresStore.milliseconds(at), draft.isEmpty ? nil : draft, nil)
        case .snoozed(let until): (StoredState.snoozed.rawValue, nil, nil, PostgresStore.milliseconds(until))
        }
    }

    /// Tags as a JSON array, for the entry's statement to turn into an array.
    static func json(_ tags: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(tags)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
