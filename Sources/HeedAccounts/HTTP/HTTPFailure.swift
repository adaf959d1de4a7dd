import Foundation
import HeedCore
import HeedImport

/// Why a request did not get an answer heed can use, in the words a user acts on: a bad
/// token, a wrong address, the network, a rate limit. Its texts hold no secret (the client
/// redacts them) and are sanitised where they are shown.
public struct HTTPFailure: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The server answered with this status (after any retries it deserved).
        case status(Int)
        /// No answer: lost, timed out (the request may have arrived).
        case network
        /// No connection: refused, unresolvable, no network (the request never arrived).
        case unreached
        /// The API asks heed to wait longer than it may (or than it has left).
        case rateLimited(until: Date?)
        /// The answer was larger than heed reads.
        case tooLarge
        /// A credential would have gone over plain http to another machine.
        case insecure
        /// The server sent heed elsewhere (heed never follows with a credential).
        case redirected
        /// The answer could not be read.
        case unreadable
        /// The address could not be made.
        case invalid
    }

    public var reason: Reason
    /// The address asked (its query left out: it may carry a key).
    public var url: String
    /// What the server or the network said.
    public var detail: String

    /// A failure of the request to `url` (its query is dropped), with what was said.
    public init(_ reason: Reason, url: String, detail: String) {
        self.reason = reason
        self.url = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        self.detail = detail
    }

    /// The status, when the server answered with one.
    public var status: Int? {
        if case .status(let code) = reason { code } else { nil }
    }

    public var description: String {
        let said = detail.isEmpty ? "" : ": \(detail)"
        switch reason {
        case .status(401): return "bad token or password (401 Unauthorized\(said))"
        case .status(403): return "refused (403 Forbidden\(said)): does the token have the rights heed needs?"
        case .status(404): return "not found (404) at \(url): is server = right?"
        case .status(let code) where code >= 500: return "server error (\(code)\(said)) at \(url)"
        case .status(let code): return "the server refused the request (\(code)\(said)) at \(url)"
        case .network, .unreached: return "network: \(detail) (\(url))"
        case .rateLimited(let until):
            let when = until.map { " until \(Self.clock($0))" } ?? ""
            return "rate limited\(when)\(said): try again then"
        case .tooLarge: return "the answer of \(url) is larger than heed reads\(said)"
        case .insecure: return "refused to send a secret over plain http to \(url): use https (plain http only to this machine)"
        case .redirected: return "the server sent heed elsewhere\(said): set server = to the address it names"
        case .unreadable: return "cannot read the answer of \(url)\(said)"
        case .invalid: return "cannot make an address of \(url)\(said)"
        }
    }

    /// Whether the server may have done what was asked although no good answer came: a server
    /// error, a connection lost or timed out, an answer too large or unreadable.
    public var mayHaveArrived: Bool {
        switch reason {
        case .status(let code): code >= 500
        case .network, .tooLarge, .unreadable: true
        default: false
        }
    }

    /// A time of day in UTC, for rate-limit messages.
    static func clock(_ date: Date) -> String {
        String(Timestamp.format(date).dropFirst(11).dropLast()) + " UTC"
    }

    /// The message an API put in an error body: `error_description`, `message`, `error`
    /// (Bluesky's `error` names the kind and `message` says it), Google's and Graph's
    /// `error.message`, X's `detail`, cut to one short line.
    public static func serverMessage(_ body: [UInt8]) -> String {
        guard !body.isEmpty, let json = try? JSON.parse(Data(body.prefix(65_536))) else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            return text.contains("<") ? "" : oneLine(text)
        }
        let kind = json["error"]?.string
        let message = json["error_description"]?.string ?? json["message"]?.string ?? json["errors"]?[0]?["message"]?.string
            ?? json["error"]?["message"]?.string ?? json["detail"]?.string
        let text = switch (kind, message) {
        case let (kind?, message?) where kind != message: "\(kind): \(message)"
        case let (_, message?): message
        case let (kind?, nil): kind
        default: ""
        }
        return oneLine(text)
    }

    /// Text on one line, at most 200 characters.
    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
