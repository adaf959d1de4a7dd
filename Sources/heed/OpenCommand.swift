import ArgumentParser
import Foundation
import HeedConfig
import HeedOutbox
import HeedReplies
import HeedStore
import HeedTheme
import HeedUI
import Terminal

/// `heed`: the triage queue on the default store.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the triage queue (the default command).")

    @OptionGroup var paths: PathOptions
    @OptionGroup var display: DisplayOptions

    func run() throws {
        try Screenful.checkTerminal()
        let config = loadConfig(paths)
        let store = try openStore(paths.storePath, config: config)
        // Drafts are kept only where no one else can write them in.
        do { try Outbox(path: paths.outboxPath).checkFolder() } catch { throw HeedExit.failure("\(error)") }
        let notices = Notices()
        var spool: Spool?
        do {
            spool = try Spool(folder: (paths.storePath as NSString).deletingLastPathComponent + "/spool", store: store, config: config, notices: notices)
        } catch {
            notices.post("\(error)")
        }
        spool?.start()
        defer { spool?.stop() }
        let breaches = BreachWatch(store: store, config: config, notices: notices)
        breaches?.start()
        defer { breaches?.stop() }
        let activity = Activity()
        SearchCatchUp.start(store, notices: notices, activity: activity)
        if let problems = try? Outbox(path: paths.outboxPath).read().problems, let first = problems.first {
            notices.post("Outbox \(paths.outboxPath): \(first)\(problems.count > 1 ? " (and \(problems.count - 1) more: heed outbox lists them)" : "")")
        }
        let outbox = Outbox(path: paths.outboxPath)
        // What a crash left half done between outbox and store is settled before the first frame.
        try? StoreFailures(store: store) { try Replies.settle(store: store, outbox: outbox, at: Date()) }
        let services = Services.live(store: store, outbox: outbox, templates: paths.configFolder + "/templates", config: config, notices: notices)
        try Screenful.run(services: services, label: nil, settings: Settings(config), views: config.views.map { QueryTab(name: $0.name, query: $0.query) },
                          look: display.look(config: config, configFolder: paths.configFolder), activity: activity, lockWait: store.lockWait)
    }
}

/// Opens the store, turning its errors into a clear message and exit 1. A command kept
/// waiting by another heed's write says so on standard error, once (the queue says it on its
/// status row instead).
func openStore(_ path: String) throws -> Store {
    let store: Store
    do {
        store = try Store(path: path)
    } catch {
        throw HeedExit.failure("\(error)")
    }
    let first = FirstTime()
    store.lockWait.whenWaiting {
        guard first.check() else { return }
        StandardError.say("waiting for another heed to finish writing \(path)…")
    }
    return store
}

/// Opens the store and tells it config.toml's response targets and rank order.
func openStore(_ path: String, config: Config) throws -> Store {
    let store = try openStore(path)
    store.configure(targets: config.targets, rank: config.rank)
    return store
}

/// True the first time it is asked, false after.
final class FirstTime: @unchecked Sendable {
    private let lock = NSLock()
    private var asked = false

    func check() -> Bool {
        lock.withLock {
            defer { asked = true }
            return !asked
        }
    }
}

/// Runs the full-screen app on the main actor and restores the terminal however it ends;
/// SIGTERM, SIGHUP and SIGINT end it as `q` does, with exit code 128 + the signal.
enum Screenful {
    /// Fails with exit 2 and one line when there is no usable terminal, before any file is touched.
    static func checkTerminal() throws {
        do {
            try Terminal.checkUsable()
        } catch {
            throw HeedExit.usage("\(error)")
        }
    }

    static func run(services: Services, label: String?, settings: Settings, views: [QueryTab] = [], look: (ThemeLibrary, String),
                    activity: Activity? = nil, lockWait: LockWait? = nil) throws {
        try MainActor.assumeIsolated {
            let terminal: Terminal
            do {
                terminal = try Terminal.open()
            } catch {
                throw HeedExit.usage("\(error)")
            }
            // A write of the screen's that waits for another heed's says so on the status row.
            let screen = terminal
            lockWait?.whenWaiting {
                guard Thread.isMainThread else { return }
                MainActor.assumeIsolated {
                    screen.overlay(" Waiting for another heed to finish writing the store…", row: Views.statusRow(height: screen.size.height), role: .status)
                }
            }
            defer { lockWait?.whenWaiting(nil) }
            var app = App(terminal: terminal, services: services, label: label, settings: settings, themes: look.0, theme: look.1)
            app.activity = activity
            app.state.tabs = views
            app.run()
            let signal = terminal.quitSignal
            terminal.close()
            // Ended by a signal: the shell's code for it (128 + its number), after the clean-up.
            if let signal { throw HeedExit(message: "", code: 128 + signal) }
        }
    }
}

extension Settings {
    /// The screen's part of the config.
    init(_ config: Config) {
        self.init(limits: config.limits, own: config.handles, overdue: config.overdue, confirmAbove: config.confirmAbove, targets: config.targets)
    }
}

/// Options of the commands that draw.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The theme to draw with (see heed themes). Default: theme = in config.toml, else dark.", valueName: "name"))
    var theme: String?

    /// The themes (shipped and the user's) and the one chosen.
    func look(config: Config, configFolder: String) -> (ThemeLibrary, String) {
        (ThemeLibrary(userFolder: configFolder + "/themes"), theme ?? config.theme ?? ThemeLibrary.defaultName)
    }
}
