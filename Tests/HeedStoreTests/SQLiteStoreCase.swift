import Foundation
import HeedCore
@testable import HeedStore
import StoreConformance
import TestSupport
import XCTest

/// The SQLite store's tests: each test (and each conformance check) gets a fresh store in a
/// temporary folder of its own, and the conformance suite's fixtures and shorthands.
class SQLiteStoreCase: StoreConformanceCase {
    var folder: URL!

    /// The store under test as what it is.
    var sqlite: Store { store as! Store }

    override func setUpWithError() throws {
        folder = try temporaryFolder("heed-store")
        store = try makeStore()
    }

    override func tearDownWithError() throws {
        store = nil
    }

    /// A store in a folder of its own inside the test's folder.
    override func makeStore() throws -> any MentionStore {
        try makeSQLiteStore(in: folder, named: UUID().uuidString)
    }

    override func openAgain(_ store: any MentionStore) throws -> any MentionStore {
        try Store(path: XCTUnwrap((store as? Store)?.path))
    }

    override func openAgain(_ store: any MentionStore, as person: String) throws -> any MentionStore {
        try Store(path: XCTUnwrap((store as? Store)?.path), person: person)
    }
}

/// The SQLite store passes every check a store must pass.
final class SQLiteConformanceTests: SQLiteStoreCase {
    func testTheSQLiteStorePassesEveryCheck() {
        checkEverything()
    }
}
