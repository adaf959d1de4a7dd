import Foundation
import HeedCore
import HeedOutbox
import HeedReplies
import HeedStore
import HeedUI
import XCTest
@testable import heed

/// Two queues (two `Store`s on one file, one outbox) answering the same items at the same
/// moment, through the live services' own save: one answer per item, no second draft.
final class ReplyRaceTests: HeedTestCase {
    /// Lets two threads start each round together.
    final class Barrier: @unchecked Sendable {
        private let condition = NSCondition()
        private var waiting = 0
        private var round = 0

        func wait() {
            condition.lock()
            let mine = round
            waiting += 1
            if waiting == 2 {
                waiting = 0
                round += 1
                condition.broadcast()
            } else {
                while round == mine { condition.wait() }
            }
            condition.unlock()
        }
    }

    static func input(_ id: String, _ text: String) -> ReplyInput {
        ReplyInput(ref: Ref(platform: .mastodon, id: id), replyTarget: ["in_reply_to_id": id], author: "someone", text: text)
    }

    /// Runs `sides` (one per thread) for each of `count` items, both starting each item together.
    func race(_ count: Int, _ sides: [@Sendable (Int) throws -> AnswerOutcome]) -> [[AnswerOutcome]] {
        let barrier = Barrier()
        let outcomes = Shared([[AnswerOutcome]](repeating: [], count: 2))
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            for index in 0..<count {
                barrier.wait()
                let outcome = (try? sides[side](index)) ?? .unknown
                outcomes.change { $0[side].append(outcome) }
            }
        }
        return outcomes.current
    }

    func testTwoQueuesReplyingToTheSameItemLeaveOneDraft() throws {
        try importMentions(prefix: "r", count: 80)
        let stores = [try Store(path: storePath), try Store(path: storePath)]
        let outbox = Outbox(path: outboxPath)
        let outcomes = race(80, (0..<2).map { side in
            { index in try Replies.save(Self.input("r-\(index)", "reply from queue \(side)"), at: Date(), store: stores[side], outbox: outbox) }
        })
        for index in 0..<80 {
            XCTAssertEqual(Set([outcomes[0][index], outcomes[1][index]]), [.done, .alreadyAnswered], "item \(index)")
        }
        let file = OutboxFile(path: outboxPath)
        XCTAssertEqual(file.bad.count, 0)
        XCTAssertEqual(file.records.filter { $0["record"] as? String == "draft" }.count, 80, "one draft per item")
        XCTAssertEqual(file.records.filter { $0["record"] as? String == "discarded" }.count, 0, "no draft written and then taken back")
        let states = try StoreInspector(path: storePath).states()
        for (id, draft) in file.drafts {
            XCTAssertEqual(states[draft.ref]?.state, "replied")
            XCTAssertEqual(states[draft.ref]?.draft, id, "the item is marked with the draft the outbox kept")
        }
    }

    func testAcknowledgeAndReplyAtOnceGiveOneAnswer() throws {
        try importMentions(prefix: "x", count: 80)
        let stores = [try Store(path: storePath), try Store(path: storePath)]
        let outbox = Outbox(path: outboxPath)
        let outcomes = race(80, [
            { index in try stores[0].acknowledge([Ref(platform: .mastodon, id: "x-\(index)")], at: Date()).changed.isEmpty ? .alreadyAnswered : .done },
            { index in try Replies.save(Self.input("x-\(index)", "a reply"), at: Date(), store: stores[1], outbox: outbox) },
        ])
        let states = try StoreInspector(path: storePath).states()
        let drafts = OutboxFile(path: outboxPath).drafts
        var replied = 0
        for index in 0..<80 {
            XCTAssertEqual(Set([outcomes[0][index], outcomes[1][index]]), [.done, .alreadyAnswered], "item \(index)")
            let ref = "mastodon:x-\(index)"
            let draftsForItem = drafts.filter { $0.value.ref == ref }
            if outcomes[1][index] == .done {
                replied += 1
                XCTAssertEqual(draftsForItem.map(\.key), [states[ref]?.draft].compactMap { $0 })
            } else {
                XCTAssertEqual(states[ref]?.state, "acknowledged")
                XCTAssertTrue(draftsForItem.isEmpty, "the losing reply left nothing in the outbox")
            }
        }
        XCTAssertEqual(OutboxFile(path: outboxPath).bad.count, 0)
        print("acknowledge against reply: \(80 - replied) acknowledged first, \(replied) replied first")
    }

    /// The outbox cannot be written (/dev/full: ENOSPC): the item is not marked, nothing is journaled.
    func testReplyNotMarkedWhenTheOutboxFails() throws {
        try importMentions(prefix: "f", count: 1)
        let store = try Store(path: storePath)
        XCTAssertThrowsError(try Replies.save(Self.input("f-0", "lost?"), at: Date(), store: store, outbox: Outbox(path: "/dev/full"))) { error in
            XCTAssertEqual("\(error)", "cannot write the outbox /dev/full: No space left on device; nothing was written: free some space and try again")
        }
        XCTAssertTrue(try XCTUnwrap(store.item(Ref(platform: .mastodon, id: "f-0"))).mention.state.isWaiting)
        XCTAssertNil(try store.undoLast(), "nothing to undo: nothing was marked")
    }

    /// The store cannot be written (busy past patience): the draft is taken back out of the outbox.
    func testDraftTakenBackWhenTheStoreFails() throws {
        try importMentions(prefix: "g", count: 1)
        let outbox = Outbox(path: outboxPath)
        try outbox.append([.discarded(draft: "earlier", at: Date())])
        let before = bytes(outboxPath)
        let importer = try Store(path: storePath)
        let impatient = try Store(path: storePath, busyTimeout: 0.2)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? importer.importing(now: Date()) { _ in holding.signal(); release.wait() }
            done.signal()
        }
        holding.wait()
        XCTAssertThrowsError(try StoreFailures(store: impatient) { try Replies.save(Self.input("g-0", "kept?"), at: Date(), store: impatient, outbox: outbox) }) { error in
            XCTAssertTrue("\(error)".contains("is busy"), "\(error)")
        }
        release.signal()
        done.wait()
        XCTAssertEqual(bytes(outboxPath), before, "the draft was cut off again")
        XCTAssertTrue(try XCTUnwrap(importer.item(Ref(platform: .mastodon, id: "g-0"))).mention.state.isWaiting)
    }
}
