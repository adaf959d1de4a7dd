import Foundation

/// Pages one per line (what `curl` gives when pages are appended to a file) are read a line at
/// a time: the line is parsed, then its records are mapped, and the parse waits on the thread
/// that maps. This parses the next lines on another thread meanwhile. `LineReader.nextLine(longest:)`
/// offers the lines after the one it returns (up to `depth` of them, when they are already
/// whole in its buffer); `JSON.parse` takes a result when it is asked for those very bytes
/// (compared in full), so its answer is the one it would have computed then: parsing is a pure
/// function of the bytes, and a line the fast reader leaves still goes to JSONSerialization.
///
/// The parsed page is released on the other thread too, once the next one is taken (it was
/// allocated there; freeing it there spares the reading thread the work and the allocator's
/// lock).
///
/// A reader whose lines are not parsed this way (heed's JSON Lines, CSV) is told to stop
/// offering after `patience` lines were not taken. At most `depth` + 1 lines wait, each at most
/// `largest` bytes: memory stays flat. Several readers at once only make offers miss.
final class LinePrefetch: @unchecked Sendable {
    static let shared = LinePrefetch()
    /// Lines parsed ahead of the one being read.
    static let depth = 2
    /// Lines longer than this are not parsed ahead.
    static let largest = 1 << 20
    /// Lines offered and not taken after which a reader stops offering.
    static let patience = 3

    private let lock = NSLock()
    private let queue = DispatchQueue(label: "heed.json.prefetch")
    private var reader: ObjectIdentifier?
    private var waiting: [Entry] = []
    private var misses = 0
    /// The last page taken, released on the prefetch thread when the next one is taken.
    private var taken: JSON?
    private var enabled = true
    private var parses = 0

    /// Whether lines are parsed ahead at all (tests compare with and without).
    var isEnabled: Bool {
        get { lock.withLock { enabled } }
        set { lock.withLock { enabled = newValue } }
    }

    /// Lines parsed ahead so far, taken or not (for tests).
    var parsesStarted: Int { lock.withLock { parses } }

    /// A line being parsed or parsed.
    private final class Entry: @unchecked Sendable {
        let line: Int
        let bytes: [UInt8]
        let done = DispatchGroup()
        /// Set on the prefetch thread before `done` is left.
        var result: JSON?

        init(line: Int, bytes: [UInt8]) {
            self.line = line
            self.bytes = bytes
        }
    }

    /// The reader (named by `token`) returns line `number`: lines before it that were offered
    /// and not taken are dropped. Answers whether the reader should go on offering.
    func advance(_ token: LineReaderToken, to number: Int) -> Bool {
        lock.withLock {
            let id = ObjectIdentifier(token)
            if reader != id {
                reader = id
                waiting.removeAll()
                misses = 0
            }
            let before = waiting.count
            waiting.removeAll { $0.line < number }
            misses += before - waiting.count
            guard enabled, misses < Self.patience else {
                waiting.removeAll()
                return false
            }
            return true
        }
    }

    /// Parses line `number` of the reader ahead, when it looks like a page (a line that does
    /// not counts as a line not taken: CSV stops being offered too).
    func prefetch(_ token: LineReaderToken, line number: Int, _ bytes: ArraySlice<UInt8>) {
        let looksLikePage = bytes.count <= Self.largest && Self.startsLikeJSON(bytes)
        lock.withLock {
            guard reader == ObjectIdentifier(token) else { return }
            guard looksLikePage else {
                misses += 1
                return
            }
            guard waiting.count <= Self.depth else { return }
            let entry = Entry(line: number, bytes: Array(bytes))
            waiting.append(entry)
            parses += 1
            queue.async(group: entry.done) {
                entry.result = entry.bytes.withUnsafeBufferPointer { JSONBytes.parse($0) }
            }
        }
    }

    /// The parse of a line offered with exactly these bytes (waiting for it if need be): the
    /// outer nil when there is none, the inner nil when the fast reader left the line.
    func take(_ bytes: UnsafeRawBufferPointer) -> JSON?? {
        guard let address = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let candidates = lock.withLock { waiting }
        guard let entry = candidates.first(where: { entry in
            entry.bytes.count == bytes.count && entry.bytes.withUnsafeBytes { memcmp($0.baseAddress!, address, bytes.count) == 0 }
        }) else { return nil }
        entry.done.wait()
        let result = entry.result
        let previous: JSON? = lock.withLock {
            waiting.removeAll { $0 === entry }
            misses = 0
            defer { taken = result }
            return taken
        }
        release(previous)
        return .some(result)
    }

    /// The reader is gone: what waits for it is dropped.
    func forget(_ token: LineReaderToken) {
        let previous: JSON? = lock.withLock {
            guard reader == ObjectIdentifier(token) else { return nil }
            reader = nil
            waiting.removeAll()
            defer { taken = nil }
            return taken
        }
        release(previous)
    }

    /// Lets the prefetch thread drop the last reference to a page (when the reader has
    /// dropped its own, as it has by the time it asks for the next page).
    private func release(_ page: JSON?) {
        guard let page else { return }
        queue.async { withExtendedLifetime(page) {} }
    }

    /// Whether a line opens an object or an array (after blanks): only those are parsed ahead.
    private static func startsLikeJSON(_ line: ArraySlice<UInt8>) -> Bool {
        let first = line.first { $0 != 0x20 && $0 != 0x09 }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}

/// Names one `LineReader` (and its copies) to `LinePrefetch`.
final class LineReaderToken {
    deinit { LinePrefetch.shared.forget(self) }
}
