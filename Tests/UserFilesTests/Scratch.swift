import Foundation
import XCTest

/// A private folder for one test, removed after it.
final class Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("heed-userfiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    /// A file of `size` bytes that takes no room (a hole), for files larger than heed reads.
    @discardableResult
    func sparse(_ name: String, size: Int) throws -> String {
        let file = path + "/" + name
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(ftruncate(fd, off_t(size)), 0)
        close(fd)
        return file
    }

    /// A FIFO named `name`: opening it to read would wait for a writer forever.
    @discardableResult
    func fifo(_ name: String) throws -> String {
        let file = path + "/" + name
        XCTAssertEqual(mkfifo(file, 0o600), 0, String(cString: strerror(errno)))
        return file
    }
}
