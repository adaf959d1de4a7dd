import Foundation

/// A thread of its own that runs work in the order given: the import's SQLite writer. Not a
/// GCD queue, because it lowers its own scheduling priority (on Linux, where a thread's nice
/// value is its own): on a machine with few cores the thread reading the file, on which the
/// whole import waits, then keeps its core, and so does the parsing done ahead for it
/// (`LinePrefetch`, on GCD's threads, whose priority stays as it was); the writer is given
/// work far enough ahead that it still keeps up.
final class WriterThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var closed = false

    /// Nice value of the writer thread (0 is the default; higher is lower priority).
    static let niceness: Int32 = 5

    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.qualityOfService = .utility
        thread.start()
    }

    /// Runs `job` after everything given before.
    func async(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Waits until everything given so far has run.
    func sync() {
        let done = DispatchSemaphore(value: 0)
        async { done.signal() }
        done.wait()
    }

    /// Lets the thread end once everything given so far has run.
    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        #if os(Linux)
        // Linux keeps a nice value per thread: this lowers this thread's priority only.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)
        #endif
        while true {
            condition.lock()
            while head == jobs.count, !closed { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            // Drop what has run, so the work it holds is freed now.
            jobs[head] = {}
            head += 1
            if head == jobs.count || head >= 64 {
                jobs.removeSubrange(0..<head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
