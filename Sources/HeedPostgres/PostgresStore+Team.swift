import Foundation
import HeedCore
import HeedStorage
import PostgresNIO

/// The team: who uses the store, and who has a composer open where.
extension PostgresStore {
    /// Everyone who has opened the store or been assigned an item, by name.
    public func teammates() throws -> [String] {
        try links.with { link in
            try link.rows("SELECT person FROM team ORDER BY lower(person), person").map { try $0.decode(String.self) }
        }
    }

    /// Remembers people items are assigned to as teammates.
    func remember(_ people: [String], _ link: Link) throws {
        let now = Self.milliseconds(Date())
        try link.execute("""
            INSERT INTO team (person, first_seen, last_seen) SELECT p, $2, $2 FROM unnest($1::text[]) AS p
            ON CONFLICT (person) DO NOTHING
            """, [.texts(people), .int(now)])
    }

    /// This person has the composer open on `ref` (nil: closed it): a row in `presence`, kept
    /// alive by a heartbeat every few seconds and announced when it starts and ends; one not
    /// heard from for `Presence.expiry` seconds (a heed that died) has ended.
    public func composing(_ ref: Ref?) throws {
        let current: Presence? = state.lock.withLock {
            defer { state.presence = nil }
            return state.presence
        }
        current?.stop()
        guard let ref else {
            try links.transaction { link in try link.execute("DELETE FROM presence WHERE session = $1", [.text(session)]) }
            return
        }
        let opened = try links.transaction { link in
            try link.execute("DELETE FROM presence WHERE seen < now() - interval '1 hour'")
            return try link.execute("""
                INSERT INTO presence (session, person, mention_id, since)
                SELECT $1, $2, id, $5 FROM mention WHERE platform = $3 AND native_id = $4
                ON CONFLICT (session) DO UPDATE SET person = excluded.person, mention_id = excluded.mention_id, since = excluded.since, seen = now()
                """, [.text(session), .text(person), .text(ref.platform.rawValue), .text(ref.id), .int(Self.milliseconds(Date()))]) > 0
        }
        guard opened else { return }
        let presence = Presence { [links, session] in
            _ = try? links.with { link in try link.execute("UPDATE presence SET seen = now() WHERE session = $1", [.text(session)]) }
        }
        state.lock.withLock { state.presence = presence }
    }
}

/// The heartbeat of an open composer's presence.
final class Presence: @unchecked Sendable {
    /// Seconds after its last heartbeat that a presence counts as ended.
    static let expiry = 15
    /// Seconds between heartbeats.
    static let beat = 5.0
    private let timer: DispatchSourceTimer

    init(_ beat: @escaping @Sendable () -> Void) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "heed presence"))
        timer.schedule(deadline: .now() + Self.beat, repeating: Self.beat)
        timer.setEventHandler(handler: beat)
        timer.resume()
    }

    /// Stops the heartbeat.
    func stop() { timer.cancel() }
}

extension PostgresStore {
    /// Runs one import as one transaction (never run twice: its body reads a file once); the
    /// search index follows at once for an everyday import, in the background for a backlog.
    public func importing(now: Date, _ body: (any MentionSink) throws -> Void) throws -> ImportCounts {
        let counts = try links.transaction(retry: false) { link in
            let sink = try PostgresSink(link: link, now: now, bulk: true)
            defer { sink.settle() }
            try body(sink)
            try sink.finish()
            return sink.counts
        }
        // The items are in: should the index fail to follow now, the next queue catches it up.
        try? catchUpAfterImport(everyday: Self.indexAtOnce)
        return counts
    }
}
