import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedStorage

/// What fetching one account came to: its counts, why it stopped if it failed, and the lines
/// said after its summary.
public struct AccountOutcome: Sendable, Equatable {
    /// The account as heed names it (`mastodon you@example.social`).
    public var account: String
    public var counts: FetchedCounts
    /// Why it failed (no secret in it), or nil.
    public var failure: String?
    /// Skip reasons, rejections, advice.
    public var notes: [String]

    /// The summary line: `mastodon you@example.social: imported N, updated N, unchanged N,
    /// skipped N, answered elsewhere N`, and `; failed: why` when it failed.
    public var line: String {
        let summary = "\(account): \(counts.summary)"
        return failure.map { "\(summary); failed: \($0)" } ?? summary
    }
}

extension FetchedCounts {
    /// `imported N, updated N, unchanged N, skipped N, answered elsewhere N`.
    public var summary: String {
        "imported \(counts.imported), updated \(counts.updated), unchanged \(counts.unchanged), skipped \(counts.skipped), answered elsewhere \(answeredElsewhere)"
    }
}

/// What a fetch needs besides the store and the accounts: the environment (secrets, the
/// shell), heed's data folder, how far back a first fetch goes, the HTTP client's parts.
public struct FetchOptions: Sendable {
    public var environment: [String: String]
    public var dataFolder: String
    /// How far back a first fetch goes, in seconds.
    public var since: TimeInterval = 30 * 86_400
    public var policy = RetryPolicy()
    public var clock = FetchClock.live
    public var transport: (any HTTPTransport)?
    /// How long a `command =` source may run, and the most it may print.
    public var commandTimeout: TimeInterval = 600
    public var commandLimit = 256 * 1_048_576
    /// Secrets kept between fetches (an open queue's), or nil.
    public var secretCache: SecretCache?

    /// Options over `environment` and heed's data folder, with the defaults for the rest.
    public init(environment: [String: String], dataFolder: String) {
        self.environment = environment
        self.dataFolder = dataFolder
    }

    /// How heed introduces itself to the APIs.
    public static let userAgent = "heed (a terminal inbox for mentions and comments)"

    /// The HTTP client of one account's run: `told` hears each rate-limit wait before it starts.
    public func client(for account: AccountConfig, redactor: Redactor, told: @escaping @Sendable (String) -> Void) -> HTTPClient {
        let label = account.label
        return HTTPClient(transport: transport ?? URLSessionTransport(), clock: clock, policy: policy, redactor: redactor, userAgent: Self.userAgent) { wait in
            told("\(label): \(wait.host) limits requests; waiting \(Int(wait.seconds.rounded(.up))) s (until \(HTTPFailure.clock(wait.until)))")
        }
    }

    /// Where a run's secrets come from: this environment, the cache when there is one.
    public func secrets(redactor: Redactor) -> Secrets {
        var secrets = Secrets(environment: environment, redactor: redactor)
        secrets.cache = secretCache
        return secrets
    }
}

/// Fetches accounts one after another: one failing (a bad token, a 404, the network) is
/// named with the server's reason and the others still fetch. Everything it says is redacted.
public final class FetchRun {
    private let store: any MentionStore
    private let config: Config
    private let options: FetchOptions
    public let redactor = Redactor()
    private let progress: (FetchProgress) -> Void
    private let told: @Sendable (String) -> Void

    /// A run over `store`; `progress` hears each page, `told` each line to say on the way
    /// (rate-limit waits, rejected records), already redacted.
    public init(store: any MentionStore, config: Config, options: FetchOptions, progress: @escaping (FetchProgress) -> Void = { _ in },
                told: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.config = config
        self.options = options
        self.progress = progress
        self.told = told
    }

    /// Fetches each account in turn.
    public func run(_ accounts: [AccountConfig]) -> [AccountOutcome] {
        accounts.map(fetch)
    }

    /// Fetches one account; never throws: a failure is in the outcome.
    public func fetch(_ account: AccountConfig) -> AccountOutcome {
        let redactor = redactor
        let told = told
        let label = account.label
        let http = options.client(for: account, redactor: redactor, told: told)
        let now = options.clock.now()
        let secrets = options.secrets(redactor: redactor)
        let session: FetchSession
        do {
            session = try FetchSession(
                account: account, server: account.server ?? "", store: store, http: http,
                secrets: secrets, now: now,
                since: now.addingTimeInterval(-options.since), dataFolder: options.dataFolder,
                own: config, named: { problem in told("\(label): rejected \(redactor.clean("\(problem)"))") }, progress: progress)
        } catch {
            return AccountOutcome(account: label, counts: FetchedCounts(), failure: explain(error), notes: [])
        }
        do {
            if let command = account.command {
                try CommandSource(command: command, options: options).fetch(session)
            } else if let platform = account.platform, let fetcher = Fetchers.fetcher(for: platform) {
                try fetcher.fetch(session)
            } else {
                throw SecretFailure("heed cannot fetch from \(account.platform?.rawValue ?? "it") itself yet: use command = \"…\"")
            }
            return AccountOutcome(account: session.label, counts: session.counts, failure: nil, notes: session.notes.map(redactor.clean))
        } catch {
            options.secretCache?.forget(account: account.key)
            return AccountOutcome(account: session.label, counts: session.counts, failure: explain(error), notes: session.notes.map(redactor.clean))
        }
    }

    /// An error in one line without any secret.
    func explain(_ error: any Error) -> String {
        let text: String
        if let failure = store.storeFailure(error) {
            text = failure.description
        } else if let failure = error as? ImportFailure {
            text = "cannot read what the server sent: \(failure)"
        } else {
            text = "\(error)"
        }
        return redactor.clean(text)
    }
}
