import Foundation

/// Where a team store lives: a `postgres://` or `postgresql://` URL as libpq reads it (user,
/// host or socket folder, port, database, `sslmode`, `sslrootcert`, and server settings in
/// `options=-c name=value`, such as `search_path` for a schema of its own). Its description
/// never shows a password, so it can be named in any message.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` says.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it, unverified; plain otherwise (libpq's default).
        case prefer
        /// TLS always, the certificate not verified.
        case require
        /// TLS always, the certificate verified against the trusted roots, not the host name.
        case verifyCA = "verify-ca"
        /// TLS always, the certificate verified, the host name included.
        case verifyFull = "verify-full"
    }

    public var user: String
    /// A host name or address; a path (starting with `/`) is the folder of the server's socket.
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// A file of trusted root certificates (PEM) for verify-ca and verify-full.
    public var rootCertificate: String?
    /// Server settings for the session (`options=-c search_path=team`).
    public var settings: [String: String] = [:]
    /// A password written in the URL itself (never shown).
    var urlPassword: String?

    /// Whether a `--store` value names a team store rather than a file.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Reads a `postgres://user[:password]@host[:port]/database[?sslmode=…]` URL. The user
    /// defaults to `login`, the host to localhost, the port to 5432, the database to the user.
    public init(url text: String, login: String) throws {
        guard Self.isURL(text), let scheme = text.range(of: "://") else {
            throw PostgresFailure("not a PostgreSQL URL: write postgres://user@host:5432/database")
        }
        var rest = String(text[scheme.upperBound...])
        var parameters: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let key = parts[0].removingPercentEncoding, let value = parts[1].removingPercentEncoding else {
                    throw PostgresFailure("cannot read the parameter '\(pair)' of the store URL \(Self.shown(text))")
                }
                parameters[key] = value
            }
            rest = String(rest[..<question])
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[rest.index(after: slash)...])
            rest = String(rest[..<slash])
        }
        var userPart: String?
        if let at = rest.lastIndex(of: "@") {
            userPart = String(rest[..<at])
            rest = String(rest[rest.index(after: at)...])
        }
        if let userPart {
            let pieces = userPart.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            user = pieces[0].removingPercentEncoding ?? pieces[0]
            if pieces.count == 2 { urlPassword = pieces[1].removingPercentEncoding ?? pieces[1] }
        } else {
            user = ""
        }
        var hostPart = rest
        var portText: String?
        if hostPart.hasPrefix("[") , let close = hostPart.firstIndex(of: "]") {
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) }
            hostPart = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
        } else if let colon = hostPart.lastIndex(of: ":") {
            portText = String(hostPart[hostPart.index(after: colon)...])
            hostPart = String(hostPart[..<colon])
        }
        host = (hostPart.removingPercentEncoding ?? hostPart)
        if let socket = parameters["host"] { host = socket }
        if host.isEmpty { host = "localhost" }
        if let portText = parameters["port"] ?? portText, !portText.isEmpty {
            guard let number = Int(portText), (1...65_535).contains(number) else {
                throw PostgresFailure("the port '\(portText)' of the store URL \(Self.shown(text)) is not a port number")
            }
            port = number
        } else {
            port = 5432
        }
        if let name = parameters["user"] { user = name }
        if user.isEmpty { user = login }
        database = path.removingPercentEncoding ?? path
        if let name = parameters["dbname"] { database = name }
        if database.isEmpty { database = user }
        if let mode = parameters["sslmode"] {
            guard let known = SSLMode(rawValue: mode) else {
                throw PostgresFailure("sslmode=\(mode) in the store URL: write disable, prefer, require, verify-ca or verify-full")
            }
            sslMode = known
        } else {
            sslMode = .prefer
        }
        rootCertificate = parameters["sslrootcert"]
        if let options = parameters["options"] { settings = try Self.settings(options) }
        if let password = parameters["password"] { urlPassword = password }
    }

    /// The settings of libpq's `options`: `-c name=value` (or `-cname=value`, `--name=value`),
    /// separated by spaces.
    static func settings(_ options: String) throws -> [String: String] {
        var settings: [String: String] = [:]
        var words = options.split(separator: " ").map(String.init)[...]
        while let word = words.popFirst() {
            let pair: String
            if word == "-c", let next = words.popFirst() {
                pair = next
            } else if word.hasPrefix("-c") {
                pair = String(word.dropFirst(2))
            } else if word.hasPrefix("--") {
                pair = String(word.dropFirst(2))
            } else {
                throw PostgresFailure("options=\(options) in the store URL: write -c name=value")
            }
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw PostgresFailure("options=\(options) in the store URL: write -c name=value")
            }
            settings[pair[..<equals].replacingOccurrences(of: "-", with: "_")] = String(pair[pair.index(after: equals)...])
        }
        return settings
    }

    /// Whether the host is a socket folder rather than a network host.
    public var isSocket: Bool { host.hasPrefix("/") }

    /// The socket file of a socket folder: libpq's `.s.PGSQL.PORT`.
    var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// `postgres://user@host:port/database`, never with a password.
    public var description: String {
        let shownHost = isSocket ? "localhost" : (host.contains(":") ? "[\(host)]" : host)
        var text = "postgres://\(user)@\(shownHost):\(port)/\(database)"
        if isSocket { text += "?host=\(host)" }
        return text
    }

    /// A URL as typed, without the password it may carry, for messages about a URL that could not be read.
    static func shown(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + String(text[at...])
    }
}

/// Why the team store cannot be used, in words a user can act on; never holds a password.
public struct PostgresFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
