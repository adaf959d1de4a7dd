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
        let store = try openStore(paths).store
        let now = Date()
        if let olderThan, let seconds = Age.parse(olderThan) {
            let count = try store.acknowledge(createdBefore: now.addingTimeInterval(-seconds), at: now)
            print("acknowledged \(count)")
            return
        }
        let result = try store.acknowledge(refs.compactMap(Ref.init(parsing:)), at: now)
        print("acknowledged \(result.changedCount)")
        for ref in result.alreadyAnswered {
            FileHandle.standardError.write(Data("heed: \(ref) was already answered; left as it was\n".utf8))
        }
        for ref in result.unknown {
            FileHandle.standardError.write(Data("heed: \(ref) is not in the store\n".utf8))
        }
        if !result.unknown.isEmpty { throw HeedExit(message: "", code: 1) }
    }
}
