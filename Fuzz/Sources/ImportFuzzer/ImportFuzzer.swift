import Foundation
import FuzzSupport
import HeedCore
import HeedImport

/// libFuzzer's entry: one input is one file given to `heed import`, read the way the command
/// reads it (from a descriptor, the format detected unless `HEED_FUZZ_FORMAT` names one), and
/// every event checked against what the command relies on. A broken promise traps, which
/// libFuzzer reports as a crash with the input saved.
@_cdecl("LLVMFuzzerTestOneInput")
public func importFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let (format, body) = FuzzTarget.shared.split(bytes)
    let events = FuzzTarget.shared.check(body, format: format)
    FastPaths.check(body)
    let unprefetched = FastPaths.withoutPrefetch { FuzzTarget.shared.check(body, format: format) }
    if events != unprefetched {
        let index = (0..<min(events.count, unprefetched.count)).first { events[$0] != unprefetched[$0] } ?? min(events.count, unprefetched.count)
        fatalError("lines parsed ahead gave other events: event \(index) of \(events.count) (\(unprefetched.count) without): \(events.dropFirst(index).first.map { "\($0)" } ?? "none") against \(unprefetched.dropFirst(index).first.map { "\($0)" } ?? "none")")
    }
    return 0
}

/// What one fuzzing process holds: the chosen format mode and a scratch file to read from.
final class FuzzTarget: @unchecked Sendable {
    static let shared = FuzzTarget()

    /// How the format of an input is chosen.
    enum Mode {
        /// Detected from the content, as `heed import FILE` does.
        case detect
        /// Named, as `heed import --format NAME FILE` does.
        case named(ImportFormat)
        /// The first byte picks: 0 detection, n the n-th name (modulo); the rest is the file.
        case any
    }

    let mode: Mode
    /// The file every input is written to and read back from (unlinked at once).
    let fd: Int32

    private init() {
        let name = ProcessInfo.processInfo.environment["HEED_FUZZ_FORMAT"] ?? "detect"
        switch name {
        case "detect", "": mode = .detect
        case "any": mode = .any
        default:
            guard let format = ImportFormat(name: name) else {
                fatalError("HEED_FUZZ_FORMAT=\(name): expected detect, any or one of \(ImportFormat.names.joined(separator: ", "))")
            }
            mode = .named(format)
        }
        var template = Array("/tmp/heed-fuzz-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { fatalError("mkstemp: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    /// The format to read an input as (nil: detect), and the bytes of the file.
    func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (ImportFormat?, UnsafeBufferPointer<UInt8>) {
        switch mode {
        case .detect: return (nil, bytes)
        case .named(let format): return (format, bytes)
        case .any:
            guard let first = bytes.first else { return (nil, bytes) }
            let formats = ImportFormat.all
            let pick = Int(first) % (formats.count + 1)
            let rest = UnsafeBufferPointer(rebasing: bytes.dropFirst())
            return (pick == 0 ? nil : formats[pick - 1], rest)
        }
    }

    /// An event as compared between two reads: mentions by value, the rest by description.
    enum Seen: Equatable {
        case mention(Mention)
        case other(String)
    }

    /// Reads `body` as a file of mentions and checks every promise the import command relies
    /// on; returns what each event was, in order (the failure last, if any).
    func check(_ body: UnsafeBufferPointer<UInt8>, format: ImportFormat?) -> [Seen] {
        write(body)
        var tally = Tally()
        var events: [Seen] = []
        do {
            try MentionFile.read(fd: fd, file: "fuzz.json", format: format) { event in
                tally.take(event)
                if case .mention(let mention) = event { events.append(.mention(mention)) } else { events.append(.other(String(describing: event))) }
            }
        } catch let failure as ImportFailure {
            require(!failure.description.trimmed().isEmpty, "an import failure without a reason")
            events.append(.other(failure.description))
        } catch {
            fatalError("MentionFile.read threw \(type(of: error)), not ImportFailure: \(error)")
        }
        return events
    }

    /// Puts `bytes` in the scratch file, alone, with the offset back at the start.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard ftruncate(fd, 0) == 0 else { fatalError("ftruncate: \(String(cString: strerror(errno)))") }
        var done = 0
        while done < bytes.count {
            let count = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(done))
            guard count > 0 else { fatalError("pwrite: \(String(cString: strerror(errno)))") }
            done += count
        }
        guard lseek(fd, 0, SEEK_SET) == 0 else { fatalError("lseek: \(String(cString: strerror(errno)))") }
    }
}

/// Checks each event as it comes: every refusal and every skip says why, every mention is one
/// the store can take.
struct Tally {
    var mentions = 0, skipped = 0, rejected = 0

    mutating func take(_ event: ImportEvent) {
        switch event {
        case .mention(let mention):
            mentions += 1
            require(!mention.id.isEmpty, "a mention without an id")
            require(!mention.text.utf8.contains(0), "a NUL left in a mention's text")
            require(mention.createdAt.timeIntervalSince1970.isFinite, "a mention with no real time")
            for value in [mention.author.handle, mention.author.name, mention.author.url, mention.url, mention.conversation, mention.inReplyTo] {
                require(!(value?.utf8.contains(0) ?? false), "a NUL left in a mention's field")
            }
        case .skipped(let reason):
            skipped += 1
            require(!reason.trimmed().isEmpty, "a skip without a reason")
        case .rejected(let problem):
            rejected += 1
            require(!problem.reason.trimmed().isEmpty, "a rejection without a reason: \(problem)")
            require(!problem.position.trimmed().isEmpty, "a rejection without a place: \(problem)")
            require(problem.file == "fuzz.json", "a rejection naming another file: \(problem)")
        case .answered(let ref, let at):
            require(!ref.id.isEmpty, "an answered ref without an id")
            require(at.timeIntervalSince1970.isFinite, "an answered time that is not a time")
        case .advice(let text):
            require(!text.trimmed().isEmpty, "empty advice")
        }
    }
}
