import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import HeedOutbox
import StandIn
import XCTest

/// A send test: `FetchCase`'s stand-in, folder and clock, an outbox file there, and accounts of
/// every platform heed posts to pointing at the stand-in, their secrets in the environment.
class SendCase: FetchCase {
    var outbox: Outbox { Outbox(path: directory.appendingPathComponent("outbox.jsonl").path) }

    override var environment: [String: String] {
        let posting = standIn.posting
        return super.environment.merging([
            "X_TOKEN": posting.xToken, "YOUTUBE_TOKEN": posting.youtubeToken, "GRAPH_TOKEN": posting.graphToken,
            "REDDIT_SECRET": posting.redditSecret, "REDDIT_PASSWORD": posting.redditPassword, "WP_PASSWORD": posting.wordpressPassword,
        ]) { $1 }
    }

    /// Puts a pending draft answering `id` on `platform` with `target` in the outbox.
    @discardableResult
    func draft(_ draftID: String, _ platform: Platform, _ id: String, target: [String: String], author: String? = nil, text: String) throws -> Draft {
        let draft = Draft(id: draftID, ref: Ref(platform: platform, id: id), replyTarget: target, author: author, text: text, createdAt: clock.now)
        try outbox.append([.draft(draft)])
        return draft
    }

    /// Sends every draft the outbox has for `accounts`, as `heed send --yes` does.
    func send(_ accounts: [AccountConfig]) throws -> [SendOutcome] {
        let told = told
        let plan = SendPlan.make(try outbox.drafts(), accounts: accounts)
        return try outbox.asOnlySender { SendRun(ledger: outbox, options: options(), told: { told.add($0) }).run(plan) }
    }

    /// The draft as its records leave it.
    func stored(_ id: String) throws -> Draft {
        try XCTUnwrap(try outbox.drafts().first { $0.id == id })
    }

    // MARK: - Accounts that only post (`xPoster`…: the fetch cases' `x`… read)

    /// An account of `platform` on the stand-in, each secret from the environment variable named.
    func account(_ platform: Platform, server: String, handle: String? = nil, secrets: [String: String], settings: [String: String] = [:]) -> AccountConfig {
        var account = AccountConfig(platform: platform, server: server, handle: handle)
        for (name, variable) in secrets { account.secrets[name] = .environment(variable) }
        account.settings = settings
        return account
    }

    var xPoster: AccountConfig { account(.x, server: standIn.base + "/2", secrets: ["token": "X_TOKEN"]) }
    var youtubePoster: AccountConfig { account(.youtube, server: standIn.base + "/youtube/v3", secrets: ["token": "YOUTUBE_TOKEN"]) }
    var redditPoster: AccountConfig {
        account(.reddit, server: standIn.base, handle: standIn.posting.redditUser, secrets: ["password": "REDDIT_PASSWORD", "client_secret": "REDDIT_SECRET"],
                settings: ["client_id": standIn.posting.redditClient, "auth_server": standIn.base])
    }
    var wordpressPoster: AccountConfig { account(.wordpress, server: standIn.base + "/wp-json", handle: standIn.posting.wordpressUser, secrets: ["password": "WP_PASSWORD"]) }
    var facebookPoster: AccountConfig { account(.facebook, server: standIn.base + "/v21.0", secrets: ["token": "GRAPH_TOKEN"], settings: ["page_id": "1"]) }
}
