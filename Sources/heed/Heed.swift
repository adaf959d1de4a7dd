import ArgumentParser
import HeedConfig
import HeedPostgres
import HeedStore
import Foundation

/// heed: a terminal inbox for unanswered mentions, longest wait first.
@main
struct Heed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heed",
        abstract: "A keyboard-driven inbox for unanswered mentions and comments, longest wait first.",
        subcommands: [Open.self, Demo.self, Import.self, List.self, Ack.self, Assign.self, Undo.self, Stats.self, OutboxCommand.self, Export.self,
                      StoreCommand.self, Themes.self],
        defaultSubcommand: Open.self
    )

    /// Runs the command line with the exit codes of the contract: 2 for usage errors.
    /// A store's failure (full disk, read-only, busy for too long) is one line naming the store, exit 1.
    static func main() {
        var store: String?
        do {
            var command = try parseAsRoot()
            store = (command as? UsesStore)?.paths.storePath
            try command.run()
        } catch let failure as HeedExit {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data("heed: \(failure.message)\n".utf8)) }
            Foundation.exit(failure.code)
        } catch let failure as StoreError {
            FileHandle.standardError.write(Data("heed: \(failure)\n".utf8))
            Foundation.exit(1)
        } catch {
            if let store, PostgresLocation.isURL(store), let location = try? PostgresLocation(url: store, login: LoginName.current) {
                FileHandle.standardError.write(Data("heed: \(PostgresStore.explain(error, at: location))\n".utf8))
                Foundation.exit(1)
            }
            if let store, let failure = StoreError.sqlite(error, store: store) {
                FileHandle.standardError.write(Data("heed: \(failure)\n".utf8))
                Foundation.exit(1)
            }
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A command that opens the store named by its path options.
protocol UsesStore {
    var paths: PathOptions { get }
}

extension Open: UsesStore {}
extension Import: UsesStore {}
extension List: UsesStore {}
extension Ack: UsesStore {}
extension Assign: UsesStore {}
extension Undo: UsesStore {}
extension Stats: UsesStore {}

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

    /// The folder of config.toml, where `themes/` and `templates/` live too.
    var configFolder: String {
        ((config ?? Config.defaultPath) as NSString).deletingLastPathComponent
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

/// The config file, with any problem reported on standard error (heed goes on with defaults).
func loadConfig(_ paths: PathOptions) -> Config {
    let (config, problems) = Config.load(path: paths.config ?? Config.defaultPath)
    for problem in problems { FileHandle.standardError.write(Data("heed: config \(problem)\n".utf8)) }
    return config
}
