import Foundation

/// The `heed` that `swift build` (and `swift test`) put next to the test bundle.
public enum HeedBinary {
    /// Its path, or nil when it was not built.
    public static let path: String? = searchedFolders().map { $0.appendingPathComponent("heed").path }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Folders that may hold `heed`: the `.xctest` bundle's folder, found several ways.
    public static func searchedFolders() -> [URL] {
        var folders = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
            .map { $0.deletingLastPathComponent() }
        let arguments = CommandLine.arguments.filter { $0.hasSuffix(".xctest") || $0.hasSuffix(".xctest/") }
        folders += arguments.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        return folders
    }

    /// Why a test cannot run without it.
    public static var missing: String {
        "The heed binary was not found next to the test bundle (looked in: \(searchedFolders().map(\.path).joined(separator: ", "))). Run `swift build` first."
    }
}
