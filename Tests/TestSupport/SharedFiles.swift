import Foundation
import XCTest

/// `../shared` beside the package: the platforms' sample payloads (`samples/`) and counting
/// suites (`conformance/`) that tests read but the project never copies. Found here and only
/// here for every test target. A test that needs it and does not find it is skipped with the
/// reason on a developer's machine, and fails when `CI=true`.
public enum SharedFiles {
    /// The package's root folder, where `Package.swift` is.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared` from the package's root.
    public static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// Whether a missing file fails the test instead of skipping it: on CI (`CI=true`).
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// `../shared/samples`: one folder per platform of real payloads.
    public static func samples() throws -> URL { try url("samples") }

    /// `../shared/conformance`: the platforms' own counting suites.
    public static func conformance() throws -> URL { try url("conformance") }

    /// `path` under `../shared`, which must exist: when it does not, the test is skipped
    /// (saying so and why), or fails under `CI=true`.
    public static func url(_ path: String) throws -> URL {
        let url = folder.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            let message = "\(url.path) is missing: tests read the shared samples and suites from ../shared beside the package"
            if isRequired { throw Missing(description: message + " (CI=true: a missing file is a failure)") }
            throw XCTSkip(message + " (skipped; CI=true makes this a failure)")
        }
        return url
    }

    /// A file of `../shared` that a CI run needed and did not find.
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }
}
