import Foundation
import HeedFiles

/// Heed's standard streams: made safe first thing in `main`, and written through one checked
/// writer each (`StandardOutput`, `StandardError`).
enum StandardStreams {
    /// Which of descriptors 0, 1 and 2 were closed when heed started. Each was opened on
    /// /dev/null then, so that no file heed opens later (the outbox, the store) takes its
    /// number and gets heed's messages or output written into it.
    static let closedAtStart: Set<Int32> = {
        var closed = Set<Int32>()
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            closed.insert(fd)
            // The lowest free descriptor is `fd` itself; without /dev/null heed cannot run safely.
            guard open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) == fd else { _exit(1) }
        }
        return closed
    }()

    /// Fills closed standard descriptors with /dev/null, and ignores SIGPIPE so that writing to
    /// a pipe nobody reads fails with EPIPE, which the writers handle (the editor and every
    /// other child start with SIGPIPE back at its default).
    static func secure() {
        _ = closedAtStart
        signal(SIGPIPE, SIG_IGN)
    }

    /// Ends heed by SIGPIPE, quietly, as a write to a pipe nobody reads ends other Unix tools.
    static func endByBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_UNBLOCK, &pipeSignal, nil)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }
}

/// Standard output for every command: one buffered writer that checks every write, flushed
/// before heed exits (and before anything goes to standard error, to keep their order). A
/// failed write is remembered and thrown as one line and exit 1 (`heed: cannot write to
/// standard output: No space left on device`), so no output is lost with exit 0; a reader
/// that went away (EPIPE, as in `heed list | head -1`) ends heed at once and quietly.
/// Standard output is one per process, so this writer is too (`shared`).
final class StandardOutput: @unchecked Sendable {
    static let shared = StandardOutput()

    private let lock = NSLock()
    private var buffer: [UInt8] = []
    /// The errno of the first write that failed: every later write and flush fails with it.
    private var failure: Int32?
    /// How much is kept before it is written.
    private let blockSize = 1 << 16

    /// Writes `text` and a line end.
    func line(_ text: String) throws {
        try write(text + "\n")
    }

    /// Writes `text` (in blocks: a large listing stays fast).
    func write(_ text: String) throws {
        try lock.withLock {
            if let failure { throw Self.exit(failure) }
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= blockSize { try writeBuffer() }
        }
    }

    /// Writes whatever is kept; throws the line and exit 1 when standard output failed.
    func flush() throws {
        try lock.withLock { try writeBuffer() }
    }

    /// Flushes, then syncs when standard output is a regular file: once this returns, what
    /// was written is delivered (an export marks its drafts only then).
    func deliver() throws {
        try lock.withLock {
            try writeBuffer()
            var info = stat()
            guard fstat(STDOUT_FILENO, &info) == 0, FileKind(mode: info.st_mode) == .regular else { return }
            guard fsync(STDOUT_FILENO) == 0 || errno == EINVAL else {
                failure = errno
                throw Self.exit(errno)
            }
        }
    }

    /// Flushes at exit: the failure to say, if standard output failed at any time.
    func finish() -> HeedExit? {
        lock.withLock {
            do {
                try writeBuffer()
                return nil
            } catch {
                return error as? HeedExit
            }
        }
    }

    /// Flushes before a line goes to standard error; a failure waits for the next write or
    /// the flush at exit to be said.
    func flushQuietly() {
        lock.withLock { try? writeBuffer() }
    }

    private func writeBuffer() throws {
        if let failure { throw Self.exit(failure) }
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        let code = StandardStreams.closedAtStart.contains(STDOUT_FILENO) ? EBADF : PrivateFiles.writeAll(STDOUT_FILENO, buffer)
        guard let code else { return }
        if code == EPIPE { StandardStreams.endByBrokenPipe() }
        failure = code
        throw Self.exit(code)
    }

    private static func exit(_ code: Int32) -> HeedExit {
        .failure("cannot write to standard output: \(String(cString: strerror(code)))")
    }
}

/// Standard error: heed's messages, a line each (`heed: …`). Errors writing them are ignored:
/// there is nowhere left to say them, and the exit code still tells.
enum StandardError {
    /// Writes "heed: LINE" and a line end, after what standard output holds.
    static func say(_ line: String) {
        write("heed: \(line)\n")
    }

    /// Writes `text` as it is (a progress line's escape codes, a usage message).
    static func write(_ text: String) {
        StandardOutput.shared.flushQuietly()
        _ = PrivateFiles.writeAll(STDERR_FILENO, Array(text.utf8))
    }
}
