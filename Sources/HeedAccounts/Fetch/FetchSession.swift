import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedIntake
import HeedStorage

/// An answer the user gave in a platform's app, seen in their own posts.
public enum Answer: Sendable {
    /// A reply to this item.
    case item(Ref, at: Date)
    /// A comment in a conversation (its names, all meaning one thread): its items that
    /// arrived by then are answered.
    case conversation([String], on: Platform, at: Date)
}

/// How far one account's fetch has got, for a progress line.
public struct FetchProgress: Sendable, Equatable {
    public var account: String
    public var pages: Int
    public var items: Int
}

/// What a platform's fetcher works with for one account: its settings and secrets, the HTTP
/// client (requests to the account's server only), the cursors where the last fetch ended,
/// and `commit`, which takes a page into the store through the import readers together with
/// the cursors it moves, in one transaction.
public final class FetchSession {
    public let account: AccountConfig
    /// The API base (the platform's default when config.toml names none).
    public let server: String
    public let http: HTTPClient
    /// When this fetch started.
    public let now: Date
    /// How far back a first fetch goes.
    public let since: Date
    /// heed's data folder, where session files live (owner-only).
    public let dataFolder: String
    /// Where secrets come from.
    public let secrets: Secrets
    /// What the pages did so far.
    public private(set) var counts = FetchedCounts()
    /// Pages committed so far.
    public private(set) var pages = 0

    private let store: any MentionStore
    private var intake: Intake
    private var cursors: [String: String]
    private let own: OwnHandles
    private let progress: (FetchProgress) -> Void
    private var older = 0
    private var said: [String] = []
    private var seen = 0

    init(account: AccountConfig, server: String, store: any MentionStore, http: HTTPClient, secrets: Secrets, now: Date, since: Date,
         dataFolder: String, own config: Config, named: @escaping (ImportProblem) -> Void,
         progress: @escaping (FetchProgress) -> Void) throws {
        self.account = account
        self.server = server
        self.store = store
        self.http = http
        self.secrets = secrets
        self.now = now
        self.since = since
        self.dataFolder = dataFolder
        self.progress = progress
        let own = OwnHandles()
        self.own = own
        cursors = try store.cursors(account: account.key)
        intake = Intake(own: config, alsoOwn: { platform, handle in own.contains(platform, handle) }, namedPerReason: 5, named: named)
    }

    // MARK: - What the fetcher asks

    /// Whether this is the account's first fetch (no cursor kept yet): it goes back `since`.
    public var isFirst: Bool { cursors.isEmpty }

    /// A cursor the last fetch left (`min_id`, a time, an opaque cursor).
    public func cursor(_ name: String) -> String? { cursors[name] }

    /// A secret the account must have (config.toml checked that it names one).
    public func secret(_ name: String) throws -> Secret {
        try secrets.required(name, of: account)
    }

    /// A setting of the account (`client_id`, `channel_id`).
    public func setting(_ name: String) -> String? { account.settings[name] }

    /// A handle of the user's own (learned from the API), so what they wrote is not queued.
    public func addOwn(_ handle: String, on platform: Platform) { own.add(platform, handle) }

    /// The handle the API says the account has, when config.toml gives none: it names the account.
    public func learned(handle: String) {
        if account.handle == nil, account.name == nil { label = "\(account.platform?.rawValue ?? "command") \(handle)" }
    }

    /// How the account is named in its summary (`github octocat`).
    public private(set) lazy var label = account.label

    /// GET `path` on the account's server.
    public func get(_ path: String, query: [(String, String)] = [], headers: [String: String] = [:], credential: Credential?) throws -> HTTPResponse {
        try http.send(HTTPRequest("GET", try HTTPRequest.url(server, path, query: query), headers: headers, credential: credential))
    }

    /// GET a page the server linked to (`Link: <…>; rel="next"`): only on the account's own
    /// server, so a credential never goes elsewhere.
    public func follow(_ url: URL, headers: [String: String] = [:], credential: Credential?) throws -> HTTPResponse {
        guard let base = URL(string: server), url.scheme == base.scheme, url.host == base.host, url.port == base.port else {
            throw HTTPFailure(.redirected, url: url.absoluteString, detail: "its next page is on another server; heed sends the token to \(server) only")
        }
        return try http.send(HTTPRequest("GET", url, headers: headers, credential: credential))
    }

    // MARK: - Into the store

