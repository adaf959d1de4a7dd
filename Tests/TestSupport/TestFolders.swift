import Foundation
import HeedStore
import XCTest

extension XCTestCase {
    /// A new empty folder of this test's own in the system's temporary folder, removed when the
    /// test ends; `label` starts its name, to tell whose it is when one is left behind.
    public func temporaryFolder(_ label: String = "heed-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A fresh SQLite store of this test's own: `heed.sqlite` in a new folder (removed when the
    /// test ends), or in `folder/name` when the test keeps other files beside it. The one way
    /// tests make a store on disk; `Store()` is the in-memory one.
    public func makeSQLiteStore(in folder: URL? = nil, named name: String = "heed") throws -> Store {
        let parent = try folder ?? temporaryFolder("heed-store")
        return try Store(path: parent.appendingPathComponent(name).appendingPathComponent("heed.sqlite").path)
    }
}
