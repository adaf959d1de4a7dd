import Foundation
import UserFiles
import XCTest

/// Reading files in heed's config folder: plain files only, never more than a limit, never waiting.
final class UserFileTests: XCTestCase {
    func testAPlainFileIsReadWhole() throws {
        let scratch = try Scratch()
        let file = try scratch.write("a.toml", "x = 1\n中文\n")
        XCTAssertEqual(try UserFile.read(file, limit: 100).get(), "x = 1\n中文\n")
    }

    func testWhatIsNotAPlainFileIsRefusedAtOnce() throws {
        let scratch = try Scratch()
        let fifo = try scratch.fifo("fifo.toml")
        XCTAssertEqual(UserFile.read(fifo, limit: 100), .failure(.notAFile(kind: "a FIFO")))
        XCTAssertEqual(UserFile.read(scratch.path, limit: 100), .failure(.notAFile(kind: "a folder")))
        XCTAssertEqual(UserFile.read("/dev/zero", limit: 100), .failure(.notAFile(kind: "a character device")))
        XCTAssertEqual(UserFile.read(scratch.path + "/none", limit: 100), .failure(.missing))
        // A symlink to a FIFO is what it points at.
        XCTAssertEqual(symlink(fifo, scratch.path + "/link.toml"), 0)
        XCTAssertEqual(UserFile.read(scratch.path + "/link.toml", limit: 100), .failure(.notAFile(kind: "a FIFO")))
    }

    func testALargeFileIsRefusedWithItsSizeWithoutBeingRead() throws {
        let scratch = try Scratch()
        let file = try scratch.sparse("big.txt", size: 100 << 20)
        let result = UserFile.read(file, limit: 64 << 10)
        XCTAssertEqual(result, .failure(.tooLarge(bytes: 100 << 20, limit: 64 << 10)))
        XCTAssertEqual(result.failureDescription, "is 100.0 MiB, over the 64.0 KiB heed reads: left unread")
    }

    func testBytesThatAreNotUTF8AreSaidSo() throws {
        let scratch = try Scratch()
        let file = scratch.path + "/bin"
        try Data([0x66, 0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: file))
        XCTAssertEqual(UserFile.read(file, limit: 100), .failure(.notText))
    }

    func testFolderListingIsSortedBoundedAndSaysHowManyThereWere() throws {
        let scratch = try Scratch()
        for index in 0..<30 { try scratch.write(String(format: "t%02d.toml", index), "") }
        try scratch.write(".hidden.toml", "")
        try scratch.write("notes.txt", "")
        let (names, total) = UserFile.names(in: scratch.path, limit: 10, suffix: ".toml")
        XCTAssertEqual(names, (0..<10).map { String(format: "t%02d.toml", $0) })
        XCTAssertEqual(total, 30)
    }
}

extension Result where Failure == UserFile.Failure {
    /// The failure in words, or nil.
    var failureDescription: String? {
        if case .failure(let failure) = self { return failure.description }
        return nil
    }
}
