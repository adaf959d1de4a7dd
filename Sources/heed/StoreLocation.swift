import Foundation
import HeedConfig
import HeedOutbox
import HeedPostgres
import HeedStore

/// Where a store lives: a SQLite file (the default, for one person), or a team store on a
/// PostgreSQL server, named by a `postgres://` or `postgresql://` URL.
enum StoreLocation {
    case file(String)
    case team(PostgresLocation)

    /// Reads a `--store` value: a URL names a team store, anything else a file.
    init(_ value: String) throws {
        guard PostgresLocation.isURL(value) else {
            self = .file(value)
            return
        }
        do {
            self = .team(try PostgresLocation(url: value, login: LoginName.current))
        } catch {
            throw HeedExit.usage("\(error)")
        }
    }

    /// How messages name it (a URL without its password).
    var name: String {
        switch self {
        case .file(let path): path
        case .team(let location): location.description
        }
    }
}

/// A store opened for a command: the store, where its drafts live, and what only a file has.
struct OpenedStore {
    let store: any MentionStore
    let drafts: any DraftBox
    /// Told when a write waits for another heed's (a file only).
    let lockWait: LockWait?
    /// The folder the queue watches for files to import.
    let spoolFolder: String
    let location: StoreLocation

    /// Whether several people share it.
    var isTeam: Bool {
        if case .team = location { return true }
        return false
    }
}

extension PathOptions {
    /// The store these options name.
    func location() throws -> StoreLocation { try StoreLocation(storePath) }

    /// Whether these options name a team store.
    var namesTeamStore: Bool { PostgresLocation.isURL(storePath) }
}

/// Who I am: `[team] me`, else the login name.
func person(_ config: Config) -> String { config.team.me ?? LoginName.current }

/// Opens the store the options name, turning its errors into a clear message and exit 1. A file
/// store is made when new; its drafts are the outbox file. A team store's drafts are its own.
/// `config` defaults to config.toml read quietly (its problems are said by the commands that draw);
/// the store is told its response targets and rank order.
func openStore(_ paths: PathOptions, config: Config? = nil) throws -> OpenedStore {
    let config = config ?? Config.load(path: paths.config ?? Config.defaultPath).0
    let location = try paths.location()
    switch location {
    case .file(let path):
        let store = try openStore(path, person: person(config))
        store.configure(targets: config.targets, rank: config.rank)
        return OpenedStore(store: store, drafts: Outbox(path: paths.outboxPath), lockWait: store.lockWait,
                           spoolFolder: (path as NSString).deletingLastPathComponent + "/spool", location: location)
    case .team(let team):
        let store = try openTeamStore(team, config: config)
        store.configure(targets: config.targets, rank: config.rank)
        return OpenedStore(store: store, drafts: TeamDrafts(store: store), lockWait: nil, spoolFolder: PathOptions.dataFolder + "/spool", location: location)
    }
}

/// Connects to a team store (the password from PGPASSWORD, `password_command` or ~/.pgpass).
/// `warn` hears what is said of the password's sources (standard error by default).
func openTeamStore(_ location: PostgresLocation, config: Config, warn: @escaping @Sendable (String) -> Void = { Console().err($0) }) throws -> PostgresStore {
    let passwords = PasswordSources(command: config.team.passwordCommand, warn: warn)
    do {
        return try PostgresStore(location, passwords: passwords, person: person(config))
    } catch {
        throw HeedExit.failure("\(PostgresStore.explain(error, at: location))")
    }
}

/// Another connection to the store the options name, for work on a thread of its own while
/// the full screen is up: nothing is said on standard error (the screen owns the terminal;
/// what the first opening had to say was said then).
func openStoreQuietly(_ paths: PathOptions, config: Config) throws -> any MentionStore {
    switch try paths.location() {
    case .file(let path): try Store(path: path, person: person(config))
    case .team(let location): try openTeamStore(location, config: config, warn: { _ in })
    }
}

/// The drafts the options name, opening a team store only when they name one (a file store is
/// not made just to read the outbox file).
func draftBox(_ paths: PathOptions) throws -> any DraftBox {
    guard paths.namesTeamStore else { return Outbox(path: paths.outboxPath) }
    return try openStore(paths).drafts
}
