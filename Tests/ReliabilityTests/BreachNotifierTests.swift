import Foundation
import XCTest
@testable import heed

/// `on_breach`'s program as heed starts it: without a shell, the item on its standard input,
/// stopped when it runs too long, its failures in words; a program that does not read its
/// input holds nothing up.
final class BreachNotifierTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        // As in heed (`StandardStreams.secure`): a write to a closed pipe is an error, not a signal.
        signal(SIGPIPE, SIG_IGN)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-notify-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func testTheProgramReadsTheItemAndItsWordsAreNotAShells() throws {
        let out = folder + "/out"
        // The words are arguments as written: `$HOME` and `;` reach the program unexpanded.
        XCTAssertNil(BreachNotifier.notify(["/bin/sh", "-c", "cat > \"$0\"; printf '%s' \"$1\" >> \"$0\"", out, "$HOME; rm -rf /"], input: Array("{\"ref\":\"x:1\"}\n".utf8), limit: 10))
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "{\"ref\":\"x:1\"}\n$HOME; rm -rf /")
    }

    func testFailuresAreSaidInWords() {
        XCTAssertEqual(BreachNotifier.notify(["/bin/sh", "-c", "exit 3"], input: [], limit: 10), "'/bin/sh' exited with code 3")
        XCTAssertEqual(BreachNotifier.notify([folder + "/missing"], input: [], limit: 10), "cannot start '\(folder!)/missing': No such file or directory")
        XCTAssertEqual(BreachNotifier.notify(["/bin/sh", "-c", "kill -TERM $$"], input: [], limit: 10), "'/bin/sh' ended with a signal (Terminated)")
    }

    func testAProgramThatRunsTooLongIsStoppedWithWhatItStarted() throws {
        let started = Date()
        let marker = folder + "/child"
        // A child that ignores the input and starts a grandchild: both go when the time is up.
        let problem = BreachNotifier.notify(["/bin/sh", "-c", "sleep 30 & echo $! > \"$0\"; wait", marker], input: Array(repeating: 0x41, count: 1 << 20), limit: 0.5)
        XCTAssertEqual(problem, "'/bin/sh' ran longer than 0.5 seconds and was stopped")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let grandchild = try XCTUnwrap(Int32(String(contentsOfFile: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Gone, or a zombie waiting for whoever reaps orphans.
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
            return !stat[close...].hasPrefix(") Z")
        }
        var stopped = false
        for _ in 0..<200 where !stopped {
            stopped = !running()
            if !stopped { usleep(10_000) }
        }
        XCTAssertTrue(stopped, "the whole process group was stopped")
    }

    func testAProgramThatClosesItsInputEarlyDoesNotStopHeed() {
        XCTAssertNil(BreachNotifier.notify(["/bin/sh", "-c", "exec 0<&-; exit 0"], input: Array(repeating: 0x41, count: 4 << 20), limit: 10))
    }
}
