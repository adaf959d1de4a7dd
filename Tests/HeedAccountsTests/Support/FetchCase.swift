import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import HeedStore
import StandIn
import TestSupport
import XCTest

/// A fetch test: a stand-in of the platforms' APIs on a free loopback port, a fresh store and
/// data folder in a temporary directory, and accounts that point at the stand-in with their
/// secrets in the environment. Waits are recorded, not slept (`slept`), unless a test asks.
class FetchCase: XCTestCase {
    var standIn: StandIn!
    var directory: URL!
    var store: Store!
    /// Every wait the client asked for, in seconds.
    let slept = Recorder<TimeInterval>()
    /// Every line the run told on the way (rate-limit waits, rejections).
    let told = Recorder<String>()
    /// What the clock says; tests move it on.
    let clock = MovableClock()

    override func setUpWithError() throws {
        try super.setUpWithError()
        standIn = try StandIn(samples: SharedFiles.samples())
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("heed-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("store.sqlite").path)
    }

    override func tearDownWithError() throws {
        standIn?.stop()
        store = nil
        if let directory { try? FileManager.default.removeItem(at: directory) }
        try super.tearDownWithError()
    }

    /// The environment secrets are read from.
    var environment: [String: String] {
        ["MASTODON_TOKEN": standIn.mastodon.token, "BLUESKY_PASSWORD": standIn.bluesky.password, "GITHUB_TOKEN": standIn.github.token,
         "PATH": "/usr/bin:/bin", "HOME": directory.path]
    }

    /// The options of a fetch: this test's environment, data folder and clock; backoff without jitter.
    func options(since: TimeInterval = 10 * 365 * 86_400) -> FetchOptions {
        var options = FetchOptions(environment: environment, dataFolder: directory.appendingPathComponent("data").path)
        options.since = since
        options.policy.jitter = { 1 }
        let slept = slept
        let clock = clock
        options.clock = FetchClock(now: { clock.now }, sleep: { seconds in
            slept.add(seconds)
            clock.advance(seconds)
        })
        return options
    }

    /// Fetches one account from the stand-in.
    func fetch(_ account: AccountConfig, since: TimeInterval = 10 * 365 * 86_400, config: Config = Config(), cache: SecretCache? = nil) -> AccountOutcome {
        let told = told
        var options = options(since: since)
        options.secretCache = cache
        return FetchRun(store: store, config: config, options: options, told: { told.add($0) }).fetch(account)
    }

    // MARK: - Accounts on the stand-in

    var mastodon: AccountConfig {
        var account = AccountConfig(platform: .mastodon, server: standIn.base, handle: "noiob@127.0.0.1")
        account.secrets["token"] = .environment("MASTODON_TOKEN")
        return account
    }

    var bluesky: AccountConfig {
        var account = AccountConfig(platform: .bluesky, server: standIn.base, handle: standIn.bluesky.handle)
        account.secrets["password"] = .environment("BLUESKY_PASSWORD")
        return account
    }

    var github: AccountConfig {
        var account = AccountConfig(platform: .github, server: standIn.base)
        account.secrets["token"] = .environment("GITHUB_TOKEN")
        return account
    }

    /// Fetches the item `id`, then (after `reply`, the user's answer given in the app) again:
    /// the item was waiting, and is answered elsewhere.
    func assertAnsweredElsewhere(_ account: AccountConfig, _ platform: Platform, _ id: String, after reply: () -> Void,
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        _ = fetch(account)
        XCTAssertEqual(try state(platform, id), "waiting", file: file, line: line)
        reply()
        let outcome = fetch(account)
        XCTAssertEqual(outcome.counts.answeredElsewhere, 1, outcome.line, file: file, line: line)
        XCTAssertEqual(try state(platform, id), "replied", file: file, line: line)
    }

    // MARK: - The store

    /// The state of an item (`waiting`, `replied`, …), nil when it is not in the store.
    func state(_ platform: Platform, _ id: String) throws -> String? {
        try store.item(Ref(platform: platform, id: id))?.mention.state.name
    }

    /// How many items of a platform the store holds, whatever their state.
    func count(_ platform: Platform) throws -> Int {
        try store.list(all: true, limit: nil).filter { $0.mention.platform == platform }.count
    }

    /// Every byte of the store's files (the database, its WAL), to look for secrets in.
    func storeBytes() throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("store.sqlite") }
        return files.map { String(decoding: FileManager.default.contents(atPath: directory.appendingPathComponent($0).path) ?? Data(), as: UTF8.self) }
            .joined()
    }
}

/// Values collected from any thread.
final class Recorder<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []
    func add(_ value: Value) { lock.withLock { stored.append(value) } }
    var values: [Value] { lock.withLock { stored } }
}

/// A clock that moves when told (and by every wait the client makes).
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    var now: Date { lock.withLock { Date().addingTimeInterval(offset) } }
    func advance(_ seconds: TimeInterval) { lock.withLock { offset += seconds } }
}
