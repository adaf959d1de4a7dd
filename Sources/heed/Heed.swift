import ArgumentParser
import HeedConfig
import HeedPostgres
import HeedStore
import HeedUI
import Foundation

/// heed: a terminal inbox for unanswered mentions, longest wait first.
@main
struct Heed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heed",
        abstract: "A keyboard-driven inbox for unanswered mentions and comments, longest wait first.",
        discussion: """
            Without a subcommand, heed opens the queue (heed open).

            GLOBAL OPTIONS (before or after the subcommand):
              --store <path>   the store: a file, or a team's postgres://user@host/db
                               (default: $HEED_STORE, else
                               $XDG_DATA_HOME/heed/heed.sqlite)
              --outbox <path>  the outbox of drafts (default: $HEED_OUTBOX, else
                               $XDG_DATA_HOME/heed/outbox.jsonl)
              --config <path>  the config (default: $XDG_CONFIG_HOME/heed/config.toml)

            ENVIRONMENT:
              HEED_STORE       the store, unless --store names one
              HEED_OUTBOX      the outbox, unless --outbox names one
              PGPASSWORD       a team store's password (else password_command
                               in [team], else ~/.pgpass)
              XDG_DATA_HOME    store, outbox, autosave/ (default ~/.local/share)
              XDG_CONFIG_HOME  config.toml, themes/, templates/ (default ~/.config)
              NO_COLOR         set to anything: no colour
              VISUAL, EDITOR   the editor Ctrl-E opens on a reply (default vi)
              TERM             the terminal the queue draws on

            FILES:
              ~/.local/share/heed/heed.sqlite   the store; files dropped into
                                                spool/ beside it are imported
              ~/.local/share/heed/outbox.jsonl  the outbox; autosave/ beside it
              ~/.config/heed/config.toml        handles, accounts, limits, views,
                                                targets, rules, theme
              ~/.config/heed/themes/NAME.toml   your themes (heed themes lists them)
              ~/.config/heed/templates/         saved replies, one text file each

            Exit codes: 0 success, 1 failure, 2 usage error or no terminal,
            65 an import rejected records.
            """,
        version: Version.current,
        subcommands: [Open.self, Demo.self, Import.self, Fetch.self, List.self, Ack.self, Assign.self, Undo.self, Stats.self, OutboxCommand.self, Export.self, Send.self,
                      StoreCommand.self, Themes.self, Rules.self],
        defaultSubcommand: Open.self
    )

    /// Every subcommand's name, and ArgumentParser's own `help`.
    static var subcommandNames: Set<String> {
        Set(configuration.subcommands.map { $0._commandName } + ["help"])
    }

    /// Runs the command line with the exit codes of the contract: 2 for usage errors.
    /// A store's failure (full disk, read-only, busy for too long) is one line naming the store, exit 1.
    /// Standard streams are made safe first; every line goes through a `Console`; a broken
    /// config.toml is reported by every command; what a command wrote is flushed before it
    /// exits, and output that could not be written is one line and exit 1.
    static func main() {
        StandardStreams.secure()
        let console = Console()
        var store: String?
        do {
            var command = try parseAsRoot(try CommandLineWords.hoisted(Array(CommandLine.arguments.dropFirst()), subcommands: subcommandNames))
            if let paths = (command as? UsesPaths)?.paths {
                for problem in Config.load(path: paths.configPath).1 { console.err("config \(problem)") }
                if command is UsesStore { store = paths.storePath }
            }
            try command.run()
            end(0, console)
        } catch let failure as HeedExit {
            end(failure.code, saying: failure.message, console)
        } catch let failure as StoreError {
            end(1, saying: "\(failure)", console)
        } catch {
            if let store, PostgresLocation.isURL(store), let location = try? PostgresLocation(url: store, login: LoginName.current) {
                end(1, saying: "\(PostgresStore.explain(error, at: location))", console)
            }
            if let store, let failure = StoreError.sqlite(error, store: store) {
                end(1, saying: "\(failure)", console)
            }
            let code = exitCode(for: error)
            if code == .success {
                // Help, --version, a completion script: what was asked for, on standard output.
                try? console.data(fullMessage(for: error) + "\n")
                end(0, console)
            }
            end(code == .validationFailure ? 2 : code.rawValue, saying: usageLines(fullMessage(for: error)), console)
        }
    }

    /// Ends heed with `code` after saying `message` (if any) and flushing standard output; a
    /// flush that fails says so and turns a success into exit 1.
    static func end(_ code: Int32, saying message: String = "", _ console: Console) -> Never {
        if !message.isEmpty { console.err(message) }
        guard let failure = StandardOutput.shared.finish() else { Foundation.exit(code) }
        if failure.message != message { console.err(failure.message) }
        Foundation.exit(code == 0 ? failure.code : code)
    }

    /// ArgumentParser's error text in heed's style: the error, the usage and where help is,
    /// each a `heed: ` line.
    static func usageLines(_ text: String) -> String {
        text.split(separator: "\n").map { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Error: ") { return String(trimmed.dropFirst("Error: ".count)) }
            if trimmed.hasPrefix("Usage: ") { return "usage: " + trimmed.dropFirst("Usage: ".count) }
            if trimmed.hasPrefix("See '"), trimmed.hasSuffix(" for more information.") { return "see" + trimmed.dropFirst(3).dropLast(1) }
            return trimmed
        }.joined(separator: "\n")
    }
}

