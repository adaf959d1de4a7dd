import ArgumentParser
import HeedConfig
import HeedStore
import Foundation

/// heed: a terminal inbox for unanswered mentions, longest wait first.
@main
struct Heed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heed",
        abstract: "A keyboard-driven inbox for unanswered mentions and comments, longest wait first.",
        subcommands: [Open.self, Demo.self, Import.self, List.self, Ack.self, Undo.self, Stats.self, OutboxCommand.self, Export.self, Themes.self, Rules.self],
        defaultSubcommand: Open.self
    )

    /// Runs the command line with the exit codes of the contract: 2 for usage errors.
    /// A store's failure (full disk, read-only, busy for too long) is one line naming the store, exit 1.
    /// Standard streams are made safe first; what a command wrote is flushed before it exits,
    /// and output that could not be written is one line and exit 1.
    static func main() {
        StandardStreams.secure()
        var store: String?
        do {
            var command = try parseAsRoot()
            store = (command as? UsesStore)?.paths.storePath
            try command.run()
            end(0)
        } catch let failure as HeedExit {
            end(failure.code, saying: failure.message)
        } catch let failure as StoreError {
            end(1, saying: "\(failure)")
        } catch {
            if let store, let failure = StoreError.sqlite(error, store: store) {
                end(1, saying: "\(failure)")
            }
            switch exitCode(for: error) {
            case .validationFailure:
                StandardError.write(fullMessage(for: error) + "\n")
                end(2)
            case .success:
                // Help asked for: written and checked like any output.
                do { try StandardOutput.shared.line(fullMessage(for: error)) } catch {}
                end(0)
            default:
                StandardOutput.shared.flushQuietly()
                exit(withError: error)
            }
        }
    }

    /// Ends heed with `code` after saying `message` (if any) and flushing standard output; a
    /// flush that fails says so and turns a success into exit 1.
    static func end(_ code: Int32, saying message: String = "") -> Never {
        if !message.isEmpty { StandardError.say(message) }
        guard let failure = StandardOutput.shared.finish() else { Foundation.exit(code) }
        if failure.message != message { StandardError.say(failure.message) }
        Foundation.exit(code == 0 ? failure.code : code)
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

/// Ends the process with a message on standard error and an exit code.
struct HeedExit: Error {
    var message: String
    var code: Int32

    static func failure(_ message: String) -> HeedExit { HeedExit(message: message, code: 1) }
    static func usage(_ message: String) -> HeedExit { HeedExit(message: message, code: 2) }
}

/// Where the store and outbox live: options, then environment, then XDG defaults.
struct PathOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store (SQLite). Default: $HEED_STORE, else $XDG_DATA_HOME/heed/heed.sqlite.", valueName: "path"))
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
    for problem in problems { StandardError.say("config \(problem)") }
    return config
}
