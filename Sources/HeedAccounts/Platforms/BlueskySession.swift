import Foundation
import HeedConfig
import HeedImport
import HeedFiles
import HeedStorage

/// A Bluesky session as the API gives it: created with the handle and app password
/// (`com.atproto.server.createSession`), refreshed with its refresh token
/// (`com.atproto.server.refreshSession`) when the access token expires, created again when
/// the refresh token has expired too. Its tokens are kept only in an owner-only file under
/// heed's data folder (`sessions/`), never in the store or a message; the app password is
/// read only when a session must be created.
public final class BlueskySession {
    /// The tokens and who they are for.
    struct Tokens: Codable {
        var server: String
        var handle: String
        var did: String
        var accessJwt: String
        var refreshJwt: String
    }

    /// What a session needs of its account (a fetch's, or a send's).
    private struct Context {
        var account: AccountConfig
        var server: String
        var http: HTTPClient
        var secrets: Secrets
        var now: Date
    }

    private let session: Context
    private let file: String
    private var tokens: Tokens?

    /// The session of a fetch's account.
    convenience init(_ session: FetchSession) {
        self.init(account: session.account, server: session.server, http: session.http, secrets: session.secrets,
                  dataFolder: session.dataFolder, now: session.now)
    }

    /// The session of `account` on `server` (its PDS), kept in `dataFolder/sessions/`; the
    /// kept one is used when it is for the same handle and server.
    public init(account: AccountConfig, server: String, http: HTTPClient, secrets: Secrets, dataFolder: String, now: Date) {
        session = Context(account: account, server: server, http: http, secrets: secrets, now: now)
        let handle = (account.handle ?? "").lowercased().filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        let host = (URL(string: server)?.host ?? "server").filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        file = "\(dataFolder)/sessions/bluesky-\(handle)-\(host).json"
        if let data = FileManager.default.contents(atPath: file), let kept = try? JSONDecoder().decode(Tokens.self, from: data),
           kept.server == server, kept.handle.lowercased() == account.handle?.lowercased() {
            tokens = kept
            hide(kept)
        }
    }

    /// The account's DID (a session is made first if there is none).
    public func did() throws -> String { try current().did }

    /// Sends a request made with the access token; an expired token is refreshed (or the
    /// session made again) and the request sent once more.
    public func send(_ make: (Credential) throws -> HTTPRequest) throws -> HTTPResponse {
        var tokens = try current()
        if Self.expires(tokens.accessJwt).map({ $0 < session.now.addingTimeInterval(60) }) ?? false {
            tokens = try renew(tokens)
        }
        do {
            return try session.http.send(try make(.bearer(Secret(tokens.accessJwt))))
        } catch let failure as HTTPFailure where Self.isExpired(failure) || failure.status == 401 {
            // Expired, or a kept session the server no longer knows: renewed, then tried once more.
            tokens = try renew(tokens)
            return try session.http.send(try make(.bearer(Secret(tokens.accessJwt))))
        }
    }

    /// The kept session, or a new one.
    private func current() throws -> Tokens {
        if let tokens { return tokens }
        return try create()
    }

    /// A new access token from the refresh token, or a new session when that has expired too.
    private func renew(_ old: Tokens) throws -> Tokens {
        if Self.expires(old.refreshJwt).map({ $0 > session.now }) ?? true {
            var request = HTTPRequest("POST", try HTTPRequest.url(session.server, "/xrpc/com.atproto.server.refreshSession"),
                                      credential: .bearer(Secret(old.refreshJwt)))
            request.headers["Content-Type"] = "application/json"
            do {
                return try keep(session.http.send(request), handle: old.handle)
            } catch let failure as HTTPFailure where Self.isExpired(failure) || failure.status == 401 {
                // The refresh token expired or was revoked: sign in again.
            }
        }
        return try create()
    }

    /// Signs in with the handle and the app password.
    private func create() throws -> Tokens {
        guard let handle = session.account.handle else { throw SecretFailure("bluesky needs handle = \"…\"") }
        let password = try session.secrets.required("password", of: session.account)
        var request = HTTPRequest("POST", try HTTPRequest.url(session.server, "/xrpc/com.atproto.server.createSession"))
        request.json(["identifier": handle, "password": password.revealed])
        request.carriesSecret = true
        return try keep(session.http.send(request), handle: handle)
    }

    /// Reads the tokens of a session answer, hides them, and keeps them in the file.
    private func keep(_ response: HTTPResponse, handle: String) throws -> Tokens {
        let json = try response.json()
        guard let access = json["accessJwt"]?.string, let refresh = json["refreshJwt"]?.string, let did = json["did"]?.string else {
            throw HTTPFailure(.unreadable, url: response.url.absoluteString, detail: "no session in the answer")
        }
        let fresh = Tokens(server: session.server, handle: handle, did: did, accessJwt: access, refreshJwt: refresh)
        hide(fresh)
        tokens = fresh
        try save(fresh)
        return fresh
    }

    private func hide(_ tokens: Tokens) {
        session.secrets.redactor.hide(tokens.accessJwt)
        session.secrets.redactor.hide(tokens.refreshJwt)
    }

    /// Writes the session file, owner-only, whole or not at all.
    private func save(_ tokens: Tokens) throws {
        let folder = (file as NSString).deletingLastPathComponent
        do {
            try PrivateFiles.makeFolder(folder)
            try PrivateFiles.replace(file, with: Array(try JSONEncoder().encode(tokens)))
        } catch {
            throw SecretFailure("cannot keep the Bluesky session in \(folder): \(error)")
        }
    }

    /// Whether the server said the token has expired (or is no longer valid).
    static func isExpired(_ failure: HTTPFailure) -> Bool {
        guard failure.status == 400 || failure.status == 401 else { return false }
        return failure.detail.hasPrefix("ExpiredToken") || failure.detail.hasPrefix("InvalidToken")
    }

    /// When a JWT expires (its `exp`), if it says.
    static func expires(_ jwt: String) -> Date? {
        let parts = jwt.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let exp = (try? JSON.parse(data))?["exp"]?.double else { return nil }
        return Date(timeIntervalSince1970: exp)
    }
}
