import Foundation
import HeedAccounts
import HeedConfig
import StandIn

/// The accounts of the platforms fetched besides Mastodon, Bluesky and GitHub, each on its
/// part of the stand-in, their secrets printed by a command as a user's `pass` would.
extension FetchCase {
    /// A secret as `NAME_command` gives it.
    func printed(_ secret: String) -> SecretSource { .command("printf '%s' '\(secret)'") }

    var reddit: AccountConfig {
        var account = AccountConfig(platform: .reddit, server: standIn.base + "/reddit", handle: standIn.reddit.username)
        account.settings = ["client_id": standIn.reddit.clientID, "auth_server": standIn.base + "/reddit-www"]
        account.secrets = ["client_secret": printed(standIn.reddit.clientSecret), "password": printed(standIn.reddit.password)]
        return account
    }
}
