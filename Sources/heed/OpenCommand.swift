import ArgumentParser
import Foundation
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
        let store = try openStore(paths.storePath)
        try Screenful.run(store: store, outbox: Outbox(path: paths.outboxPath), label: nil)
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

    static func run(store: Store, outbox: Outbox, label: String?) throws {
        try MainActor.assumeIsolated {
            let terminal: Terminal
            do {
                terminal = try Terminal.open()
            } catch {
                throw HeedExit.usage("\(error)")
            }
            Terminal.catchQuitSignals()
            var app = App(terminal: terminal, services: .live(store: store, outbox: outbox), label: label)
            app.run()
            terminal.close()
        }
    }
}
