import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedStore

/// `on_breach`: the user's program, run once for each item that passes its response target,
/// with the item as one JSON line on standard input (heed's list format with `due_seconds`).
///
/// Who runs it: every open queue, every 30 seconds (`BreachWatch`), and every command that
/// brings items in (`heed import`, and `heed fetch` through `afterImport`), so a cron job
/// that imports notifies without a queue open. The store hands each breach out once
/// (`MentionStore.claimBreaches`: claimed in a write transaction before the program runs), so
/// several queues and commands on one store, and restarts, never run it twice for an item.
/// The program is started without a shell (its words as config.toml lists them), in a process
/// group of its own, with SIGPIPE and the other signals at their defaults, standard output and
/// error to /dev/null; it has `limit` seconds, then it is stopped (SIGTERM, then SIGKILL).
enum BreachNotifier {
    /// How long the program may run for one item.
    static let limit: TimeInterval = 10
    /// Breaches claimed at a time.
    static let batch = 5

    /// Claims breaches and runs the program for each until none are left or `deadline` has
    /// passed; returns how many it ran for and what went wrong (the item and why, the first few).
    static func run(store: any MentionStore, command: [String], targets: ResponseTargets, deadline: Date,
                    now: () -> Date = Date.init) throws -> (ran: Int, problems: [(ref: Ref, reason: String)]) {
        var ran = 0
        var problems: [(ref: Ref, reason: String)] = []
        while now() < deadline {
            let at = now()
            let items = try store.claimBreaches(now: at, limit: batch)
            for item in items {
                let line = HeedLines.line(item.mention, now: at, due: targets.due(item.mention, now: at)) + "\n"
                if let problem = notify(command, input: Array(line.utf8), limit: limit), problems.count < 3 {
                    problems.append((item.mention.ref, problem))
                }
                ran += 1
            }
            if items.count < batch { break }
        }
        return (ran, problems)
    }

    /// After an import: runs the program for what is past its target now (for at most 30
    /// seconds; what is left waits for the next run), when config.toml sets `on_breach` and
    /// targets. Lines for standard error.
    static func afterImport(store: any MentionStore, config: Config) -> [String] {
        guard let command = config.onBreach, let targets = config.targets else { return [] }
        do {
            let (ran, problems) = try run(store: store, command: command, targets: targets, deadline: Date().addingTimeInterval(30))
            return problems.map { "on_breach for \($0.ref): \($0.reason)" } + (ran > 0 ? ["note: on_breach ran for \(ran) item\(ran == 1 ? "" : "s") past \(ran == 1 ? "its" : "their") target"] : [])
        } catch {
            return ["on_breach: \(store.explaining(error))"]
        }
    }

    /// Runs the program once with `input` on its standard input; nil when it ended with 0, else why not.
    static func notify(_ argv: [String], input: [UInt8], limit: TimeInterval) -> String? {
        guard let program = argv.first else { return "no program named" }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return "cannot make a pipe: \(String(cString: strerror(errno)))" }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(pipeEnds[1]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = ChildProcess.spawn(argv, actions: &actions, ownGroup: true, alsoDefault: [SIGTERM, SIGHUP, SIGTSTP, SIGCHLD])
        close(pipeEnds[0])
        let pid: pid_t
        switch spawned {
        case .success(let started): pid = started
        case .failure(let failure): return "cannot start '\(program)': \(failure.reason)"
        }
        let deadline = Date().addingTimeInterval(limit)
        write(input, to: pipeEnds[1], until: deadline)
        close(pipeEnds[1])
        pipeEnds[1] = -1
        return finish(pid, program: program, until: deadline, limit: limit)
    }

    /// Writes what the program takes of `bytes` before the deadline (a program that does not
    /// read its input does not hold heed up).
    private static func write(_ bytes: [UInt8], to fd: Int32, until deadline: Date) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
                continue
            }
            guard written < 0, errno == EAGAIN || errno == EINTR else { return }
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard left > 0 else { return }
            var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            _ = poll(&waiting, 1, left)
        }
    }

    /// Waits for the program until the deadline, then stops its process group.
    private static func finish(_ pid: pid_t, program: String, until deadline: Date, limit: TimeInterval) -> String? {
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { return "lost track of '\(program)': \(String(cString: strerror(errno)))" }
            if Date() >= deadline {
                kill(-pid, SIGTERM)
                let grace = Date().addingTimeInterval(1)
                while waitpid(pid, &status, WNOHANG) == 0, Date() < grace { usleep(10_000) }
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                return "'\(program)' ran longer than \(String(format: "%g", limit)) seconds and was stopped"
            }
            usleep(10_000)
        }
        let signal = status & 0x7F
        if signal != 0 { return "'\(program)' ended with a signal (\(String(cString: strsignal(signal))))" }
        let code = (status >> 8) & 0xFF
        return code == 0 ? nil : "'\(program)' exited with code \(code)"
    }
}
