import ArgumentParser
import Foundation
import HeedCore
import HeedOutbox
import HeedReplies
import HeedStore

/// `heed undo`: undoes the last action (from any queue or command), as `u` does.
struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo the last action: acknowledge, reply, snooze, tag, bulk, discard or what a rule did (repeat to go further back).",
        discussion: "A reply undone has its draft discarded in the outbox; a discard undone makes the draft pending again."
    )

    @OptionGroup var paths: PathOptions

    func run() throws {
        let store = try openStore(paths.storePath)
        guard let undone = try Replies.undo(store: store, outbox: Outbox(path: paths.outboxPath), at: Date()) else {
            try StandardOutput.shared.line("nothing to undo")
            return
        }
        let names = undone.refs.prefix(5).map(\.description).joined(separator: ", ")
        let more = undone.count > 5 ? " and \(undone.count - 5) more" : ""
        // A rule by its label ("rule 2 (from:spammer → ack)"), tags with what changed ("tag +press").
        let what = undone.kind == .rule ? undone.detail ?? "a rule" : undone.kind.rawValue + (undone.detail.map { " " + $0 } ?? "")
        try StandardOutput.shared.line("undid \(what) of \(undone.count) item\(undone.count == 1 ? "" : "s"): \(names)\(more)")
    }
}
