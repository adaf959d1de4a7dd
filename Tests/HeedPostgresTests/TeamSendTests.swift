import Foundation
import HeedCore
import HeedOutbox
@testable import HeedPostgres
import HeedReplies
import HeedStorage
import HeedUI
import TestSupport
import XCTest

/// A team's drafts are sent as the outbox file's are: one heed sends at a time (a second is
/// told another sends, and sees it sending), and a record is kept only while its draft is as
/// read, so two teammates never post one draft twice.
final class TeamSendTests: PostgresStoreCase {
    func testOneHeedSendsAtATimeAndARecordNeedsItsDraftAsRead() throws {
        // Given ana's reply saved as a draft in the team's outbox, and ben on another connection.
        _ = try put([mention("1", minutesAgo: 30)])
        let ana = try XCTUnwrap(openAgain(store, as: "ana") as? PostgresStore), ben = try XCTUnwrap(openAgain(store, as: "ben") as? PostgresStore)
        let input = ReplyInput(ref: ref(.mastodon, "1"), replyTarget: ["id": "1"], author: "user1", text: "Thanks!")
        XCTAssertEqual(try Replies.save(input, at: now, store: ana, outbox: TeamDrafts(store: ana)), .done)
        let anaDrafts = TeamDrafts(store: ana), benDrafts = TeamDrafts(store: ben)
        let draft = try XCTUnwrap(try anaDrafts.drafts().first)
        XCTAssertFalse(benDrafts.isSending())

        // When ana sends, Then ben cannot send meanwhile and sees her sending.
        try anaDrafts.asOnlySender {
            XCTAssertTrue(benDrafts.isSending())
            XCTAssertThrowsError(try benDrafts.asOnlySender { XCTFail("a second sender ran") }) { error in
                XCTAssertTrue(error is SendBusy, "\(error)")
            }
            // ana marks the draft sending: it must still be pending as she read it.
            XCTAssertTrue(try anaDrafts.append(.sending(draft: draft.id, at: now), ifStill: { $0.status == .pending }))
        }
        XCTAssertFalse(benDrafts.isSending(), "the lock ends with the send")

        // And a record that expects the draft as it was before is refused: ben read it pending.
        XCTAssertFalse(try benDrafts.append(.sending(draft: draft.id, at: now), ifStill: { $0.status == .pending }))
        let delivery = Delivery(remoteID: "99", url: "https://example.social/@you/99", at: now)
        XCTAssertTrue(try anaDrafts.append(.sent(draft: draft.id, delivery), ifStill: { $0.status == .sending }))
        let sent = try XCTUnwrap(try benDrafts.drafts().first)
        XCTAssertEqual(sent.status, .sent)
        XCTAssertEqual(sent.delivery?.url, "https://example.social/@you/99")
        try benDrafts.asOnlySender {}
    }
}
