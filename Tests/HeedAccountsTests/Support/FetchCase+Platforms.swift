import Foundation
import HeedAccounts
import HeedConfig
import StandIn
import XCTest

/// The accounts of the platforms fetched besides Mastodon, Bluesky and GitHub, each on its
/// part of the stand-in, their secrets printed by a command as a user's `pass` would.
extension FetchCase {
    /// Fetches `account` on a clock whose every wait ends with `restored` (the stand-in's
    /// rate-limit window starting again, as it would once the wait is over); the waits are in `slept`.
    func fetch(_ account: AccountConfig, restored: @escaping @Sendable () -> Void) -> AccountOutcome {
        var settings = options()
        let slept = slept
        let clock = clock
        settings.clock = FetchClock(now: { clock.now }, sleep: { seconds in
            slept.add(seconds)
            clock.advance(seconds)
            restored()
        })
        let told = told
        return FetchRun(store: store, config: .init(), options: settings, told: { told.add($0) }).fetch(account)
    }

    /// Fetches `account` with its secret `name` replaced by a wrong one: the failure says
    /// `reason` (the server's words) and nothing shown holds the wrong secret.
    func assertRefused(_ account: AccountConfig, wrong name: String, saying reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var account = account
        account.secrets[name] = printed("wrong-secret-zqxj")
        let outcome = fetch(account)
        let failure = try XCTUnwrap(outcome.failure, file: file, line: line)
        XCTAssertTrue(failure.contains(reason), failure, file: file, line: line)
        XCTAssertFalse((failure + outcome.line + outcome.notes.joined()).contains("zqxj"), file: file, line: line)
    }

    /// A secret as `NAME_command` gives it.
    func printed(_ secret: String) -> SecretSource { .command("printf '%s' '\(secret)'") }

    var reddit: AccountConfig {
        var account = AccountConfig(platform: .reddit, server: standIn.base + "/reddit", handle: standIn.reddit.username)
        account.settings = ["client_id": standIn.reddit.clientID, "auth_server": standIn.base + "/reddit-www"]
        account.secrets = ["client_secret": printed(standIn.reddit.clientSecret), "password": printed(standIn.reddit.password)]
        return account
    }

    var x: AccountConfig {
        var account = AccountConfig(platform: .x, server: standIn.base + "/x/2", handle: standIn.x.username)
        account.secrets = ["token": printed(standIn.x.token)]
        return account
    }

    /// The site's account signed in with its application password.
    var wordpress: AccountConfig {
        var account = AccountConfig(platform: .wordpress, server: standIn.base + "/wp", handle: standIn.wordpress.username)
        account.secrets = ["password": printed(standIn.wordpress.applicationPassword)]
        return account
    }

    /// The channel's account read with an API key (public comments).
    var youtube: AccountConfig {
        var account = AccountConfig(platform: .youtube, server: standIn.base + "/youtube/v3")
        account.settings = ["channel_id": standIn.youtube.channelID]
        account.secrets = ["api_key": printed(standIn.youtube.apiKey)]
        return account
    }

    /// The recorded comment's author on Hacker News (no secret).
    var hackernews: AccountConfig {
        AccountConfig(platform: .hackernews, server: standIn.base + "/hn/v0", handle: standIn.hackernews.username)
    }

    /// The recorded Page, read with its page access token.
    var facebook: AccountConfig {
        var account = AccountConfig(platform: .facebook, server: standIn.base + "/graph/v21.0")
        account.settings = ["page_id": standIn.facebook.pageID]
        account.secrets = ["token": printed(standIn.facebook.token)]
        return account
    }

    /// The recorded Instagram professional account, read with a page access token.
    var instagram: AccountConfig {
        var account = AccountConfig(platform: .instagram, server: standIn.base + "/graph/v21.0")
        account.settings = ["user_id": standIn.instagram.userID]
        account.secrets = ["token": printed(standIn.instagram.token)]
        return account
    }
}
