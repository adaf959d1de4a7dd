import Foundation

/// The environment of every child a test starts (heed, tmux and the shells in its panes), so
/// that no test reads the runner's files or depends on the runner's time zone or locale. Of the
/// runner's variables only `kept` come through; `HOME` and the XDG folders are folders inside
/// the test's own; `TZ` and `LANG` are fixed. Anything else — `HEED_STORE`, `HEED_OUTBOX`,
/// `EDITOR`, `VISUAL`, `NO_COLOR`, `TERM`, `LC_*` — reaches a child only when the test sets it.
public enum TestEnvironment {
    /// The runner's variables a child keeps: where programs, temporary files and tmux sockets are,
    /// and where coverage is written.
    public static let kept = ["PATH", "TMPDIR", "TMUX_TMPDIR", "LLVM_PROFILE_FILE"]
    /// Every child's time zone, whatever the runner's is.
    public static let timeZone = "UTC"
    /// Every child's locale: UTF-8, as a terminal user's is.
    public static let language = "C.UTF-8"

    /// A test's own folders for what heed would otherwise take from the user: `HOME` and the
    /// XDG config, data, state and cache folders, all inside the test's folder.
    public struct Folders: Sendable {
        public let home: URL, config: URL, data: URL, state: URL, cache: URL

        /// The folders inside `directory`: `home`, `config`, `data`, `state`, `cache`.
        public init(in directory: URL) {
            home = directory.appendingPathComponent("home")
            config = directory.appendingPathComponent("config")
            data = directory.appendingPathComponent("data")
            state = directory.appendingPathComponent("state")
            cache = directory.appendingPathComponent("cache")
        }
    }

    /// The environment for the children of a test whose folder is `directory`: the `kept`
    /// variables of `runner` (the test process's environment), the `Folders` in `directory`
    /// (the home folder is created, the others are left for heed to make), `TZ` and `LANG`.
    public static func hermetic(in directory: URL, runner: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        let folders = Folders(in: directory)
        try? FileManager.default.createDirectory(at: folders.home, withIntermediateDirectories: true)
        var environment = runner.filter { kept.contains($0.key) }
        environment["HOME"] = folders.home.path
        environment["XDG_CONFIG_HOME"] = folders.config.path
        environment["XDG_DATA_HOME"] = folders.data.path
        environment["XDG_STATE_HOME"] = folders.state.path
        environment["XDG_CACHE_HOME"] = folders.cache.path
        environment["TZ"] = timeZone
        environment["LANG"] = language
        return environment
    }
}
