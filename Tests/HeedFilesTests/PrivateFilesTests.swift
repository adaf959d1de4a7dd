import Foundation
import HeedFiles
import XCTest

/// Every file heed creates is new, its owner's alone, and never something planted first: for
/// names of every shape, whatever was planted under them (a file, a link to someone's file, a
/// dangling link, a FIFO, a folder), creating fails and the planted thing is left untouched.
final class PrivateFilesTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// What a test can plant under a name before heed creates it.
    enum Plant: CaseIterable { case nothing, file, linkToVictim, danglingLink, fifo, folder }

    /// Plants `plant` at `path`; the victim is a file that must never change.
    func plant(_ plant: Plant, at path: String, victim: String) {
        switch plant {
        case .nothing: break
        case .file: XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("planted".utf8)))
        case .linkToVictim: XCTAssertEqual(symlink(victim, path), 0)
        case .danglingLink: XCTAssertEqual(symlink(folder + "/made-through-a-link", path), 0)
        case .fifo: XCTAssertEqual(mkfifo(path, 0o666), 0)
        case .folder: XCTAssertEqual(mkdir(path, 0o777), 0)
        }
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0, path)
        return info.st_mode & 0o7777
    }

    func testCreatingNeverOpensWhatWasPlantedUnderAnyName() throws {
        let victim = folder + "/victim"
        try Data("victim".utf8).write(to: URL(fileURLWithPath: victim))
        var generator = SystemRandomNumberGenerator()
        let letters = Array("aZ09 .-_'\"$`é日🙂\\")
        let saved = umask(0)
        defer { umask(saved) }
        for trial in 0..<300 {
            let name = String((0..<Int.random(in: 1...12, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            let path = folder + "/t\(trial)-" + name
            let planted = Plant.allCases.randomElement(using: &generator)!
            plant(planted, at: path, victim: victim)
            do {
                let fd = try PrivateFiles.create(path)
                XCTAssertEqual(planted, .nothing, "created over \(planted) at \(path)")
                XCTAssertEqual(PrivateFiles.writeAll(fd, Array("mine".utf8)), nil)
                close(fd)
                XCTAssertEqual(mode(path), 0o600, "umask 0 still gives 0600")
            } catch {
                XCTAssertNotEqual(planted, .nothing, "\(error)")
                XCTAssertEqual(error.code, EEXIST, "\(planted): \(error)")
            }
            XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "victim")
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/made-through-a-link"), "a dangling link was followed")
        }
    }

    func testATemporaryFilePassesOverPlantedNamesAndLeftoversOfTheDeadGo() throws {
        let victim = folder + "/victim"
        try Data("victim".utf8).write(to: URL(fileURLWithPath: victim))
        let destination = folder + "/out.jsonl"
        // Names this process would try first, planted: a link to the victim and a FIFO.
        XCTAssertEqual(symlink(victim, folder + "/.out.jsonl.\(getpid()).0.tmp"), 0)
        XCTAssertEqual(mkfifo(folder + "/.out.jsonl.\(getpid()).1.tmp", 0o666), 0)
        // A leftover of a process that is gone (pid 2^22 - 1 is above pid_max's default).
        let leftover = folder + "/.out.jsonl.4194303.0.tmp"
        XCTAssertTrue(FileManager.default.createFile(atPath: leftover, contents: Data("old".utf8)))
        let (fd, path) = try PrivateFiles.createTemporary(beside: destination)
        close(fd)
        XCTAssertEqual(path, folder + "/.out.jsonl.\(getpid()).2.tmp")
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "victim")
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover), "a dead process's leftover is removed")
        XCTAssertEqual(FileKind(at: folder + "/.out.jsonl.\(getpid()).0.tmp"), .symbolicLink, "planted names are left alone")
    }

    func testAReplacementIsWholeOrAbsent() throws {
        let path = folder + "/file"
        try PrivateFiles.replace(path, with: Array("first".utf8))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first")
        let replacement = try Replacement(path)
        try replacement.write(Array("second".utf8))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first", "not replaced before commit")
        replacement.abandon()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["file"], "the temporary file is gone")
        try PrivateFiles.replace(path, with: Array("third".utf8))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "third")
        XCTAssertEqual(mode(path), 0o600)
    }

    func testAnUnnamedFileHasNoName() throws {
        let fd = try PrivateFiles.createUnnamed(in: folder)
        defer { close(fd) }
        XCTAssertEqual(PrivateFiles.writeAll(fd, Array("kept".utf8)), nil)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
    }

    func testAMoveNeverReplacesAndMovesALinkAsItself() throws {
        let victim = folder + "/victim"
        try Data("victim".utf8).write(to: URL(fileURLWithPath: victim))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/a", contents: Data("a".utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/b", contents: Data("b".utf8)))
        XCTAssertThrowsError(try PrivateFiles.move(folder + "/a", to: folder + "/b")) { XCTAssertEqual(($0 as? FileFailure)?.code, EEXIST) }
        XCTAssertEqual(try String(contentsOfFile: folder + "/b", encoding: .utf8), "b")
        XCTAssertEqual(symlink(victim, folder + "/link"), 0)
        XCTAssertEqual(mkdir(folder + "/done", 0o700), 0)
        try PrivateFiles.move(folder + "/link", to: folder + "/done/link")
        XCTAssertEqual(FileKind(at: folder + "/done/link"), .symbolicLink)
        XCTAssertNil(FileKind(at: folder + "/link"))
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "victim")
    }

    func testReadingTakesRegularFilesOnlyAndNeverWaits() throws {
        let victim = folder + "/victim"
        try Data("victim".utf8).write(to: URL(fileURLWithPath: victim))
        XCTAssertEqual(symlink(victim, folder + "/link"), 0)
        XCTAssertEqual(mkfifo(folder + "/fifo", 0o600), 0)
        XCTAssertEqual(mkdir(folder + "/dir", 0o700), 0)
        let expected: [(String, FileKind)] = [(folder + "/link", .symbolicLink), (folder + "/fifo", .fifo), (folder + "/dir", .folder), ("/dev/zero", .characterDevice)]
        for (path, kind) in expected {
            XCTAssertThrowsError(try PrivateFiles.readRegular(path, limit: 100)) { error in
                XCTAssertEqual((error as? FileFailure)?.reason, .found(kind), path)
            }
        }
        XCTAssertEqual(try PrivateFiles.readRegular(victim, limit: 6), Array("victim".utf8))
        XCTAssertThrowsError(try PrivateFiles.readRegular(victim, limit: 5)) { error in
            XCTAssertEqual((error as? FileFailure)?.reason, .larger(size: 6, limit: 5))
            XCTAssertEqual((error as? FileFailure)?.explanation, "it holds 6 bytes, more than the 5 bytes heed reads")
        }
    }
}
