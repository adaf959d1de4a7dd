import ArgumentParser
import Foundation
import HeedConfig
import HeedOutbox
import HeedStore
import HeedUI
import Terminal

/// `heed`: the triage queue on the default store.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the triage queue (the default command).")

    @OptionGroup var paths: PathOptions

    func run() throws {
        try Screenful.checkTerminal()
        let config = loadConfig(paths)
        let store = try openStore(paths.storePath)
        let templates = ((paths.config ?? Config.defaultPath) as NSString).deletingLastPathComponent + "/templates"
        try Screenful.run(store: store, services: .live(store: store, outbox: Outbox(path: paths.outboxPath), templates: templates), label: nil, settings: Settings(config))
    }
}

/// Opens the store, turning its errors into a clear message and exit 1.
func openStore(_ path: String) throws -> Store {
    do {
        return try Store(path: path)
    } catch {
        throw HeedExit.failure("\(error)")
    }
}

/// Runs the full-screen app on the main actor and restores the terminal however it ends.
enum Screenful {
    /// Fails with exit 2 and one line when there is no usable terminal, before any file is touched.
    static func checkTerminal() throws {
        do {
            try Terminal.checkUsable()
        } catch {
            throw HeedExit.usage("\(error)")
        }
    }

    static func run(store: Store, services: Services, label: String?, settings: Settings) throws {
        try MainActor.assumeIsolated {
            let terminal: Terminal
            do {
                terminal = try Terminal.open()
            } catch {
                throw HeedExit.usage("\(error)")
            }
            Terminal.catchQuitSignals()
            var app = App(terminal: terminal, services: services, label: label, settings: settings)
            app.run()
            terminal.close()
        }
    }
}

extension Settings {
    /// The screen's part of the config.
    init(_ config: Config) {
        self.init(limits: config.limits, own: config.handles)
    }
}