/// A command that reads the paths options (and so the config: its problems are reported).
protocol UsesPaths {
    var paths: PathOptions { get }
}

/// A command that opens the store named by its path options.
protocol UsesStore: UsesPaths {}

extension Open: UsesStore {}
extension Import: UsesStore {}
extension List: UsesStore {}
extension Ack: UsesStore {}
extension Fetch: UsesStore {}
extension Send: UsesStore {}
extension Assign: UsesStore {}
extension Undo: UsesStore {}
extension Stats: UsesStore {}
extension OutboxCommand: UsesPaths {}
extension Export: UsesPaths {}
extension Themes: UsesPaths {}
extension Demo: UsesPaths {}

/// Ends the process with a message on standard error and an exit code.
struct HeedExit: Error {
    var message: String
    var code: Int32

    static func failure(_ message: String) -> HeedExit { HeedExit(message: message, code: 1) }
    static func usage(_ message: String) -> HeedExit { HeedExit(message: message, code: 2) }
}

/// Where the store and outbox live: options, then environment, then XDG defaults.
struct PathOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a SQLite file, or a team store's postgres://user@host:5432/database URL. Default: $HEED_STORE, else $XDG_DATA_HOME/heed/heed.sqlite.", valueName: "path|url"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("The outbox of drafts (JSON Lines). Default: $HEED_OUTBOX, else $XDG_DATA_HOME/heed/outbox.jsonl.", valueName: "path"))
    var outbox: String?

    @Option(name: .long, help: ArgumentHelp("The config file. Default: $XDG_CONFIG_HOME/heed/config.toml.", valueName: "path"))
    var config: String?

    var storePath: String {
        store ?? env("HEED_STORE") ?? Self.dataFolder + "/heed.sqlite"
    }

    /// config.toml: `--config`, else its XDG place.
    var configPath: String { config ?? Config.defaultPath }

    /// The folder of config.toml, where `themes/` and `templates/` live too.
    var configFolder: String {
        (configPath as NSString).deletingLastPathComponent
    }

    var outboxPath: String {
        outbox ?? env("HEED_OUTBOX") ?? Self.dataFolder + "/outbox.jsonl"
    }

    private func env(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    static var dataFolder: String {
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/heed" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/heed"
    }
}

/// The config file (heed goes on with the defaults where it is broken; `Heed.main` has
/// reported its problems on standard error before any command runs).
func loadConfig(_ paths: PathOptions) -> Config {
    let config = Config.load(path: paths.configPath).0
    // config.toml's own problems were said by `Heed.main`; the keys' are found only here.
    for problem in Settings.keys(config).problems { Console().err("config \(problem)") }
    return config
}
