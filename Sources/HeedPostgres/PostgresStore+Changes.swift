import Foundation
import HeedCore
import HeedStorage
import NIOCore
import PostgresNIO

/// Others' changes. Every transaction that changes something is followed, once committed, by a
/// new number of the sequence `change_seq` and a `NOTIFY` on the store's channel. So the number
/// of changes others made is the sequence's value less this store's own, read in one statement
/// whenever asked (exact, never early: the number moves only after the change is visible); and
/// an open queue need not ask on every tick, as the `Listener` tells it when to.
extension PostgresStore {
    /// A number that changes whenever another heed commits a change, or someone's composer
    /// presence ends unannounced (it expired); this store's own writes leave it alone.
    public func othersChanges() throws -> Int {
        let (called, last, live) = try links.with { link in
            try link.rows("""
                SELECT is_called, last_value, (SELECT count(*) FROM presence WHERE session <> $1 AND seen > now() - interval '\(Presence.expiry) seconds')
                FROM change_seq
                """, [.text(session)]).first?.decode((Bool, Int, Int).self) ?? (false, 0, 0)
        }
        let own = state.lock.withLock { state.own }
        return ((called ? last : 0) - own) * 4_096 + min(live, 4_095)
    }

    /// Calls `hook` whenever the store's channel carries an announcement (others' changes, and
    /// this store's own), and once more after the listening connection was lost and came back.
    public func whenOthersChange(_ hook: @escaping @Sendable () -> Void) {
        let listener: Listener = state.lock.withLock {
            if let listener = state.listener { return listener }
            let location = location, password = password
            let listener = Listener(channel: channel) { try Link.open(location, password: password) }
            state.listener = listener
            return listener
        }
        listener.add(hook)
    }
}

/// The connection that hears the store's announcements (`LISTEN`), opened in the background and
/// opened again a second after it is lost.
final class Listener: @unchecked Sendable {
    private let lock = NSLock()
    private let channel: String
    private let open: () throws -> Link
    private var hooks: [@Sendable () -> Void] = []
    private var link: Link?
    private var stopped = false
    private let queue = DispatchQueue(label: "heed listener")

    init(channel: String, open: @escaping () throws -> Link) {
        self.channel = channel
        self.open = open
        queue.async { self.connect() }
    }

    /// Adds a hook to call on every announcement.
    func add(_ hook: @escaping @Sendable () -> Void) {
        lock.withLock { hooks.append(hook) }
    }

    /// Whether it is listening now.
    var listening: Bool { lock.withLock { link.map { !$0.isClosed } ?? false } }

    private func heard() {
        for hook in lock.withLock({ hooks }) { hook() }
    }

    private func connect() {
        guard !lock.withLock({ stopped }) else { return }
        do {
            let link = try open()
            link.connection.addListener(channel: channel) { [weak self] _, _ in self?.heard() }
            try link.execute("LISTEN \"\(channel.replacingOccurrences(of: "\"", with: "\"\""))\"")
            let keep = lock.withLock { () -> Bool in
                guard !stopped else { return false }
                self.link = link
                return true
            }
            guard keep else { return link.close() }
            link.connection.closeFuture.whenComplete { [weak self] _ in self?.lost() }
            // Whatever happened while nobody listened: look once.
            heard()
        } catch {
            queue.asyncAfter(deadline: .now() + 1) { [weak self] in self?.connect() }
        }
    }

    private func lost() {
        guard !lock.withLock({ stopped }) else { return }
        queue.asyncAfter(deadline: .now() + 1) { [weak self] in self?.connect() }
    }

    /// Stops listening and closes the connection.
    func stop() {
        let link = lock.withLock { () -> Link? in
            stopped = true
            return self.link
        }
        link?.close()
    }
}
