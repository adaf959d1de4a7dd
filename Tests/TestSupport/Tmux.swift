import Foundation
import XCTest

/// A screen wait that ran out of time; the test has already been failed with the last screen.
public struct ScreenTimeout: Error {
    public init() {}
}

/// A private tmux server for one test: its own socket, config and environment (the panes
/// inherit it), one detached session of a fixed size, keys sent in and the screen read back
/// with `capture-pane`.
public final class Tmux {
    /// The `-L` socket name, unique to this server.
    public let socket = "heed-e2e-\(UUID().uuidString.prefix(12))"
    /// The one session every command targets.
    public let session = "heed"
    private let configPath: String
    private let environment: [String: String]
    /// How long a wait may take before the test fails: long, since a wait that succeeds ends
    /// as soon as the screen shows it, and a loaded machine can take seconds for a frame.
    public var deadline: TimeInterval = 30

    /// Writes the config (no status row, so the pane is the whole window) plus `extraConfig`; the
    /// server and every pane get `environment` (by default the hermetic one of `directory`).
    public init(directory: URL, environment: [String: String]? = nil, extraConfig: [String] = []) throws {
        configPath = directory.appendingPathComponent("tmux.conf").path
        self.environment = environment ?? TestEnvironment.hermetic(in: directory)
        let lines = ["set -g status off", "set -g history-limit 200"] + extraConfig
        try (lines.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Runs one tmux command on this server and returns what it printed.
    @discardableResult
    public func run(_ arguments: [String]) throws -> SpawnResult {
        try Spawn.run(["tmux", "-L", socket, "-f", configPath] + arguments, environment: environment)
    }

    /// Runs a tmux command that must succeed.
    @discardableResult
    public func must(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            XCTFail("tmux \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)", file: file, line: line)
            throw ScreenTimeout()
        }
        return result.stdout
    }

    /// Starts the session detached at `width`×`height`, running the shell command `command`.
    public func start(_ command: String, width: Int = 100, height: Int = 30, file: StaticString = #filePath, line: UInt = #line) throws {
        try must(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command], file: file, line: line)
    }

    /// Sends tmux key names (`a`, `C-s`, `Escape`, `Enter`), one key each.
    public func press(_ keys: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        for key in keys {
            try must(["send-keys", "-t", session, key], file: file, line: line)
        }
    }

    /// Types `text` literally.
    public func type(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try must(["send-keys", "-t", session, "-l", text], file: file, line: line)
    }

    /// Resizes the window (and so the pane) to `width`×`height`.
    public func resize(width: Int, height: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        try must(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"], file: file, line: line)
    }

    /// The pane's visible text, or nil once the pane or server is gone.
    public func screen() throws -> String? {
        let result = try run(["capture-pane", "-p", "-t", session])
        return result.status == 0 ? result.stdout : nil
    }

    /// A format variable of the pane, such as `pane_dead` or `pane_width`.
    public func paneValue(_ name: String) throws -> String? {
        let result = try run(["display-message", "-p", "-t", session, "#{\(name)}"])
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// True while the session exists.
    public func hasSession() throws -> Bool {
        try run(["has-session", "-t", session]).status == 0
    }

    /// The process id of the pane's command (the command is started with `exec`, so it is heed).
    public func panePID() throws -> pid_t? {
        let result = try run(["display-message", "-p", "-t", session, "#{pane_pid}"])
        return pid_t(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Polls the screen until `predicate` holds and returns it; fails with the last screen if not.
    @discardableResult
    public func waitFor(_ what: String, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        let end = Date().addingTimeInterval(deadline)
        var last: String?
        repeat {
            last = try screen()
            if let screen = last, predicate(screen) { return screen }
            usleep(20_000)
        } while Date() < end
        XCTFail("Timed out after \(deadline) s waiting for \(what). Last screen:\n\(Self.framed(last))", file: file, line: line)
        throw ScreenTimeout()
    }

    /// Waits until every one of `texts` is on screen.
    @discardableResult
    public func waitForText(_ texts: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let quoted = texts.map { "'\($0)'" }.joined(separator: " and ")
        return try waitFor(quoted, file: file, line: line) { screen in texts.allSatisfy(screen.contains) }
    }

    /// Waits for the session to end (the app quit and its pane closed).
    public func waitUntilGone(file: StaticString = #filePath, line: UInt = #line) throws {
        let end = Date().addingTimeInterval(deadline)
        var last: String?
        while Date() < end {
            if try !hasSession() { return }
            last = try screen() ?? last
            usleep(20_000)
        }
        XCTFail("The session did not end within \(deadline) s. Last screen:\n\(Self.framed(last))", file: file, line: line)
        throw ScreenTimeout()
    }

    /// Stops the server and everything running in it, and removes its socket file.
    public func kill() {
        _ = try? run(["kill-server"])
        let folder = environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// A screen between rulers, so trailing blanks and empty rows stay visible in a failure.
    public static func framed(_ screen: String?) -> String {
        guard let screen else { return "(no screen: the session is gone)" }
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return (["┌" + String(repeating: "─", count: 20)] + rows.map { "│" + $0 } + ["└" + String(repeating: "─", count: 20)])
            .joined(separator: "\n")
    }
}
