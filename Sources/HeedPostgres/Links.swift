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
    /// Called after each outermost transaction that announces its change, on its connection,
    /// once committed.
    var committed: ((Link) throws -> Void)?

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
            do {
                try link.execute("BEGIN")
                let value = try body(link)
                try link.execute("COMMIT")
                condition.withLock { held[me] = nil }
                if announce { try? committed?(link) }
                give(link)
                return value
            } catch {
                condition.withLock { held[me] = nil }
                if !link.isClosed { _ = try? link.execute("ROLLBACK") }
                give(link)
                guard retry, attempt < 5, PostgresFailure.isRetryable(error) else { throw error }
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
