import Foundation
import HeedFiles
import XCTest

/// `-o PATH` is written through to what PATH is: a file (through its links) replaced whole, a
/// FIFO or a device written directly; a folder, a missing folder, a socket or a link left by
/// another user in a shared folder refused, and nothing written anywhere then.
final class OutputTargetTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func write(_ text: String, to path: String) throws -> OutputTarget {
        let target = try OutputTarget.open(path, readerWait: 0.2)
        try target.write(Array(text.utf8))
        try target.commit()
        return target
    }

    func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func testALinkIsFollowedAndItsFileReplacedInItsOwnFolder() throws {
        XCTAssertEqual(mkdir(folder + "/real", 0o700), 0)
        try "old".write(toFile: folder + "/real/out.jsonl", atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink("real/out.jsonl", folder + "/link"), 0)
        XCTAssertEqual(symlink(folder + "/link", folder + "/link2"), 0)
        let target = try write("new", to: folder + "/link2")
        XCTAssertEqual(target.kind, .file)
        XCTAssertEqual(target.resolved, folder + "/real/out.jsonl")
        XCTAssertEqual(text(folder + "/real/out.jsonl"), "new")
        XCTAssertEqual(FileKind(at: folder + "/link"), .symbolicLink, "the links stay links")
        XCTAssertEqual(FileKind(at: folder + "/link2"), .symbolicLink)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/real"), ["out.jsonl"], "no temporary file left")
    }

    func testADanglingLinkMakesItsFile() throws {
        XCTAssertEqual(symlink("made.jsonl", folder + "/link"), 0)
        _ = try write("new", to: folder + "/link")
        XCTAssertEqual(text(folder + "/made.jsonl"), "new")
        XCTAssertEqual(FileKind(at: folder + "/link"), .symbolicLink)
    }

    func testAFIFOIsWrittenToItsReader() throws {
        let fifo = folder + "/poster"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = Received()
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            var bytes = [UInt8](repeating: 0, count: 1 << 16)
            var all: [UInt8] = []
            while true {
                let count = read(fd, &bytes, bytes.count)
                if count <= 0 { break }
                all += bytes[0..<count]
            }
            close(fd)
            received.set(all)
        }
        reader.start()
        let big = String(repeating: "line of an export\n", count: 20_000)
        let target = try OutputTarget.open(fifo, readerWait: 10)
        XCTAssertEqual(target.kind, .fifo)
        try target.write(Array(big.utf8))
        try target.commit()
        XCTAssertEqual(String(decoding: received.wait(), as: UTF8.self), big)
        XCTAssertEqual(FileKind(at: fifo), .fifo, "still a FIFO")
    }

    func testAFIFOWithNoReaderFailsClearlyAfterTheWait() throws {
        let fifo = folder + "/poster"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try OutputTarget.open(fifo, readerWait: 0.2)) { error in
            let failure = error as? OutputFailure
            XCTAssertEqual(failure?.code, ENXIO)
            XCTAssertEqual(failure?.reason, "no program is reading the FIFO (heed waited 0.2 s for one)")
        }
        XCTAssertEqual(FileKind(at: fifo), .fifo)
    }

    func testAReaderThatLeavesEarlyIsAFailure() throws {
        let fifo = folder + "/poster"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let opened = DispatchSemaphore(value: 0)
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)
            opened.signal()
            var byte: UInt8 = 0
            _ = read(fd, &byte, 1)
            close(fd)
        }
        reader.start()
        let saved = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, saved) }
        let target = try OutputTarget.open(fifo, readerWait: 10)
        opened.wait()
        XCTAssertThrowsError(try target.write([UInt8](repeating: 65, count: 1 << 20))) { error in
            XCTAssertEqual((error as? OutputFailure)?.code, EPIPE)
            XCTAssertEqual((error as? OutputFailure)?.reason, "the program reading the FIFO closed it before everything was written")
        }
    }

    func testDevicesAreWrittenDirectly() throws {
        let null = try write("gone", to: "/dev/null")
        XCTAssertEqual(null.kind, .device)
        XCTAssertEqual(FileKind(at: "/dev/null"), .characterDevice)
        XCTAssertThrowsError(try write("full", to: "/dev/full")) { error in
            XCTAssertEqual((error as? OutputFailure)?.code, ENOSPC)
        }
    }

    func testWhatCannotTakeAnExportIsRefusedAndLeftAlone() throws {
        XCTAssertEqual(mkdir(folder + "/dir", 0o700), 0)
        let socketPath = folder + "/socket"
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        XCTAssertEqual(bound, 0)
        let cases: [(String, String, String)] = [
            (folder + "/dir", "it is a folder", "name a file in it with -o"),
            (folder + "/missing/out.jsonl", "its folder \(folder!)/missing does not exist", "create it, or choose another -o"),
            (socketPath, "it is a socket", "heed writes to a file, a FIFO or a character device: choose one of those with -o"),
        ]
        for (path, reason, advice) in cases {
            XCTAssertThrowsError(try OutputTarget.open(path)) { error in
                XCTAssertEqual((error as? OutputFailure)?.reason, reason, path)
                XCTAssertEqual((error as? OutputFailure)?.advice(), advice, path)
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/dir"), [])
    }

    /// As the kernel's protected_symlinks (off on some machines) would: a link another user
    /// left in a sticky folder everyone can write is not followed.
    func testALinkPlantedInASharedFolderIsNotFollowed() throws {
        guard getuid() == 0 else { throw XCTSkip("only root can plant a link as another user") }
        let shared = folder + "/shared"
        XCTAssertEqual(mkdir(shared, 0o777), 0)
        XCTAssertEqual(chmod(shared, 0o1777), 0)
        let victim = folder + "/victim"
        try "victim".write(toFile: victim, atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(victim, shared + "/out.jsonl"), 0)
        XCTAssertEqual(lchown(shared + "/out.jsonl", 65534, 65534), 0)
        XCTAssertThrowsError(try OutputTarget.open(shared + "/out.jsonl")) { error in
            XCTAssertEqual((error as? OutputFailure)?.reason,
                           "it is a symbolic link that nobody (uid 65534) left in the shared folder \(shared), which heed does not follow")
        }
        XCTAssertEqual(text(victim), "victim")
        // The same link in a folder that is not shared is the user's own doing, and followed.
        XCTAssertEqual(chmod(shared, 0o755), 0)
        _ = try write("mine", to: shared + "/out.jsonl")
        XCTAssertEqual(text(victim), "mine")
    }
}

/// Bytes handed from a reader thread to the test.
final class Received: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var bytes: [UInt8] = []

    func set(_ bytes: [UInt8]) {
        self.bytes = bytes
        done.signal()
    }

    func wait() -> [UInt8] {
        done.wait()
        return bytes
    }
}
