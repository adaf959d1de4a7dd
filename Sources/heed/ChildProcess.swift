import Foundation

/// Starting another program (the editor, the browser, a clipboard tool) the one way heed does:
/// with SIGINT, SIGQUIT and SIGPIPE back at their defaults and no signal blocked, whatever heed
/// itself ignores or blocks, so the child behaves as it would started from a shell.
enum ChildProcess {
    /// Starts `argv` (looked up in PATH) with `actions` for its descriptors (nil: heed's own);
    /// its pid, or why it could not start. `ownGroup` puts it in a process group of its own (so
    /// that it and everything it starts can be stopped together), with `alsoDefault` signals
    /// back at their defaults too.
    static func spawn(_ argv: [String], actions: UnsafePointer<posix_spawn_file_actions_t>?, ownGroup: Bool = false,
                      alsoDefault: [Int32] = []) -> Result<pid_t, SpawnFailure> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | (ownGroup ? POSIX_SPAWN_SETPGROUP : 0)))
        if ownGroup { posix_spawnattr_setpgroup(&attributes, 0) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE] + alsoDefault { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var pid = pid_t()
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let spawned = posix_spawnp(&pid, argv[0], actions, &attributes, cArgs, environ)
        return spawned == 0 ? .success(pid) : .failure(SpawnFailure(reason: String(cString: strerror(spawned))))
    }
}

/// Why a program could not be started: the system's words for its error.
struct SpawnFailure: Error {
    let reason: String
}
