import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind: its exit status and what it wrote.
public struct SpawnResult: Sendable {
    /// The exit code, or 128 + the signal number if a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// True when the child outlived the deadline and was killed.
    public var timedOut = false

    public init(status: Int32, stdout: String, stderr: String, timedOut: Bool = false) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
    }
}

/// Why a child could not be started at all.
public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A running child started with `posix_spawn`, never Foundation's `Process` (see NOTES.md): an
/// empty signal mask, default signal actions, no inherited descriptor but 0, 1, 2. It can be
/// killed at any moment; `wait` reads its output to EOF, then reaps it.
public final class Child {
    public let pid: pid_t
    private let outRead: Int32
    private let errRead: Int32
    private var reaped: SpawnResult?

    /// Where the child's standard output goes.
    public enum Output: Sendable {
        case pipe
        case file(String)
    }

    /// Starts `argv` (searched on `PATH`) with `environment`.
    public init(_ argv: [String], environment: [String: String] = ProcessInfo.processInfo.environment, stdinPath: String = "/dev/null", stdout: Output = .pipe) throws {
        let outPipe = try Self.makePipe()
        let errPipe = try Self.makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        switch stdout {
        case .pipe: posix_spawn_file_actions_adddup2(&actions, outPipe.write, 1)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        posix_spawn_file_actions_adddup2(&actions, errPipe.write, 2)
        #if os(Linux)
        Self.closeFrom3(&actions)
        #endif
        let (spawned, pid) = Self.spawn(argv, environment: environment, actions: &actions)
        close(outPipe.write)
        close(errPipe.write)
        guard spawned == 0 else {
            close(outPipe.read)
            close(errPipe.read)
            throw SpawnError(description: "cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
        outRead = outPipe.read
        errRead = errPipe.read
    }

    deinit {
        if reaped == nil {
            kill(pid, SIGKILL)
            _ = wait(timeout: 5)
        }
    }

    /// Whether the child has ended (it is not reaped: `wait` still gets its status).
    public var hasExited: Bool {
        if reaped != nil { return true }
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
    }

    /// Ends the child at once (SIGKILL: no handler runs, nothing is flushed).
    public func killNow() { kill(pid, SIGKILL) }

    /// Reads both outputs until EOF (killing the child after `timeout`), then reaps it.
    @discardableResult
    public func wait(timeout: TimeInterval = 30) -> SpawnResult {
        if let reaped { return reaped }
        let (out, err, timedOut) = Self.drain(outRead, errRead, until: Date().addingTimeInterval(timeout))
        if timedOut { kill(pid, SIGKILL) }
        close(outRead)
        close(errRead)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let result = SpawnResult(status: Self.decode(status), stdout: String(decoding: out, as: UTF8.self),
                                 stderr: String(decoding: err, as: UTF8.self), timedOut: timedOut)
        reaped = result
        return result
    }

    /// Starts `argv` with `actions` and what every test child needs: an empty signal mask and
    /// default actions for every signal (the test runner blocks some, and children inherit that),
    /// plus `flags` (a new session, say); `search` looks `argv[0]` up on `PATH`.
    public static func spawn(_ argv: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t,
                             flags extra: Int32 = 0, search: Bool = true) -> (status: Int32, pid: pid_t) {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | extra
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        sigdelset(&everySignal, SIGKILL)
        sigdelset(&everySignal, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cArgv + cEnv { free(pointer) } }
        var pid = pid_t()
        let status = search ? posix_spawnp(&pid, argv[0], &actions, &attributes, cArgv, cEnv) : posix_spawn(&pid, argv[0], &actions, &attributes, cArgv, cEnv)
        return (status, pid)
    }

    #if os(Linux)
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift does not import.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    /// Closes every descriptor above 2 in the child; without glibc's action, marks this
    /// process's descriptors close-on-exec instead.
    public static func closeFrom3(_ actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom, addCloseFrom(&actions, 3) == 0 { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in names.compactMap(Int32.init) where fd > 2 {
            _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        }
    }
    #endif

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    private static func drain(_ a: Int32, _ b: Int32, until deadline: Date) -> ([UInt8], [UInt8], Bool) {
        var collected: [[UInt8]] = [[], []]
        var open = [true, true]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open.contains(true) {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return (collected[0], collected[1], true) }
            var fds = [a, b].enumerated().map { index, fd in pollfd(fd: open[index] ? fd : -1, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(left, 1) * 1000))
            if ready < 0, errno != EINTR { break }
            for index in 0..<2 where open[index] && fds[index].revents != 0 {
                let count = read(fds[index].fd, &buffer, buffer.count)
                if count > 0 {
                    collected[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    open[index] = false
                }
            }
        }
        return (collected[0], collected[1], false)
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

/// Runs a child to the end.
public enum Spawn {
    public typealias Output = Child.Output

    public static func run(_ argv: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           stdinPath: String = "/dev/null", stdout: Output = .pipe, timeout: TimeInterval = 60) throws -> SpawnResult {
        try Child(argv, environment: environment, stdinPath: stdinPath, stdout: stdout).wait(timeout: timeout)
    }
}
