import Foundation

/// A command of the user's (`token_command`, a `command =` source) run by their shell
/// (`$SHELL -c`, else `/bin/sh -c`) with no terminal: standard input is /dev/null, standard
/// output is kept up to a bound (in memory, or in a file for a source), standard error up to
/// a few kilobytes, and the whole process group is killed when it runs past its time.
public struct ShellCommand: Sendable {
    /// What a finished command left.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        /// Standard output, when kept in memory.
        public var output: [UInt8]
        /// The first few kilobytes of standard error.
        public var errors: String
        /// Whether it printed more than it may (and was stopped).
        public var overflowed: Bool
        /// Whether it ran past its time (and was killed).
        public var timedOut: Bool
    }

    /// The command line, as the user wrote it.
    public var command: String
    /// The shell that runs it.
    public var shell: String
    /// The environment it runs in.
    public var environment: [String: String]
    /// The most standard output kept, in bytes.
    public var limit: Int
    /// How long it may run, in seconds.
    public var timeout: TimeInterval

    /// Standard error kept for messages, in bytes.
    static let errorLimit = 8_192

    /// A command for `environment`'s `$SHELL` (or `/bin/sh` when it has none usable).
    public init(_ command: String, environment: [String: String], limit: Int, timeout: TimeInterval) {
        self.command = command
        self.environment = environment
        self.limit = limit
        self.timeout = timeout
        let shell = environment["SHELL"] ?? ""
        self.shell = shell.hasPrefix("/") && access(shell, X_OK) == 0 ? shell : "/bin/sh"
    }

    /// Runs it, keeping standard output in memory (or writing it to `file`, a descriptor it
    /// leaves open); throws only when it cannot be started.
    public func run(into file: Int32? = nil) throws -> Outcome {
        let outPipe = try Self.pipe()
        let errPipe = try Self.pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group (killed whole on a timeout), no blocked signal, default actions.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGTSTP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let words: [String] = [shell, "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + env { free(pointer) } }
        var pid = pid_t()
        let started = posix_spawn(&pid, shell, &actions, &attributes, argv, env)
        close(outPipe.write)
        close(errPipe.write)
        guard started == 0 else {
            close(outPipe.read)
            close(errPipe.read)
            throw SecretFailure("cannot start \(shell): \(String(cString: strerror(started)))")
        }
        var outcome = collect(pid: pid, out: outPipe.read, err: errPipe.read, into: file)
        close(outPipe.read)
        close(errPipe.read)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let signal = status & 0x7f
        outcome.status = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return outcome
    }

    /// Reads both pipes until they close, the output passes its bound or the time runs out
    /// (then the group is killed).
    private func collect(pid: pid_t, out: Int32, err: Int32, into file: Int32?) -> Outcome {
        var outcome = Outcome(status: 0, output: [], errors: "", overflowed: false, timedOut: false)
        var errors: [UInt8] = []
        var written = 0
        var open = [true, true]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(timeout)
        while open.contains(true) {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                outcome.timedOut = true
                break
            }
            var fds = [pollfd(fd: open[0] ? out : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: open[1] ? err : -1, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, Int32(min(left, 1) * 1000)) < 0, errno != EINTR { break }
            for index in 0..<2 where open[index] && fds[index].revents != 0 {
                let count = read(fds[index].fd, &buffer, buffer.count)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    open[index] = false
                    continue
                }
                if index == 1 {
                    errors += buffer[0..<min(count, max(0, Self.errorLimit - errors.count))]
                } else if written + count > limit {
                    outcome.overflowed = true
                    open = [false, false]
                } else if let file {
                    guard Self.write(buffer[0..<count], to: file) else {
                        outcome.overflowed = true
                        open = [false, false]
                        break
                    }
                    written += count
                } else {
                    outcome.output += buffer[0..<count]
                    written += count
                }
            }
        }
        if outcome.timedOut || outcome.overflowed { kill(-pid, SIGKILL) }
        outcome.errors = String(decoding: errors, as: UTF8.self)
        return outcome
    }

    private static func write(_ bytes: ArraySlice<UInt8>, to fd: Int32) -> Bool {
        var done = 0
        while done < bytes.count {
            let step = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, $0.count - done) }
            if step < 0, errno == EINTR { continue }
            guard step > 0 else { return false }
            done += step
        }
        return true
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Foundation.pipe(&fds) == 0 else { throw SecretFailure("cannot make a pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }
}
