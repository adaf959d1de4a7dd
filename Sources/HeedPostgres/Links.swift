import Foundation
import PostgresNIO

/// The store's connections: at most `limit`, each lent to one thread at a time, opened when
/// needed and dropped when the server closed them. A transaction keeps its connection on its
/// thread, so a store method called inside another one's transaction (a draft saved with the
/// item it answers) joins it instead of starting its own.
final class Links: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [Link] = []
    private var opened = 0
    private let limit: Int
    private let connect: () throws -> Link
    /// The connection each thread holds for its transaction, by thread.
    private var held: [UInt: Link] = [:]
    /// Sends the announcement of a change on its connection, right after its `COMMIT` was sent;
    /// the connection runs it once the commit is answered.
    var announcing: ((Link) -> Link.Sent)?
    /// Called once an announcement was made.
    var announced: (() -> Void)?

    init(limit: Int, connect: @escaping () throws -> Link) {
        self.limit = limit
        self.connect = connect
    }

    /// The calling thread.
    private var thread: UInt {
        #if canImport(Glibc)
        UInt(pthread_self())
        #else
        UInt(bitPattern: pthread_self())
        #endif
    }

    /// Runs `body` on a connection: the thread's transaction's when it has one, else a free one.
    @discardableResult
    func with<T>(_ body: (Link) throws -> T) throws -> T {
        if let link = condition.withLock({ held[thread] }) { return try body(link) }
        let link = try take()
        defer { give(link) }
        return try body(link)
    }

    /// Runs `body` in a transaction (READ COMMITTED): committed when it returns, rolled back when
    /// it throws. Inside another transaction of this thread it simply joins it. An outermost
    /// transaction that the server aborted for a deadlock or a serialization failure is run
    /// again (up to five times), so `body` must do nothing it cannot do twice but write to the
    /// database; `retry: false` runs it once whatever happens. `announce`: others are told of
    /// the change once it is committed.
    @discardableResult
    func transaction<T>(announce: Bool = true, retry: Bool = true, _ body: (Link) throws -> T) throws -> T {
        let me = thread
        if let link = condition.withLock({ held[me] }) { return try body(link) }
        var attempt = 0
        while true {
            attempt += 1
            let link = try take()
            condition.withLock { held[me] = link }
            var announcement: Link.Sent?
            do {
                // BEGIN goes with the body's first statement; COMMIT with the announcement.
                let begun = link.send("BEGIN")
                let value = try body(link)
                try begun.wait()
                let commit = link.send("COMMIT")
                announcement = announce ? announcing?(link) : nil
                try commit.wait()
                condition.withLock { held[me] = nil }
                if (try? announcement?.wait()) != nil { announced?() }
                give(link)
                return value
            } catch {
                condition.withLock { held[me] = nil }
                if (try? announcement?.wait()) != nil { announced?() }
                if !link.isClosed { _ = try? link.execute("ROLLBACK") }
                give(link)
                guard retry, attempt < 5, PostgresFailure.isRetryable(error) else { throw error }
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
            }
        }
    }

    /// Runs one writing statement outside a transaction block: it is its own transaction, which
    /// saves the round trips of BEGIN and COMMIT, and its announcement is sent with it (the
    /// connection runs it once the statement has committed). Inside a transaction of this
    /// thread it joins it. Retried as `transaction` is.
    func statement(_ sql: String, _ binds: [Bind]) throws -> [PostgresRow] {
        if condition.withLock({ held[thread] }) != nil { return try transaction { link in try link.rows(sql, binds) } }
        var attempt = 0
        while true {
            attempt += 1
            let link = try take()
            let sent = link.send(sql, binds)
            let announcement = announcing?(link)
            do {
                let rows = try sent.wait()
                if (try? announcement?.wait()) != nil { announced?() }
                give(link)
                return rows
            } catch {
                if (try? announcement?.wait()) != nil { announced?() }
                give(link)
                guard attempt < 5, PostgresFailure.isRetryable(error) else { throw error }
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
            }
        }
    }

    /// A free connection, opened when none is and the limit allows, else waited for.
    private func take() throws -> Link {
        condition.lock()
        while true {
            if let link = idle.popLast() {
                condition.unlock()
                if link.isClosed {
                    condition.withLock { opened -= 1 }
                    condition.lock()
                    continue
                }
                return link
            }
            if opened < limit {
                opened += 1
                condition.unlock()
                do {
                    return try connect()
                } catch {
                    condition.withLock {
                        opened -= 1
                        condition.signal()
                    }
                    throw error
                }
            }
            condition.wait()
        }
    }

    private func give(_ link: Link) {
        condition.withLock {
            if link.isClosed { opened -= 1 } else { idle.append(link) }
            condition.signal()
        }
    }

    /// Closes every idle connection (those lent out close as they come back).
    func close() {
        let links = condition.withLock {
            defer { idle.removeAll() }
            return idle
        }
        for link in links { link.close() }
    }
}
