import Foundation
import XCTest

/// A screen wait that ran out of time; the test has already been failed with the last screen.
struct ScreenTimeout: Error {}

/// A private tmux server (socket `rel-…`) with one detached session; keys in, screen out.
final class Tmux {
    let socket = "rel-\(UUID().uuidString.prefix(12))"
    let session = "heed"
    private let configPath: String
    var deadline: TimeInterval = 10

    init(directory: URL) throws {
        configPath = directory.appendingPathComponent("tmux.conf").path
        try "set -g status off\nset -g history-limit 100\n".write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> SpawnResult {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil
        return try Spawn.run(["tmux", "-L", socket, "-f", configPath] + arguments, environment: environment, timeout: 20)
    }

    @discardableResult
    func must(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            XCTFail("tmux \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)", file: file, line: line)
            throw ScreenTimeout()
        }
        return result.stdout
    }

    /// Starts the session at `width`×`height` running the shell command `command`.
    func start(_ command: String, width: Int = 100, height: Int = 30, file: StaticString = #filePath, line: UInt = #line) throws {
        try must(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command], file: file, line: line)
    }

    /// Sends tmux key names (`a`, `C-s`, `Escape`), one key each.
    func press(_ keys: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        for key in keys { try must(["send-keys", "-t", session, key], file: file, line: line) }
    }

    /// Types `text` literally.
    func type(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try must(["send-keys", "-t", session, "-l", text], file: file, line: line)
    }

    /// The pane's visible text, or nil once the session is gone.
    func screen() throws -> String? {
        let result = try run(["capture-pane", "-p", "-t", session])
        return result.status == 0 ? result.stdout : nil
    }

    /// The process id of the pane's command (the command is started with `exec`, so it is heed).
    func panePID() throws -> pid_t? {
        let result = try run(["display-message", "-p", "-t", session, "#{pane_pid}"])
        return pid_t(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Polls the screen until `predicate` holds; fails with the last screen if it never does.
    @discardableResult
    func waitFor(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ predicate: (String) -> Bool) throws -> String {
        let end = Date().addingTimeInterval(deadline)
        var last: String?
        repeat {
            last = try screen()
            if let screen = last, predicate(screen) { return screen }
            usleep(20_000)
        } while Date() < end
        XCTFail("Timed out after \(deadline) s waiting for \(what). Last screen:\n\(last ?? "(gone)")", file: file, line: line)
        throw ScreenTimeout()
    }

    @discardableResult
    func waitForText(_ texts: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor(texts.map { "'\($0)'" }.joined(separator: " and "), file: file, line: line) { screen in texts.allSatisfy(screen.contains) }
    }

    /// Stops this server (only this socket's) and removes its socket file.
    func kill() {
        _ = try? run(["kill-server"])
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }
}
