import Foundation
import HeedCore
import HeedStore
import HeedUI

/// Indexes for search, in the background of an open queue, what a large import, an older heed
/// or an interrupted run left unindexed; searches meanwhile find what is indexed so far. It
/// starts once the first screen is drawn, works in small transactions, and stops for a moment
/// after every key, so that the queue's own writes (an acknowledgment, the check for other
/// processes' changes) wait for one batch at most.
enum SearchCatchUp {
    /// Rows a transaction: 1.5 ms of indexing by median on the development machine, 4 ms at
    /// p90 (about one in a hundred also carries one of the index's merges, some 30 ms).
    static let batch = 250

    static func start(_ store: any MentionStore, notices: Notices, activity: Activity, progress: IndexingProgress) {
        Thread.detachNewThread {
            activity.waitForFirstFrame()
            defer { progress.set(nil) }
            do {
                guard let left = try? store.unindexedCount(), left > 0 else { return }
                progress.set(Indexing(done: 0, total: left))
                notices.post("Indexing \(left.grouped) items for search in the background; searches find what is indexed so far…")
                let done = try store.catchUpSearch(batch: batch) { done in
                    progress.set(Indexing(done: done, total: left))
                    activity.waitForQuiet()
                }
                notices.post("Search index ready (\(done.grouped) items indexed)")
            } catch {
                notices.post("The search index could not be brought up to date: \(error)")
            }
        }
    }
}

/// How far the background indexing has come, shared between its thread and the queue.
final class IndexingProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Indexing?

    /// Where indexing stands now (nil: not running).
    var current: Indexing? { lock.withLock { value } }

    /// Records where indexing stands (nil: it ended).
    func set(_ indexing: Indexing?) { lock.withLock { value = indexing } }
}

/// What background work needs to know of the screen: whether its first frame is drawn and when
/// the last key came, so that it gives way to the person at the keyboard.
final class Activity: @unchecked Sendable {
    private let condition = NSCondition()
    private var drawn = false
    private var lastKey = Date.distantPast

    /// How long after a key background work stays paused.
    static let quiet: TimeInterval = 0.3

    func firstFrameDrawn() {
        condition.lock()
        drawn = true
        condition.broadcast()
        condition.unlock()
    }

    func keyPressed() {
        condition.lock()
        lastKey = Date()
        condition.unlock()
    }

    func waitForFirstFrame() {
        condition.lock()
        while !drawn { condition.wait() }
        condition.unlock()
    }

    /// Returns once no key has come for `quiet` seconds.
    func waitForQuiet() {
        while true {
            condition.lock()
            let since = Date().timeIntervalSince(lastKey)
            condition.unlock()
            if since >= Self.quiet { return }
            Thread.sleep(forTimeInterval: Self.quiet - since)
        }
    }
}
