import ArgumentParser
import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
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
        let (config, problems) = Config.load(path: paths.configPath)
        let opened = try openStore(paths, config: config)
        let store = opened.store
        // Drafts are kept only where no one else can write them in.
        if let file = opened.drafts as? Outbox {
            do { try file.checkFolder() } catch { throw HeedExit.failure("\(error)") }
        }
        let notices = Notices()
        if let file = store as? Store { for repair in file.repairs { notices.post("Store: \(repair)") } }
        var spool: Spool?
        do {
            spool = try Spool(folder: opened.spoolFolder, store: store, config: config, notices: notices)
        } catch {
            notices.post("\(error)")
        }
        spool?.start()
        defer { spool?.stop() }
        let breaches = BreachWatch(store: store, config: config, notices: notices)
        breaches?.start()
        defer { breaches?.stop() }
        let activity = Activity()
        let indexing = IndexingProgress()
        SearchCatchUp.start(store, notices: notices, activity: activity, progress: indexing)
        let outbox = opened.drafts
        if let problems = try? outbox.read().problems, let first = problems.first {
            notices.post("Outbox \(outbox.name): \(first)\(problems.count > 1 ? " (and \(problems.count - 1) more: heed outbox lists them)" : "")")
        }
        // What a crash left half done between outbox and store is settled before the first frame.
        try? StoreFailures(store: store) { try Replies.settle(store: store, outbox: outbox, at: Date()) }
        var services = Services.live(store: store, outbox: outbox, autosave: paths.outboxPath, templates: paths.configFolder + "/templates", config: config,
                                     notices: notices, team: opened.isTeam)
        // F and [fetch] every: a fetch on a thread and a store connection of its own.
        var options = FetchOptions.live(config)
        options.secretCache = SecretCache()
        let fetch = BackgroundFetch(config: config, options: options) { try openStoreQuietly(paths, config: config) }
        services.indexing = { indexing.current }
        services.startFetch = { fetch.start() }
        services.fetchReport = { fetch.report() }
        // The status row names the file by its name (standard error has the whole path).
        let notice = problems.first.map { problem in
            var short = problem
            short.file = (problem.file as NSString).lastPathComponent
            return "Config: \(short)\(problems.count > 1 ? " (+\((problems.count - 1).grouped) more: any heed command lists them)" : "")"
        }
        // s on the outbox screen: a draft posted on a thread of its own, as heed send posts it.
        if let ledger = outbox as? any SendLedger {
            let send = BackgroundSend(outbox: ledger, config: config, options: options)
            services.startSend = { send.start($0) }
            services.sendReport = { send.report() }
        }
        try Screenful.run(services: services, label: nil, settings: Settings(config), views: config.views.map { QueryTab(name: $0.name, query: $0.query) },
                          look: display.look(config: config, configFolder: paths.configFolder), activity: activity, lockWait: opened.lockWait, notice: notice)
    }
}

/// Opens the store file, turning its errors into a clear message and exit 1. A command kept
/// waiting by another heed's write says so on standard error, once (the queue says it on its
/// status row instead).
func openStore(_ path: String, person: String = LoginName.current) throws -> Store {
    let store: Store
    do {
        store = try Store(path: path, person: person)
    } catch {
        throw HeedExit.failure("\(error)")
    }
    for repair in store.repairs { Console().err("the store \(path): \(repair)") }
    let first = FirstTime()
    store.lockWait.whenWaiting {
        guard first.check() else { return }
        Console().err("waiting for another heed to finish writing \(path)…")
    }
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

    /// `look`: the themes and the one chosen (nil: none was, and the terminal's background decides).
    static func run(services: Services, label: String?, settings: Settings, views: [QueryTab] = [], look: (ThemeLibrary, String?),
                    activity: Activity? = nil, lockWait: LockWait? = nil, notice: String? = nil) throws {
        try MainActor.assumeIsolated {
            let terminal: Terminal
            do {
                terminal = try Terminal.open(askBackground: look.1 == nil)
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
            terminal.useMouse(settings.mouse)
            // No theme chosen: light on a light background, else the default.
            let theme = look.1 ?? (terminal.background ?? .dark).theme
            var app = App(terminal: terminal, services: services, label: label, settings: settings, themes: look.0, theme: theme)
            app.activity = activity
            app.state.tabs = views
            if let notice { app.state.status = .init(text: notice, isError: true) }
            app.run()
            let signal = terminal.quitSignal
            terminal.close()
            // Ended by a signal: the shell's code for it (128 + its number), after the clean-up.
            if let signal { throw HeedExit(message: "", code: 128 + signal) }
        }
    }
}

extension Settings {
    /// The screen's part of the config, on the user's own clock (the time zone of the machine, or `TZ`).
    init(_ config: Config) {
        self.init(limits: config.limits, own: config.handles, overdue: config.overdue, confirmAbove: config.confirmAbove, targets: config.targets,
                  calendar: Settings.userCalendar)
        accounts = config.accounts.count
        fetchEvery = config.fetch.every
        keys = Settings.keys(config).table
        mouse = config.mouse
    }

    /// The key table with the user's `[keys]`, and what is wrong with them, by file and line.
    static func keys(_ config: Config) -> (table: KeyTable, problems: [ConfigProblem]) {
        let (table, problems) = KeyTable.standard.remapped(config.keyEntries.map { ($0.context, $0.command, $0.keys, $0.line) })
        let file = config.keysFile ?? "config.toml"
        return (table, problems.map { ConfigProblem(file: file, line: $0.line, key: $0.key, reason: $0.reason) })
    }

    /// The user's calendar: Gregorian in their time zone. The only place heed reads the zone.
    static var userCalendar: Calendar { Settings.calendar(in: .autoupdatingCurrent) }
}

/// Options of the commands that draw.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The theme to draw with (see heed themes). Default: theme = in config.toml, else light on a light terminal and dark otherwise.", valueName: "name"))
    var theme: String?

    /// The themes (shipped and the user's) and the one chosen, if any was.
    func look(config: Config, configFolder: String) -> (ThemeLibrary, String?) {
        (ThemeLibrary(userFolder: configFolder + "/themes"), theme ?? config.theme)
    }
}
