import Foundation

/// Starts the programs the queue hands a link or a text to: the browser for `O`, a clipboard
/// tool for `y` and `Y` when the terminal takes no OSC 52. Always without a shell (the words
/// of `$BROWSER` are split on blanks, `%s` replaced by the link or the link added last), with
/// SIGPIPE, SIGINT and SIGQUIT at their defaults, and standard output and error to /dev/null
/// so that nothing they say lands on the screen.
enum Launcher {
    /// The browser's words for `url`: the first command of `$BROWSER` (a `:`-separated list),
    /// else `xdg-open`.
    static func browserCommand(_ url: String, environment: [String: String]) -> [String] {
        let first = environment["BROWSER"]?.split(separator: ":").first.map(String.init) ?? ""
        let words = first.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return ["xdg-open", url] }
        return words.contains { $0.contains("%s") } ? words.map { $0.replacingOccurrences(of: "%s", with: url) } : words + [url]
    }

    /// Opens `url` in the browser; why it could not, or nil. Does not wait for the browser.
    static func open(_ url: String) -> String? {
        let argv = browserCommand(url, environment: ProcessInfo.processInfo.environment)
        switch start(argv, input: nil) {
        case .failure(let reason): return reason.description
        case .success(let pid):
            // Reaped in the background: a browser may run for as long as it likes.
            Thread.detachNewThread { var status: Int32 = 0; while waitpid(pid, &status, 0) < 0, errno == EINTR {} }
            return nil
        }
    }

    /// The clipboard tools tried, in order, for this session (Wayland, X11, macOS).
    static func clipboardTools(environment: [String: String]) -> [[String]] {
        var tools: [[String]] = []
        if environment["WAYLAND_DISPLAY"] != nil { tools.append(["wl-copy"]) }
        if environment["DISPLAY"] != nil { tools += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]] }
        tools.append(["pbcopy"])
        return tools
    }

    /// Puts `text` on the clipboard with the first tool that starts and succeeds within two
    /// seconds: its name, or why none did.
    static func copy(_ text: String) -> Result<String, LaunchFailure> {
        for tool in clipboardTools(environment: ProcessInfo.processInfo.environment) {
            guard case .success(let pid) = start(tool, input: Array(text.utf8)) else { continue }
            if waitBriefly(pid) == 0 { return .success(tool[0]) }
        }
        return .failure(LaunchFailure("the terminal takes no OSC 52 and no clipboard tool (wl-copy, xclip, xsel) worked"))
    }

    /// Waits up to two seconds for `pid`: its exit code, or nil when it is still running.
    static func waitBriefly(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        for _ in 0..<200 {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
            if done < 0, errno != EINTR { return nil }
            usleep(10_000)
        }
        Thread.detachNewThread { var status: Int32 = 0; while waitpid(pid, &status, 0) < 0, errno == EINTR {} }
        return nil
    }

    /// Starts `argv` with `input` on its standard input (else /dev/null); its pid.
    static func start(_ argv: [String], input: [UInt8]?) -> Result<pid_t, LaunchFailure> {
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil, pipe(&pipeEnds) != 0 { return .failure(LaunchFailure("cannot make a pipe: \(String(cString: strerror(errno)))")) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], STDIN_FILENO)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        let spawned = ChildProcess.spawn(argv, actions: &actions)
        if input != nil { close(pipeEnds[0]) }
        let pid: pid_t
        switch spawned {
        case .success(let started): pid = started
        case .failure(let failure):
            if input != nil { close(pipeEnds[1]) }
            return .failure(LaunchFailure("cannot start '\(argv[0])': \(failure.reason)"))
        }
        if let input {
            // SIGPIPE is ignored in heed: a tool that stops reading makes write fail, not heed.
            var written = 0
            while written < input.count {
                let count = input[written...].withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                written += count
            }
            close(pipeEnds[1])
        }
        return .success(pid)
    }
}

/// Why a program could not be started or did not do its part.
struct LaunchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
