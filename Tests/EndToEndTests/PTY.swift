import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child on a pseudo-terminal of its own (new session, the slave as its controlling terminal),
/// with a background thread that drains the master and keeps every byte the child writes.
final class PTYProcess: @unchecked Sendable {
    /// The child's process id.
    let pid: pid_t
    private let master: Int32
    private let slave: Int32
    private let lock = NSLock()
    private var collected: [UInt8] = []
    private var stopping = false
    private var exitStatus: Int32?
    private let readerDone = DispatchSemaphore(value: 0)

    /// Opens a `width`×`height` pty and spawns `argv[0]` (an absolute path) on it.
    init(_ argv: [String], environment: [String: String], width: Int, height: Int) throws {
        var masterFD: Int32 = -1, slaveFD: Int32 = -1
        guard openpty(&masterFD, &slaveFD, nil, nil, nil) == 0 else { throw SpawnError(description: "openpty: \(String(cString: strerror(errno)))") }
        master = masterFD
        slave = slaveFD
        for fd in [masterFD, slaveFD] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(slaveFD, UInt(TIOCSWINSZ), &size) == 0, let name = ttyname(slaveFD) else {
            closeFD(masterFD); closeFD(slaveFD)
            throw SpawnError(description: "TIOCSWINSZ/ttyname: \(String(cString: strerror(errno)))")
        }
        let slavePath = String(cString: name)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        #if os(Linux)
        let flags: Int32 = 0x80  // glibc's POSIX_SPAWN_SETSID
        Child.closeFrom3(&actions)
        #else
        let flags: Int32 = 0x0400  // POSIX_SPAWN_SETSID
        #endif
        // setsid runs before the file actions, so opening the slave makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let (spawned, child) = Child.spawn(argv, environment: environment, actions: &actions, flags: flags, search: false)
        guard spawned == 0 else {
            closeFD(masterFD); closeFD(slaveFD)
            throw SpawnError(description: "cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        pid = child
        Thread.detachNewThread { [self] in drain() }
    }

    /// Reads the master until told to stop (the parent's slave copy keeps it from hitting EOF).
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !lock.withLock({ stopping }) {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 20) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                lock.withLock { collected.append(contentsOf: buffer[0..<count]) }
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                break
            }
        }
        readerDone.signal()
    }

    /// Every byte collected so far.
    var output: [UInt8] { lock.withLock { collected } }

    /// How many bytes have been collected so far.
    var count: Int { lock.withLock { collected.count } }

    /// Writes `text` to the master, as if typed.
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let written = write(master, &bytes, bytes.count)
            if written > 0 { bytes.removeFirst(written) } else if errno != EINTR { return }
        }
    }

    /// Polls until the collected output contains `text`; false at the deadline.
    func waitFor(_ text: String, timeout: TimeInterval = 10) -> Bool {
        let needle = Array(text.utf8)
        let end = Date().addingTimeInterval(timeout)
        repeat {
            if output.firstRange(of: needle) != nil { return true }
            usleep(10_000)
        } while Date() < end
        return false
    }

    /// Waits until the output has not grown for `quiet` seconds (bounded by `timeout`).
    func settle(quiet: TimeInterval = 0.1, timeout: TimeInterval = 5) {
        let end = Date().addingTimeInterval(timeout)
        var last = count, since = Date()
        while Date() < end {
            usleep(10_000)
            let now = count
            if now != last { last = now; since = Date() } else if Date().timeIntervalSince(since) >= quiet { return }
        }
    }

    /// Waits for the child to exit and returns its exit code (128 + signal); nil if it had to be killed.
    func waitExit(timeout: TimeInterval = 10) -> Int32? {
        if let exitStatus { return exitStatus }
        let end = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < end {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                return exitStatus
            }
            if result == -1, errno != EINTR { return nil }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        exitStatus = -1
        return nil
    }

    /// Kills the child if it still runs, stops the reader and closes both ends.
    func close() {
        if exitStatus == nil { _ = waitExit(timeout: 0) }
        stopReading()
        if !hungUp { closeFD(master) }
        closeFD(slave)
    }

    private var hungUp = false

    /// Closes the master, as a terminal window closing does: the child's terminal hangs up.
    func hangUp() {
        stopReading()
        hungUp = true
        closeFD(master)
    }

    private func stopReading() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { stopping = true }
            return !stopping
        }
        if wasRunning { _ = readerDone.wait(timeout: .now() + 2) }
    }

    /// The terminal's modes now (what `stty -a` would show on it).
    func modes() -> termios {
        var modes = termios()
        _ = tcgetattr(slave, &modes)
        return modes
    }
}

/// `close(2)`, out of reach of `PTYProcess.close()`'s name.
private func closeFD(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}

/// A process's state letter from /proc (R running, S sleeping, T stopped, Z exited and not yet
/// reaped), or nil when there is no such process.
func processState(_ pid: pid_t) -> Character? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let end = stat.lastIndex(of: ")") else { return nil }
    return stat[stat.index(end, offsetBy: 2)...].first
}
