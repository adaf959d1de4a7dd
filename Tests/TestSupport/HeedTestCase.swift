import Foundation
import XCTest

/// The base class of every test that runs the real `heed`: a private folder with its own store,
/// outbox, home and XDG folders (`TestEnvironment`, so nothing of the runner's is read and the
/// time zone is fixed), a private tmux server, and heed run without a terminal, in tmux or as a
/// child to be killed. Data helpers are in `HeedTestCase+Data`.
open class HeedTestCase: XCTestCase {
    /// The built `heed` next to the test bundle, or nil when it is missing.
    public static let heedPath: String? = HeedBinary.path

    /// This test's folder, removed when it ends.
    public var directory: URL!
    /// The path of the `heed` under test.
    public var heed: String!
    /// This test's tmux server (started by the first command, killed when the test ends).
    public var tmux: Tmux!
    /// What tearDown undoes (unmounts, extra tmux servers), last first.
    public var cleanups: [() -> Void] = []

    /// This test's store and outbox, which every heed it runs is given.
    public var storePath: String { directory.appendingPathComponent("store.sqlite").path }
    public var outboxPath: String { directory.appendingPathComponent("outbox.jsonl").path }
    /// Its home and XDG folders (`config/`, `data/`, `state/`, `cache/`, `home/`).
    public var folders: TestEnvironment.Folders { TestEnvironment.Folders(in: directory) }

    /// Lines added to this test's tmux config (override for options such as remain-on-exit).
    open var tmuxConfig: [String] { [] }

    open override func setUpWithError() throws {
        try super.setUpWithError()
        guard let path = Self.heedPath else {
            XCTFail(HeedBinary.missing)
            throw ScreenTimeout()
        }
        heed = path
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("heed-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        tmux = try Tmux(directory: directory, environment: childEnvironment, extraConfig: tmuxConfig)
    }

    open override func tearDownWithError() throws {
        tmux?.kill()
        for cleanup in cleanups.reversed() { cleanup() }
        cleanups = []
        if let directory { try? FileManager.default.removeItem(at: directory) }
        try super.tearDownWithError()
    }

    /// The hermetic environment of this test's children, without a store or outbox named.
    public var childEnvironment: [String: String] { TestEnvironment.hermetic(in: directory) }

    /// The environment every heed run gets: `childEnvironment` with this test's store and outbox.
    public var heedEnvironment: [String: String] {
        var environment = childEnvironment
        environment["HEED_STORE"] = storePath
        environment["HEED_OUTBOX"] = outboxPath
        return environment
    }

    /// Runs `heed arguments…` to the end, without a terminal.
    public func runHeed(_ arguments: [String], environment: [String: String]? = nil, stdout: Spawn.Output = .pipe,
                        timeout: TimeInterval = 60) throws -> SpawnResult {
        try Spawn.run([heed] + arguments, environment: environment ?? heedEnvironment, stdout: stdout, timeout: timeout)
    }

    /// Starts `heed arguments…` and returns at once, to be killed or waited for.
    public func startHeed(_ arguments: [String], environment: [String: String]? = nil) throws -> Child {
        try Child([heed] + arguments, environment: environment ?? heedEnvironment)
    }

    /// Single-quotes `text` for `sh`.
    public func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The shell command that runs heed on this test's store and outbox (or `store`, `outbox`)
    /// after `envPrefix` options of `env`; the rest of its environment is the tmux server's,
    /// this test's `childEnvironment`.
    public func heedCommand(envPrefix: String = "", store: String? = nil, outbox: String? = nil) -> String {
        "env \(envPrefix)HEED_STORE=\(quoted(store ?? storePath)) HEED_OUTBOX=\(quoted(outbox ?? outboxPath)) \(quoted(heed))"
    }

    /// `heedCommand` replacing the pane's shell, so that the pane's process is heed.
    public func queueCommand(store: String? = nil, outbox: String? = nil) -> String {
        "exec " + heedCommand(store: store, outbox: outbox)
    }

    /// Another private tmux server with this test's environment, killed when the test ends.
    public func makeTmux() throws -> Tmux {
        let server = try Tmux(directory: directory, environment: childEnvironment)
        cleanups.append { server.kill() }
        return server
    }

    /// Opens the queue in this test's tmux session and waits for its key bar.
    public func openQueue(file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.start(heedCommand(), file: file, line: line)
        try tmux.waitForText("q quit", file: file, line: line)
    }

    /// Polls `condition` until it holds or `timeout` (else the tmux deadline) passes; fails with
    /// `what`, and the last screen when this test's tmux session is up, if it never does.
    public func waitUntil(_ what: String, timeout: TimeInterval? = nil, file: StaticString = #filePath, line: UInt = #line,
                          _ condition: () throws -> Bool) throws {
        let limit = timeout ?? tmux.deadline
        let end = Date().addingTimeInterval(limit)
        repeat {
            if try condition() { return }
            usleep(10_000)
        } while Date() < end
        let screen = (try? tmux.hasSession()) == true ? " Last screen:\n" + Tmux.framed(try tmux.screen()) : ""
        XCTFail("Timed out after \(limit) s waiting for \(what).\(screen)", file: file, line: line)
        throw ScreenTimeout()
    }

    /// The heed process in this test's pane: the pane's own process when the shell exec'd it,
    /// else the first heed among its descendants.
    public func heedPID(file: StaticString = #filePath, line: UInt = #line) throws -> pid_t {
        let binary = URL(fileURLWithPath: heed).resolvingSymlinksInPath().path
        var candidates = [try tmux.paneValue("pane_pid").flatMap { Int32($0) } ?? 0]
        var index = 0
        while index < candidates.count {
            let pid = candidates[index]
            index += 1
            if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"), exe == binary { return pid }
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            candidates += children.split(separator: " ").compactMap { Int32($0) }
        }
        XCTFail("no heed process under pane \(candidates.first ?? 0)", file: file, line: line)
        throw ScreenTimeout()
    }
}
