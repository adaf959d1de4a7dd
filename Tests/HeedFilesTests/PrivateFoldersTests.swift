import Foundation
import HeedFiles
import XCTest

/// Folders heed keeps files in are made owner-only, and one that another user owns or that
/// group or others can write in is refused with what to do.
final class PrivateFoldersTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-folders-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0, path)
        return info.st_mode & 0o7777
    }

    func testMissingFoldersAreMadeOwnerOnlyUnderAnyUmask() throws {
        let saved = umask(0)
        defer { umask(saved) }
        try PrivateFiles.makeFolder(folder + "/a/b/c")
        for path in ["/a", "/a/b", "/a/b/c"] { XCTAssertEqual(mode(folder + path), 0o700, path) }
    }

    func testEveryModeOpenToGroupOrOthersIsRefused() throws {
        let path = folder + "/spool"
        XCTAssertEqual(mkdir(path, 0o700), 0)
        for bits in stride(from: 0o700, through: 0o1777, by: 1) where bits & 0o700 == 0o700 && bits & 0o6000 == 0 {
            XCTAssertEqual(chmod(path, mode_t(bits)), 0)
            let problem = PrivateFiles.problem(withFolder: path)
            if bits & 0o022 == 0 {
                XCTAssertNil(problem, String(bits, radix: 8))
            } else {
                XCTAssertEqual(problem?.kind, .writableByOthers(S_IFDIR | mode_t(bits)), String(bits, radix: 8))
                XCTAssertTrue(problem?.description.contains("chmod 700 \(path)") ?? false, "\(String(describing: problem))")
            }
        }
    }

    func testAFolderOfAnotherUserIsRefused() throws {
        guard getuid() == 0 else { throw XCTSkip("only root can give a folder to another user") }
        let path = folder + "/theirs"
        XCTAssertEqual(mkdir(path, 0o700), 0)
        XCTAssertEqual(chown(path, 65534, 65534), 0)
        XCTAssertThrowsError(try PrivateFiles.makeFolder(path)) { error in
            let problem = error as? FolderProblem
            XCTAssertEqual(problem?.kind, .ownedBy(65534))
            XCTAssertTrue(problem?.description.hasPrefix("the folder \(path) belongs to nobody (uid 65534), not to you (root)") ?? false, "\(error)")
            XCTAssertTrue(problem?.description.contains("chown root \(path)") ?? false, "\(error)")
        }
    }

    func testALinkIsFollowedOnlyWhereAsked() throws {
        XCTAssertEqual(mkdir(folder + "/elsewhere", 0o700), 0)
        XCTAssertEqual(symlink(folder + "/elsewhere", folder + "/done"), 0)
        XCTAssertNoThrow(try PrivateFiles.makeFolder(folder + "/done"))
        XCTAssertThrowsError(try PrivateFiles.makeFolder(folder + "/done", followingLink: false)) { error in
            XCTAssertEqual((error as? FolderProblem)?.kind, .symbolicLink)
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/file", contents: nil))
        XCTAssertThrowsError(try PrivateFiles.makeFolder(folder + "/file")) { error in
            XCTAssertEqual((error as? FolderProblem)?.description, "\(folder!)/file is a regular file, not a folder")
        }
    }
}
