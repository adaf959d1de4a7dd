import Foundation
import TestSupport
import XCTest

/// The counting suites and samples come from `../shared`: a missing file skips a test with the
/// reason on a developer's machine, and fails it on CI (`CI=true`), never passes it silently.
final class SharedFilesTests: XCTestCase {
    /// Sets `CI` to `value` (unset when nil) until the test ends.
    func setCI(_ value: String?) {
        let before = getenv("CI").map { String(cString: $0) }
        if let value { setenv("CI", value, 1) } else { unsetenv("CI") }
        addTeardownBlock {
            if let before { setenv("CI", before, 1) } else { unsetenv("CI") }
        }
    }

    func testAMissingFileSkipsOffCIAndFailsOnCI() {
        setCI(nil)
        XCTAssertThrowsError(try SharedFiles.url("conformance/no-such-suite.yml")) { error in
            XCTAssertTrue(error is XCTSkip, "\(error)")
            XCTAssertTrue("\(error)".contains("no-such-suite.yml is missing"), "\(error)")
        }
        setCI("true")
        XCTAssertThrowsError(try SharedFiles.url("conformance/no-such-suite.yml")) { error in
            XCTAssertTrue(error is SharedFiles.Missing, "\(error)")
            XCTAssertTrue("\(error)".contains("CI=true"), "\(error)")
        }
    }

    func testTheFolderIsBesideThePackage() {
        XCTAssertEqual(SharedFiles.folder.deletingLastPathComponent(), SharedFiles.packageRoot.deletingLastPathComponent())
        XCTAssertTrue(FileManager.default.fileExists(atPath: SharedFiles.packageRoot.appendingPathComponent("Package.swift").path))
    }
}
