import HeedOutbox
import HeedStorage

/// Turns the store's SQLite errors into one line naming the store and what to do.
public struct StoreFailures: Sendable {
    let store: any MentionStore

    public init(store: any MentionStore) { self.store = store }

    /// Runs `body`, turning a failure of the store into `StoreError` wording (an outbox failure keeps its own).
    public func callAsFunction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutboxError {
            throw error
        } catch {
            throw store.explaining(error)
        }
    }
}
