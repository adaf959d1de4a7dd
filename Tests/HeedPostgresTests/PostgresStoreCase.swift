import Foundation
import HeedCore
@testable import HeedPostgres
import HeedStorage
import StoreConformance
import TestSupport
import XCTest

/// The team store's tests: each store (each conformance check's too) in a new schema of its own
/// on the test server (see `PostgresServer`), used by "tester" unless said otherwise.
class PostgresStoreCase: StoreConformanceCase {
    /// The store under test as what it is.
    var team: PostgresStore { store as! PostgresStore }

    override func setUpWithError() throws {
        store = try makeStore()
    }

    override func tearDownWithError() throws {
        store = nil
    }

    /// A store of a new schema, no password source but the URL.
    override func makeStore() throws -> any MentionStore {
        try Self.open(PostgresServer.freshStore(), as: "tester")
    }

    override func openAgain(_ store: any MentionStore) throws -> any MentionStore {
        try openAgain(store, as: (store as! PostgresStore).person)
    }

    override func openAgain(_ store: any MentionStore, as person: String) throws -> any MentionStore {
        try PostgresStore((store as! PostgresStore).location, passwords: PasswordSources(environment: [:]), person: person)
    }

    /// The store at `url`, used by `person`.
    static func open(_ url: String, as person: String) throws -> PostgresStore {
        try PostgresStore(PostgresLocation(url: url, login: "tester"), passwords: PasswordSources(environment: [:]), person: person)
    }
}

/// The team store passes every check a store must pass.
final class PostgresConformanceTests: PostgresStoreCase {
    func testTheTeamStorePassesEveryCheck() {
        checkEverything()
    }
}
