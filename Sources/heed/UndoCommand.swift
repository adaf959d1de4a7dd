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
        abstract: "Undo the last action: acknowledge, reply, snooze, tag, bulk, discard or what a rule did (repeat to go further back).",
        discussion: "A reply undone has its draft discarded in the outbox; a discard undone makes the draft pending again."
    )

    @OptionGroup var paths: PathOptions

    func run() throws {
        let console = Console()
        let opened = try openStore(paths)
        guard let undone = try Replies.undo(store: opened.store, outbox: opened.drafts, at: Date()) else {
            try console.out("nothing to undo")
            return
        }
        let names = undone.refs.prefix(5).map(\.shown).joined(separator: ", ")
        let more = undone.count > 5 ? " and \((undone.count - 5).grouped) more" : ""
        // A rule by its label ("rule 2 (from:spammer → ack)"), tags with what changed ("tag +press").
        let what = undone.kind == .rule ? undone.detail ?? "a rule" : undone.kind.rawValue + (undone.detail.map { " " + $0 } ?? "")
        try console.out("undid \(what) of \(undone.count.grouped) item\(undone.count == 1 ? "" : "s"): \(names)\(more)")
    }
}
