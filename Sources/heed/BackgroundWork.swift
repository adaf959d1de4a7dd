import Foundation
import HeedUI

/// Work on a thread of its own while the queue is open (a fetch, a send), which the loop asks
/// on its tick how it goes: its progress line while it runs, then its result once.
final class BackgroundWork: @unchecked Sendable {
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var running = false
    private var line = ""
    private var result: FetchReport?

    /// Work named `label` (the thread's name).
    init(label: String) {
        queue = DispatchQueue(label: label, qos: .utility)
    }

    /// Starts `work` saying `first`, unless work is running already: false then.
    func start(saying first: String, _ work: @escaping @Sendable () -> FetchReport) -> Bool {
        let started = lock.withLock {
            guard !running else { return false }
            running = true
            line = first
            return true
        }
        guard started else { return false }
        queue.async {
            let result = work()
            self.lock.withLock { self.result = result }
        }
        return true
    }

    /// The progress line from now on.
    func say(_ text: String) {
        lock.withLock { line = text }
    }

    /// The progress while it runs, then its result once.
    func report() -> FetchReport? {
        lock.withLock {
            if let result {
                self.result = nil
                running = false
                return result
            }
            return running ? FetchReport(line: line, finished: false) : nil
        }
    }
}
