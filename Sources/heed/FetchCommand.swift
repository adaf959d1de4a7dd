import ArgumentParser
import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import Screen

/// `heed fetch [ACCOUNT…]`: pulls new items and the user's own answers from each account in
/// config.toml, one summary line per account; exit 1 when any account failed.
struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch new mentions, and your own answers, from the accounts in config.toml.",
        discussion: """
            Each [[accounts]] entry (or those named, by name or platform:handle) is asked for what is new since its last \
            fetch; a first fetch goes back --since (default 30d, or [fetch] since). Prints one line per account: \
            PLATFORM HANDLE: imported N, updated N, unchanged N, skipped N, answered elsewhere N. \
            An account that fails is named on standard error with the reason, and the others still fetch (exit 1). \
            Exit 2 when no account is configured or one named is unknown.
            """
    )

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("Accounts to fetch: a name, or platform:handle (all when none is named).", valueName: "account"))
    var accounts: [String] = []

    @Option(help: ArgumentHelp("How far back an account's first fetch goes (30d by default, or [fetch] since).", valueName: "duration"))
    var since: String?

    func run() throws {
        let file = paths.config ?? Config.defaultPath
        let (config, problems) = Config.load(path: file)
        for problem in problems { say("config \(problem)") }
        let broken = problems.filter { $0.key?.hasPrefix("accounts") ?? false }
        guard !config.accounts.isEmpty || !broken.isEmpty else {
            throw HeedExit.usage("""
                no accounts in \(file): add one, for example
                  [[accounts]]
                  platform = "mastodon"
                  server = "https://example.social"
                  handle = "you@example.social"
                  token_command = "pass show heed/mastodon"
                (the README's Accounts lists every platform's keys)
                """)
        }
        let chosen = try choose(config.accounts)
        var options = FetchOptions.live(config)
        if let since {
            guard let seconds = Age.parse(since), seconds > 0 else { throw HeedExit.usage("--since takes a duration such as 7d, 12h or 30d, not \(since)") }
            options.since = seconds
        }
        let store = try openStore(paths, config: config).store
        let progress = FetchProgressLine()
        let run = FetchRun(store: store, config: config, options: options, progress: { progress.show($0) }, told: { line in
            progress.clear()
            say(line)
        })
        // A broken entry is an account that failed, when every account was asked for.
        var failed = accounts.isEmpty && !broken.isEmpty
        for account in chosen {
            let outcome = run.fetch(account)
            progress.clear()
            try Console().out(Self.clean(outcome.line))
            for note in outcome.notes { say("\(outcome.account): \(note)") }
            if let failure = outcome.failure {
                say("\(outcome.account): failed: \(failure)")
                failed = true
            }
        }
        if failed { throw HeedExit(message: "", code: 1) }
    }

    /// The accounts named on the command line (each must match one), or all of them.
    func choose(_ all: [AccountConfig]) throws -> [AccountConfig] {
        try Self.choose(accounts, from: all)
    }

    /// The accounts `selectors` name (a name, `platform:handle`, a platform; each must match
    /// one), or all of them when there is none.
    static func choose(_ selectors: [String], from all: [AccountConfig]) throws -> [AccountConfig] {
        guard !selectors.isEmpty else { return all }
        var chosen: [AccountConfig] = []
        for selector in selectors {
            let matching = all.filter { $0.matches(selector) }
            guard !matching.isEmpty else {
                let known = all.map { $0.name ?? ($0.platform.map { "\($0.rawValue):" } ?? "") + ($0.handle ?? "") }
                throw HeedExit.usage("no account \(selector) in config.toml (accounts: \(known.joined(separator: ", ")))")
            }
            for account in matching where !chosen.contains(account) { chosen.append(account) }
        }
        return chosen
    }

    /// Text from a server or a command on one line, with nothing a terminal would act on.
    static func clean(_ text: String) -> String {
        Sanitizer.clean(text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension FetchOptions {
    /// The options of a fetch from the command line or the queue: this process's environment,
    /// heed's data folder, and `[fetch]`'s bounds.
    static func live(_ config: Config) -> FetchOptions {
        var options = FetchOptions(environment: ProcessInfo.processInfo.environment, dataFolder: PathOptions.dataFolder)
        options.since = config.fetch.since
        options.policy.maxWait = config.fetch.maxWait
        return options
    }
}

/// A line on standard error, cleaned for the terminal.
private func say(_ line: String) {
    Console().err(Fetch.clean(line))
}

/// The fetch's progress on standard error when it is a terminal and the fetch has taken over
/// a second: the account, pages and items so far, redrawn at most four times a second.
final class FetchProgressLine: @unchecked Sendable {
    private let shown = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var drawn = Date.distantPast
    private var visible = false

    func show(_ progress: FetchProgress) {
        let now = Date()
        guard shown, now.timeIntervalSince(started) >= 1, now.timeIntervalSince(drawn) >= 0.25 else { return }
        drawn = now
        visible = true
        let line = "fetching \(progress.account): \(progress.pages) page\(progress.pages == 1 ? "" : "s"), \(progress.items) items"
        Console().progress(Fetch.clean(line))
    }

    func clear() {
        guard visible else { return }
        visible = false
        Console().progress(nil)
    }
}
