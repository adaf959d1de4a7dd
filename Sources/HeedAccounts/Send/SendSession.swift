import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedOutbox

/// What a poster works with for one account: its settings and secrets, the HTTP client
/// (requests to the account's server only), heed's data folder (where a Bluesky session is
/// kept), the clock, and what it learned once in the run (the user's own id, a token).
public final class SendSession {
    public let account: AccountConfig
    /// The API base (the platform's default when config.toml names none).
    public let server: String
    public let http: HTTPClient
    public let secrets: Secrets
    public let dataFolder: String
    public let clock: FetchClock
    private var kept: [String: String] = [:]

    /// A session of `account`, its requests made through `http`.
    public init(account: AccountConfig, http: HTTPClient, secrets: Secrets, dataFolder: String, clock: FetchClock) {
        self.account = account
        server = account.server ?? ""
        self.http = http
        self.secrets = secrets
        self.dataFolder = dataFolder
        self.clock = clock
    }

    /// The account's Bluesky session (made when first asked for).
    public private(set) lazy var bluesky = BlueskySession(account: account, server: server, http: http, secrets: secrets,
                                                         dataFolder: dataFolder, now: clock.now())

    /// A secret the account must have.
    public func secret(_ name: String) throws -> Secret {
        try secrets.required(name, of: account)
    }

    /// The account's token as a bearer credential.
    public func bearer(_ name: String = "token") throws -> Credential {
        .bearer(try secret(name))
    }

    /// A value learned once in the run (the user's own id, a token): `learn` asks for it the first time.
    public func remembered(_ name: String, learn: () throws -> String) rethrows -> String {
        if let value = kept[name] { return value }
        let value = try learn()
        kept[name] = value
        return value
    }

    /// The request `PostRequest` builds for the draft with this account's part (Bluesky's repo,
    /// Instagram's user id), or why it cannot be posted.
    public func request(for draft: Draft, at: Date, blueskyRepo: String? = nil) throws -> PostRequest {
        try PostRequest.make(for: draft, blueskyRepo: blueskyRepo, at: at, instagramUser: account.settings["user_id"]).get()
    }

    /// GETs `url` (on the account's server) and reads the answer as JSON.
    public func json(_ url: URL, credential: Credential?) throws -> JSON {
        try http.send(HTTPRequest("GET", url, credential: credential)).json()
    }
}
