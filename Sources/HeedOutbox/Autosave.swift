import Foundation
import HeedCore
import HeedFiles

/// Replies being typed, saved as they change so a crash or a killed terminal loses nothing:
/// one small file per item in a private folder, written whole and renamed into place.
public struct Autosave: Sendable {
    public let folder: String

    /// The autosave folder that belongs to an outbox file: `autosave/` beside it.
    public init(besideOutbox outbox: String) {
        let parent = (outbox as NSString).deletingLastPathComponent
        folder = (parent.isEmpty ? "." : parent) + "/autosave"
    }

    /// Keeps the text typed so far for an item: written whole to a new temporary file
    /// (owner-only, created exclusively), then renamed over the item's file.
    public func save(_ ref: Ref, text: String, at date: Date) throws {
        try OutboxFiles.makePrivateFolder(folder)
        var json = JSONWriter()
        json.add("ref", ref.description)
        json.add("at", Timestamp.formatPrecise(date))
        json.add("text", text)
        let path = file(for: ref)
        do {
            // Kept on every change: a killed heed loses nothing unsynced (the system holds it).
            try PrivateFiles.replace(path, with: Array(json.finish().utf8), synced: false)
        } catch {
            throw OutboxFiles.failure("cannot keep the unsaved reply in \(path)", error.code)
        }
    }

    /// The unsaved text of an item and when it was typed, if any.
    public func recover(_ ref: Ref) -> (text: String, at: Date)? {
        guard let object = read(file(for: ref)),
              object["ref"] as? String == ref.description, let text = object["text"] as? String else { return nil }
        let at = (object["at"] as? String).flatMap { Timestamp.parseISO($0) } ?? Date(timeIntervalSince1970: 0)
        return (text, at)
    }

    /// Forgets an item's unsaved text (it was saved to the outbox, or discarded on purpose).
    public func forget(_ ref: Ref) {
        unlink(file(for: ref))
    }

    /// Every item with unsaved text.
    public func unsaved() -> [Ref] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let object = read(folder + "/" + name),
                  let ref = (object["ref"] as? String).flatMap(Ref.init(parsing:)) else { return nil }
            return ref
        }
    }

    /// The most an autosave file holds: a reply of a megabyte, every character escaped.
    static let limit = 8 << 20

    /// An autosave file's object, when it is a regular file (never a link or a FIFO) within the limit.
    private func read(_ path: String) -> [String: Any]? {
        guard let bytes = try? PrivateFiles.readRegular(path, limit: Self.limit) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// A file name from the ref (FNV-1a, hex): refs hold characters no file name should.
    func file(for ref: Ref) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ref.description.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return folder + "/" + String(hash, radix: 16) + ".json"
    }
}
