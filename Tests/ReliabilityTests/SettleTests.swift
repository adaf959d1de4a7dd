import Foundation
import HeedCore
import HeedOutbox
import HeedReplies
import HeedStore
import HeedUI
import XCTest
@testable import heed

/// The states a crash can leave between the outbox and the store (each a window of a few
/// microseconds, too narrow for random kills to hit often), made by hand: `Replies.settle`,
/// which opening a queue runs first, settles them.
final class SettleTests: HeedTestCase {
    func draft(_ id: String, _ ref: String) -> Draft {
        Draft(id: id, ref: Ref(platform: .mastodon, id: ref), replyTarget: [:], author: nil, text: "reply \(id)", createdAt: Date())
    }

    /// Killed between writing the draft and marking the item: the draft was never confirmed, so
    /// it is discarded (never exported beside a second reply), and the text typed stays in autosave.
    func testDraftWrittenButItemNotMarked() throws {
        try importMentions(prefix: "s", count: 2)
        let outbox = Outbox(path: outboxPath)
        try outbox.append([.draft(draft("d1", "s-0"))])
        let autosave = Autosave(besideOutbox: outboxPath)
        try autosave.save(Ref(platform: .mastodon, id: "s-0"), text: "reply d1", at: Date())
        let store = try Store(path: storePath)
        try Replies.settle(store: store, outbox: outbox, at: Date())
        let services = Services.live(store: store, outbox: outbox)
        XCTAssertEqual(OutboxFile(path: outboxPath).drafts["d1"]?.status, "discarded")
        XCTAssertEqual(try StoreInspector(path: storePath).states()["mastodon:s-0"]?.state, "waiting")
        XCTAssertEqual(services.unsaved().map(\.ref), [Ref(platform: .mastodon, id: "s-0")], "the reply is offered again from autosave")
    }

    /// Killed between discarding the draft and returning its item: the item returns to the queue.
    func testDraftDiscardedButItemStillReplied() throws {
        try importMentions(prefix: "t", count: 2)
        let store = try Store(path: storePath)
        let outbox = Outbox(path: outboxPath)
        try outbox.append([.draft(draft("d2", "t-1"))])
        try store.markReplied(Ref(platform: .mastodon, id: "t-1"), draft: "d2", at: Date())
        try outbox.append([.discarded(draft: "d2", at: Date())])
        try Replies.settle(store: store, outbox: outbox, at: Date())
        XCTAssertEqual(try StoreInspector(path: storePath).states()["mastodon:t-1"]?.state, "waiting")
        XCTAssertEqual(try store.summary().waiting, 2)
    }

    /// What a finished save or discard left is left alone.
    func testConsistentFilesAreLeftAlone() throws {
        try importMentions(prefix: "u", count: 3)
        let store = try Store(path: storePath)
        let outbox = Outbox(path: outboxPath)
        XCTAssertEqual(try Replies.save(ReplyInput(ref: Ref(platform: .mastodon, id: "u-0"), replyTarget: [:], author: nil, text: "kept"),
                                        at: Date(), store: store, outbox: outbox), .done)
        try outbox.append([.draft(draft("ghost", "elsewhere-1"))])
        let before = bytes(outboxPath)
        try Replies.settle(store: store, outbox: outbox, at: Date())
        XCTAssertEqual(bytes(outboxPath), before, "a replied item's draft and a draft for an item this store does not hold stay as they are")
        XCTAssertEqual(try store.summary().waiting, 2)
    }

    /// The queue settles before its first frame: a draft a crash left unconfirmed is discarded
    /// by the time the queue is on screen, its item waiting.
    func testOpeningTheQueueSettles() throws {
        try importMentions(prefix: "q", count: 2)
        try Outbox(path: outboxPath).append([.draft(draft("d3", "q-0"))])
        let tmux = try makeTmux()
        try tmux.start(queueCommand(), width: 100, height: 20)
        try tmux.waitForText("2 waiting")
        XCTAssertEqual(OutboxFile(path: outboxPath).drafts["d3"]?.status, "discarded")
    }
}
