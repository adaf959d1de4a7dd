import Foundation
import HeedStore

/// The files the benchmarks need and that are slow to make (generated backlogs, imported
/// stores), kept under a folder by size so that a second run starts at once.
///
/// Backlogs come from `heed demo --generate N` (the release binary), Mastodon pages from
/// `gen_mastodon.py N`; a store is made by importing the backlog through `Importer`, the path
/// `heed import` takes. Environment: `HEED_BENCH_ITEMS` (default 1,000,000) is the size of the
/// store the rank and key benchmarks use, `HEED_BENCH_DIR` (default `/tmp/heed-bench`) where
/// fixtures are kept, `HEED_BIN` the heed binary (default `.build-release/release/heed` in the
/// main package, built when missing).
public enum Fixture {
    /// Items in the store of the rank and key benchmarks.
    public static var items: Int {
        ProcessInfo.processInfo.environment["HEED_BENCH_ITEMS"].flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? 1_000_000
    }

    /// Where fixtures are kept.
    public static var folder: String {
        ProcessInfo.processInfo.environment["HEED_BENCH_DIR"] ?? "/tmp/heed-bench"
    }

    /// The main package's folder (this file is Benchmarks/Sources/BenchSupport/Fixture.swift).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The release heed binary, built first when it is not there.
    public static func heedBinary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["HEED_BIN"] { return path }
        let path = root + "/.build-release/release/heed"
        if !FileManager.default.isExecutableFile(atPath: path) {
            note("building the release heed binary (once) in \(root)/.build-release")
            try run("/usr/bin/env", ["swift", "build", "-c", "release", "--scratch-path", root + "/.build-release", "--product", "heed"], in: root)
        }
        return path
    }

    /// A synthetic backlog of `count` mentions in heed's JSON Lines, as `heed demo --generate` writes it.
    public static func backlog(_ count: Int) throws -> String {
        try cached("backlog-\(count).jsonl") { path in
            try run(try heedBinary(), ["demo", "--generate", String(count), "-o", path])
        }
    }

    /// `count` Mastodon notifications as API pages of 40, a page per line.
    public static func mastodon(_ count: Int) throws -> String {
        try cached("mastodon-\(count).jsonl") { path in
            try run("/usr/bin/env", ["python3", root + "/Benchmarks/gen_mastodon.py", String(count)], stdout: path)
        }
    }

    /// The folder of a store holding the backlog of `count` items (`heed.sqlite` inside).
    public static func storeFolder(_ count: Int) throws -> String {
        let folder = Self.folder + "/store-\(count)"
        if FileManager.default.fileExists(atPath: folder + "/heed.sqlite") { return folder }
        let backlog = try backlog(count)
        let building = folder + ".building"
        try? FileManager.default.removeItem(atPath: building)
        try FileManager.default.createDirectory(atPath: building, withIntermediateDirectories: true)
        note("importing \(count) items into \(folder) (once)")
        do {
            let store = try Store(path: building + "/heed.sqlite")
            let counts = try Importer.importFile(backlog, into: store, now: Date())
            note(counts.summary)
        }
        try FileManager.default.moveItem(atPath: building, toPath: folder)
        return folder
    }

    /// The shared store of `count` items; for benchmarks that only read it.
    public static func store(_ count: Int) throws -> Store {
        try Store(path: try storeFolder(count) + "/heed.sqlite")
    }

    /// A fresh copy of the store of `count` items, for benchmarks that change it (one working
    /// copy per size, made again by every call, so nothing piles up). The copy is synced to
    /// disk first, or the store's first checkpoint would pay for writing all of it out.
    public static func storeCopy(_ count: Int) throws -> Store {
        let source = try storeFolder(count)
        let copy = source + ".work"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        for name in try FileManager.default.contentsOfDirectory(atPath: copy) {
            let fd = open(copy + "/" + name, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            fsync(fd)
            close(fd)
        }
        return try Store(path: copy + "/heed.sqlite")
    }

    /// A new empty folder for one benchmark's scratch files.
    public static func scratch(_ name: String) throws -> String {
        let path = folder + "/scratch-\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func cached(_ name: String, make: (String) throws -> Void) throws -> String {
        let path = folder + "/" + name
        if FileManager.default.fileExists(atPath: path) { return path }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        note("making \(path) (once)")
        let partial = path + ".partial"
        try make(partial)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return path
    }

    private static func run(_ tool: String, _ arguments: [String], in directory: String? = nil, stdout: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let stdout {
            _ = FileManager.default.createFile(atPath: stdout, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError("\(tool) \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
    }

    public static func note(_ text: String) {
        FileHandle.standardError.write(Data("heed-bench: \(text)\n".utf8))
    }
}

/// A fixture that could not be made, and why.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
