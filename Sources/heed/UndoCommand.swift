import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox
import HeedReplies
import HeedStore
import HeedUI

/// `heed undo`: undoes the last action (from any queue or command), as `u` does.
struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo the last action: acknowledge, reply, snooze, bulk or discard (repeat to go further back).",
        discussion: "A reply undone has its draft discarded in the outbox; a discard undone makes the draft pending again."
    )

    @OptionGroup var paths: PathOptions

    func run() throws {
        let console = Console()
        let store = try openStore(paths.storePath)
        guard let undone = try Replies.undo(store: store, outbox: Outbox(path: paths.outboxPath), at: Date()) else {
            try console.out("nothing to undo")
            return
        }
        let names = undone.refs.prefix(5).map(\.shown).joined(separator: ", ")
        let more = undone.count > 5 ? " and \((undone.count - 5).grouped) more" : ""
        try console.out("undid \(undone.kind.rawValue) of \(undone.count.grouped) item\(undone.count == 1 ? "" : "s"): \(names)\(more)")
    }
}
