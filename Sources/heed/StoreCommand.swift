import ArgumentParser
import Foundation
import HeedConfig
import HeedCore
import HeedOutbox
import HeedPostgres
import HeedStore

/// `heed store`: what concerns a store as a whole.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Work on a whole store.", subcommands: [StoreCopy.self])
}

/// `heed store copy FROM TO`: a whole store from SQLite to PostgreSQL or back.
struct StoreCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store (items with their states, tags and points, the journal, drafts) from a SQLite file to a team store, or back.",
        discussion: """
        FROM and TO are a store file or a postgres:// URL. Everything comes along: items with their states, \
        who answered and whom they are assigned to, replies made elsewhere, the journal (so undo goes on), and the \
        drafts (from the outbox file into the team store, or from the team store into the outbox file). The search \
        index is built anew. TO must hold no items unless --merge is given: then the items it holds keep their state.
        """
    )

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("The store to copy: a SQLite file or a postgres:// URL.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The store to copy into: a SQLite file (made when new) or a postgres:// URL.", valueName: "to"))
    var to: String

    @Flag(help: "Copy into a store that holds items already (they keep their state).")
    var merge = false

    func validate() throws {
        if from == to { throw ValidationError("FROM and TO are the same store") }
    }

    func run() throws {
        let config = loadConfig(paths)
        let (source, sourceDrafts) = try open(from, config: config, create: false)
        let (target, targetDrafts) = try open(to, config: config, create: true)
        let name = try StoreLocation(to).name
        var everything = Query()
        everything.scope = .all
        let held = try target.exactCount(everything, now: Date())
        if held > 0, !merge {
            throw HeedExit.failure("\(name) holds \(held) item\(held == 1 ? "" : "s") already; copy into an empty store, or add --merge to keep them")
        }
        let counts = try target.copyIn { sink in try source.copyOut { try sink.put($0) } }
        try target.catchUpSearch()
        var line = counts.summary
        if sourceDrafts.name != targetDrafts.name {
            let known = Set(try targetDrafts.read().drafts.map(\.id))
            let drafts = try sourceDrafts.read().drafts.filter { !known.contains($0.id) }
            try targetDrafts.append(Outbox.records(rebuilding: drafts))
            line += ", \(drafts.count) draft\(drafts.count == 1 ? "" : "s")"
        }
        try Console().out(line + " into \(name)")
    }

    /// A store named by a file or URL, with its drafts. A file FROM must exist.
    private func open(_ value: String, config: Config, create: Bool) throws -> (any MentionStore, any DraftBox) {
        switch try StoreLocation(value) {
        case .file(let path):
            guard create || FileManager.default.fileExists(atPath: path) else { throw HeedExit.failure("there is no store at \(path)") }
            return (try openStore(path, person: person(config)), Outbox(path: paths.outboxPath))
        case .team(let location):
            let store = try openTeamStore(location, config: config)
            return (store, TeamDrafts(store: store))
        }
    }
}
