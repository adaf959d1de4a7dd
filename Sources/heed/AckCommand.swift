import ArgumentParser
import Foundation
import HeedCore
import HeedStore

/// `heed ack REF…` / `heed ack --older-than 30d`: acknowledge from the shell.
struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Acknowledge items (seen, no reply needed) by ref or by age.")

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("Items to acknowledge, as platform:id (see heed list).", valueName: "ref"))
    var refs: [String] = []

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Acknowledge every waiting item older than this (90m, 4h, 30d, 2w).", valueName: "duration"))
    var olderThan: String?

    func validate() throws {
        if refs.isEmpty == (olderThan == nil) {
            throw ValidationError("give either refs or --older-than DURATION")
        }
        for ref in refs where Ref(parsing: ref) == nil {
            throw ValidationError("'\(ref)' is not a ref: write platform:id, for example mastodon:109876")
        }
        if let olderThan, Age.parse(olderThan) == nil {
            throw ValidationError("'\(olderThan)' is not a duration: write for example 90m, 4h, 30d or 2w")
        }
    }

    func run() throws {
        let store = try openStore(paths.storePath)
        let now = Date()
        if let olderThan, let seconds = Age.parse(olderThan) {
            let count = try store.acknowledge(createdBefore: now.addingTimeInterval(-seconds), at: now)
            try StandardOutput.shared.line("acknowledged \(count)")
            return
        }
        let result = try store.acknowledge(refs.compactMap(Ref.init(parsing:)), at: now)
        try StandardOutput.shared.line("acknowledged \(result.changedCount)")
        for ref in result.alreadyAnswered {
            StandardError.say("\(ref) was already answered; left as it was")
        }
        for ref in result.unknown {
            StandardError.say("\(ref) is not in the store")
        }
        if !result.unknown.isEmpty { throw HeedExit(message: "", code: 1) }
    }
}