    /// Takes one page (what the API answered, read by `format`'s reader), the answers seen in
    /// it and the cursors it moves, in one transaction. `notBefore` leaves out items older
    /// than it (a first fetch's bound).
    public func commit(page bytes: [UInt8], format: String, name: String, answers: [Answer] = [], cursors moved: [String: String] = [:], notBefore: Date? = nil) throws {
        let format = ImportFormat(name: format)
        var intake = intake
        var older = 0
        let page = try store.fetching(account: account.key, now: now) { sink in
            if let notBefore {
                try intake.read(.bytes(bytes), name: name, format: format, into: Bounded(sink: sink, notBefore: notBefore, older: { older += 1 }))
            } else {
                try intake.read(.bytes(bytes), name: name, format: format, into: sink)
            }
            Self.take(answers, into: sink)
            for (key, value) in moved { sink.setCursor(key, to: value) }
        }
        self.intake = intake
        self.older += older
        committed(page, moved)
    }

    /// Takes answers alone (the user's own posts) and the cursors they move, in one transaction.
    public func commit(answers: [Answer], cursors moved: [String: String] = [:]) throws {
        let page = try store.fetching(account: account.key, now: now) { sink in
            Self.take(answers, into: sink)
            for (key, value) in moved { sink.setCursor(key, to: value) }
        }
        committed(page, moved, items: answers.count)
    }

    /// Takes what a command printed (in a file, read to its end) in one transaction.
    func commit(descriptor: Int32, name: String, format: ImportFormat?) throws {
        var intake = intake
        let page = try store.fetching(account: account.key, now: now) { sink in
            try intake.read(.descriptor(descriptor), name: name, format: format, into: sink)
        }
        self.intake = intake
        committed(page, [:])
    }

    private static func take(_ answers: [Answer], into sink: any FetchPageSink) {
        for answer in answers {
            switch answer {
            case .item(let ref, let at): try? sink.answered(ref, at: at)
            case .conversation(let names, let platform, let at): sink.answered(conversation: names, on: platform, at: at)
            }
        }
    }

    private func committed(_ page: FetchedCounts, _ moved: [String: String], items: Int? = nil) {
        counts.add(page)
        pages += 1
        for (key, value) in moved { cursors[key] = value }
        seen += items ?? (page.counts.imported + page.counts.updated + page.counts.unchanged + page.counts.skipped)
        progress(FetchProgress(account: label, pages: pages, items: seen))
    }

    /// Adds a line to say after the account's summary (why nothing was asked, a limit met).
    public func note(_ line: String) { said.append(line) }

    /// What is said after the account's summary: skip reasons, rejections not named one by
    /// one, and the fetcher's notes. The readers' advice on fields to ask for is for files
    /// saved by hand; a fetcher asks for what it needs.
    public var notes: [String] {
        (intake.skipped.isEmpty ? [] : ["skipped \(intake.skipped.listed)"]) + intake.rejections.summary
            + (older > 0 ? ["left out \(older) older than a first fetch goes back (--since)"] : []) + said
    }
}

/// Leaves out mentions older than a first fetch's bound (counted skipped).
private final class Bounded: MentionSink {
    let sink: any FetchPageSink
    let notBefore: Date
    let older: () -> Void

    init(sink: any FetchPageSink, notBefore: Date, older: @escaping () -> Void) {
        self.sink = sink
        self.notBefore = notBefore
        self.older = older
    }

    var counts: ImportCounts { sink.counts }

    func put(_ mention: Mention) throws {
        guard mention.createdAt >= notBefore else {
            older()
            return sink.skip()
        }
        try sink.put(mention)
    }

    func skip() { sink.skip() }
    func reject() { sink.reject() }
    func answered(_ ref: Ref, at date: Date) throws { try sink.answered(ref, at: date) }
}

/// The user's own handles learned during a fetch (verify_credentials, a session's handle).
final class OwnHandles: @unchecked Sendable {
    private let lock = NSLock()
    private var handles: [Platform: Set<String>] = [:]

    func add(_ platform: Platform, _ handle: String) {
        let normal = (handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()
        lock.withLock { _ = handles[platform, default: []].insert(normal) }
    }

    func contains(_ platform: Platform, _ handle: String?) -> Bool {
        guard let handle else { return false }
        let normal = (handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()
        return lock.withLock { handles[platform]?.contains(normal) ?? false }
    }
}
