import Foundation
import HeedCore
import HeedImport
import HeedStore

/// Imports a file the way `heed import FILE` does (Sources/heed/ImportCommand.swift): the file
/// read by `MentionFile` with the format detected, every event handed to the store's import
/// sink inside one transaction, with no handles of the user's own (an empty config).
public enum Importer {
    public static func importFile(_ path: String, into store: Store, now: Date) throws -> ImportCounts {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FixtureError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var skipped: [String: Int] = [:]
        let counts = try store.importing(now: now) { sink in
            try MentionFile.read(fd: fd, file: path, format: nil, isOwn: { _, _ in false }, progress: { _ in }) { event in
                switch event {
                case .mention(let mention):
                    try sink.put(mention)
                case .skipped(let reason):
                    sink.skip()
                    skipped[reason, default: 0] += 1
                case .rejected(let problem):
                    sink.reject()
                    FileHandle.standardError.write(Data("heed-bench: rejected \(problem)\n".utf8))
                case .answered(let ref, let at):
                    try sink.answered(ref, at: at)
                case .advice:
                    break
                }
            }
        }
        return counts
    }
}
