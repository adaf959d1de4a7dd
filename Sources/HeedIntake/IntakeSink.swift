import Foundation
import HeedCore
import HeedStore

/// Where `Intake` writes what it takes: the store's import transaction (`ImportSink`), or
/// anything else that counts the same four things.
public protocol IntakeSink {
    /// Stores a mention (new, changed or unchanged).
    func put(_ mention: Mention) throws
    /// Counts a record that is valid but not for the queue.
    func skip()
    /// Counts a malformed record.
    func reject()
    /// Marks an item answered elsewhere (now, or when it arrives).
    func answered(_ ref: Ref, at date: Date) throws
}

extension ImportSink: IntakeSink {}
