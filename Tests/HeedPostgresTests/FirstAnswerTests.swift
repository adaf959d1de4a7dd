import Foundation
import HeedCore
import HeedOutbox
@testable import HeedPostgres
import HeedReplies
import HeedStorage
import HeedUI
import TestSupport
import XCTest

/// One answer per item, decided by the server: two people answering at once never both win,
/// the second is told who was first and when, and keeps nothing half saved.
final class FirstAnswerTests: PostgresStoreCase {
    func testTwoPeopleAnsweringEverythingAtOnceWinEachItemOnce() throws {
        // Given 200 waiting items and ana and ben on two connections each.
        _ = try put((0..<200).map { mention(String($0), minutesAgo: Double(300 - $0)) })
        let ana = try openAgain(store, as: "ana"), ben = try openAgain(store, as: "ben")
        let refs = (0..<200).map { ref(.mastodon, String($0)) }
        // When both answer every item at once, ana replying front to back, ben acknowledging back to front.
        let results = Results()
        let now = now
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            for index in 0..<200 {
                do {
                    if side == 0 {
                        results.add(side, try ana.markReplied(refs[index], draft: "d\(index)", at: now))
                    } else {
                        results.add(side, try ben.acknowledge([refs[199 - index]], at: now))
                    }
                } catch {
                    results.fail(error)
                }
            }
        }
        XCTAssertNil(results.failure)
        // Then each item was won once: the winners' changes split the items, the others were told.
        let won = results.changed
        XCTAssertEqual(Set(won[0]).intersection(won[1]), [])
        XCTAssertEqual(won[0].count + won[1].count, 200)
        XCTAssertEqual(results.answered[0] + results.answered[1], 200, "every loss was reported as answered first")
        for item in try store.list(all: true, limit: nil) {
            let winner = won[0].contains(item.mention.ref) ? "ana" : "ben"
            XCTAssertEqual(item.stateBy, winner, "\(item.mention.ref)")
        }
        XCTAssertEqual(try store.summary().waiting, 0)
        XCTAssertEqual(try team.links.with { try $0.rows("SELECT count(*) FROM journal_entry").first?.decode(Int.self) }, 200, "one journal entry per item")
    }

    func testTheSecondReplyIsToldWhoAnsweredAndLeavesNoDraft() throws {
        // Given one waiting item, and ana's reply saved with her draft in the team's outbox.
        _ = try put([mention("1", minutesAgo: 30)])
        let ana = try XCTUnwrap(openAgain(store, as: "ana") as? PostgresStore), ben = try XCTUnwrap(openAgain(store, as: "ben") as? PostgresStore)
        let input = ReplyInput(ref: ref(.mastodon, "1"), replyTarget: ["id": "1"], author: "user1", text: "Thanks!")
        XCTAssertEqual(try Replies.save(input, at: now, store: ana, outbox: TeamDrafts(store: ana)), .done)
        // When ben saves his, Then he is told ana answered, when, and his draft is not kept.
        var late = input
        late.text = "Thank you!"
        XCTAssertEqual(try Replies.save(late, at: now.addingTimeInterval(5), store: ben, outbox: TeamDrafts(store: ben)), .answeredBy("ana", at: now))
        let drafts = try TeamDrafts(store: ben).read().drafts
        XCTAssertEqual(drafts.map(\.text), ["Thanks!"])
        XCTAssertEqual(try ben.item(input.ref)?.mention.state, .replied(draft: drafts[0].id, at: now))
        // And his acknowledgement changes nothing either, and says who.
        XCTAssertEqual(try Replies.answered(input.ref, store: ben), .answeredBy("ana", at: now))
        XCTAssertEqual(try ben.acknowledge([input.ref], at: now).alreadyAnswered, [input.ref])
    }

    func testADraftIsKeptOnlyWithItsAnswer() throws {
        // Given a draft box on the team store, When a confirmation says no or fails,
        // Then the records are gone; when it says yes they stay.
        let drafts = TeamDrafts(store: team)
        let draft = Draft(id: "d1", ref: ref(.x, "9"), replyTarget: [:], author: nil, text: "hi", createdAt: now)
        XCTAssertFalse(try drafts.append([.draft(draft)]) { false })
        struct Boom: Error {}
        XCTAssertThrowsError(try drafts.append([.draft(draft)]) { throw Boom() })
        XCTAssertEqual(try drafts.read().drafts, [])
        XCTAssertTrue(try drafts.append([.draft(draft)]) { true })
        try drafts.append([.exported(draft: "d1", format: "csv", at: now)])
        XCTAssertEqual(try drafts.read().drafts.map(\.status), [.exported])
    }
}

/// What the threads of a race gathered.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var won: [[Ref]] = [[], []]
    private var lost = [0, 0]
    private var error: (any Error)?

    func add(_ side: Int, _ result: AnswerResult) {
        lock.withLock {
            won[side] += result.changed
            lost[side] += result.alreadyAnswered.count
        }
    }

    func fail(_ error: any Error) { lock.withLock { self.error = error } }

    var changed: [[Ref]] { lock.withLock { won } }
    var answered: [Int] { lock.withLock { lost } }
    var failure: (any Error)? { lock.withLock { error } }
}
