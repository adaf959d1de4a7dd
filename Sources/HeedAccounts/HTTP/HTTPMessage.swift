import Foundation
import HeedConfig
import HeedImport

/// How a request proves who it is for. The client adds it at the last moment, only to an
/// https address (or plain http to this machine), and never shows it.
public enum Credential: Sendable {
    /// `Authorization: Bearer …` (Mastodon, GitHub, Bluesky sessions, X, Graph).
    case bearer(Secret)
    /// `Authorization: Basic …` (WordPress application passwords, Reddit's token endpoint).
    case basic(user: String, password: Secret)
    /// A query parameter (a YouTube API key: `key=…`).
    case query(String, Secret)
}

/// One HTTP request as a fetcher builds it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?
    public var credential: Credential?
    /// Whether the body holds a secret (a password signing in): then, like a credential, it
    /// goes over https only (or plain http to this machine).
    public var carriesSecret = false
    /// Whether sending it twice does no more than sending it once. One that is not (a post
    /// without an idempotency key) is never sent again after an answer that may have come too
    /// late — a server error, a lost connection, a timeout — only when it surely never arrived.
    public var idempotent = true

    /// A request for `url`; `headers` beyond the user agent and `Accept: application/json`.
    public init(_ method: String = "GET", _ url: URL, headers: [String: String] = [:], body: Data? = nil, credential: Credential? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.credential = credential
    }

    /// `base` + `path` with `query` (names may repeat, as in `types[]=mention`), percent-encoded.
    public static func url(_ base: String, _ path: String, query: [(String, String)] = []) throws -> URL {
        guard var components = URLComponents(string: base + path) else { throw HTTPFailure(.invalid, url: base + path, detail: "not an address") }
        if !query.isEmpty {
            components.queryItems = (components.queryItems ?? []) + query.map { URLQueryItem(name: $0.0, value: $0.1) }
            // `+` means a space to most servers: encode it, and a time's `+01:00` survives.
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        guard let url = components.url else { throw HTTPFailure(.invalid, url: base + path, detail: "not an address") }
        return url
    }

    /// A JSON body and its content type.
    public mutating func json(_ object: [String: String]) {
        body = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        headers["Content-Type"] = "application/json"
    }

    /// A form body (`application/x-www-form-urlencoded`), every value percent-encoded but
    /// ASCII letters, digits and `-._~`, so a password's `&`, `=` or `+` stays its own.
    public mutating func form(_ pairs: [(String, String)]) {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = pairs.map { pair in
            [pair.0, pair.1].map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }.joined(separator: "=")
        }
        body = Data(encoded.joined(separator: "&").utf8)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    }

    /// Whether the request may carry its credential to `url`: https, or http to this machine.
    var isSafeForCredential: Bool {
        guard credential != nil || carriesSecret else { return true }
        let scheme = url.scheme?.lowercased()
        return scheme == "https" || (scheme == "http" && Config.isLoopback(url.host ?? ""))
    }
}

/// What the server answered: the status, the headers (names in lower case) and the body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    public var url: URL

    /// An answer; header names are kept in lower case (values of one name joined by commas).
    public init(status: Int, headers: [String: String], body: [UInt8], url: URL) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
        self.body = body
        self.url = url
    }

    /// A header's value, by any case of its name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The `Link` header's targets by relation (`next`, `prev`).
    public var links: [String: URL] { LinkHeader.parse(header("Link") ?? "", relativeTo: url) }

    /// The body as JSON (heed's reader of platform pages).
    public func json() throws -> JSON {
        do {
            return try JSON.parse(Data(body))
        } catch {
            throw HTTPFailure(.unreadable, url: url.absoluteString, detail: "the answer is not JSON (\(error))")
        }
    }
}

/// The `Link` header: `<https://…?max_id=1>; rel="next", <…>; rel="prev"`.
public enum LinkHeader {
    /// Each target by its relation; targets relative to `base` are resolved.
    public static func parse(_ header: String, relativeTo base: URL? = nil) -> [String: URL] {
        var links: [String: URL] = [:]
        for part in split(header) {
            guard let open = part.firstIndex(of: "<"), let close = part[open...].firstIndex(of: ">") else { continue }
            let target = String(part[part.index(after: open)..<close])
            for parameter in part[part.index(after: close)...].split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel", let url = URL(string: target, relativeTo: base)?.absoluteURL else { continue }
                for relation in pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ") {
                    links[relation.lowercased()] = url
                }
            }
        }
        return links
    }

    /// The header's entries, split at commas outside `<…>` (a URL may hold commas).
    static func split(_ header: String) -> [Substring] {
        var parts: [Substring] = []
        var start = header.startIndex
        var inside = false
        for index in header.indices {
            switch header[index] {
            case "<": inside = true
            case ">": inside = false
            case "," where !inside:
                parts.append(header[start..<index])
                start = header.index(after: index)
            default: break
            }
        }
        parts.append(header[start...])
        return parts
    }

    /// A query parameter of a link (`max_id`, `page`), if it has it.
    public static func parameter(_ name: String, of url: URL?) -> String? {
        url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value }
    }
}
