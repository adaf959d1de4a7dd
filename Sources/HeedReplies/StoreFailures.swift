import HeedOutbox
import HeedStore

/// Turns the store's SQLite errors into one line naming the store and what to do.
public struct StoreFailures: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Runs `body`, turning a failure of the store into `StoreError` wording (an outbox failure keeps its own).
    public func callAsFunction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutboxError {
            throw error
        } catch {
            throw StoreError.explaining(error, store: store.path ?? "(in memory)")
        }
    }
}
