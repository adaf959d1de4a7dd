import Foundation

/// Reads a file descriptor a line at a time in fixed-size chunks, so memory stays flat
/// however large the file.
public struct LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes: bytes before it hold none.
    private var scanned = 0
    private var finished = false
    public private(set) var lineNumber = 0
    /// Bytes taken from the descriptor so far, for progress.
    public private(set) var bytesRead = 0
    private static let chunk = 1 << 20
    /// A piece given back by `pushBack`, and whether its line ended with it.
    private var pushedBack: (bytes: ArraySlice<UInt8>, endsLine: Bool)?
    /// Whether the last piece returned left its line unfinished (`nextPiece`).
    private var midLine = false
    /// Told the bytes read so far after each chunk, for a progress line.
    public var progress: ((Int) -> Void)?
    /// Whether lines are offered to `LinePrefetch` (until it says they are not taken).
    private var prefetching = true
    var isPrefetching: Bool { prefetching }
    private let token = LineReaderToken()
    /// The last line offered ahead: its number, and where the line after it starts.
    private var aheadLine = 0
    private var aheadEnd = 0

    public init(fd: Int32) { self.fd = fd }

    /// Reads lines of bytes already in memory (nothing is read from any descriptor).
    public init(bytes: [UInt8]) {
        fd = -1
        buffer = bytes
        bytesRead = bytes.count
        finished = true
    }

    /// Gives a line back so the next `nextLine(longest:)` returns it again (after peeking at a file's start).
    public mutating func pushBack(_ line: ArraySlice<UInt8>) {
        pushBack(line, endsLine: true)
    }

    /// Gives back the first piece of a line (`endsLine` false when more of the line follows it),
    /// so the next `nextPiece` or `next` returns it again.
    public mutating func pushBack(_ piece: ArraySlice<UInt8>, endsLine: Bool) {
        pushedBack = (piece, endsLine)
        midLine = false
        lineNumber -= 1
    }

    /// The next `count` bytes (fewer at the end of the input), left to be read: a file's start
    /// looked at as bytes, whatever its lines. Only before anything was read or pushed back.
    public mutating func peek(_ count: Int) throws -> ArraySlice<UInt8> {
        precondition(pushedBack == nil && start == 0, "peek only looks at the start of the input")
        while buffer.count < count, !finished { try fill() }
        return buffer[0..<min(buffer.count, count)]
    }

    /// Everything not yet read, pushed-back line included, as one block (for whole-document formats).
    public mutating func rest() throws -> [UInt8] {
        try rest(longest: .max) ?? []
    }

    /// Everything not yet read as one block, or nil (with all of it read and dropped) when it
    /// holds more than `longest` bytes: `restSize` then tells how many there were.
    public mutating func rest(longest: Int) throws -> [UInt8]? {
        var all: [UInt8] = []
        var total = 0
        if let piece = pushedBack {
            all += piece.bytes
            if piece.endsLine { all.append(10) }
            total = all.count
            pushedBack = nil
        }
        while true {
            total += buffer.count - start
            if total <= longest { all += buffer[start...] } else { all = [] }
            start = buffer.count
            scanned = start
            if finished { break }
            try fill()
        }
        restSize = total
        return total <= longest ? all : nil
    }

    /// How many bytes the last `rest(longest:)` found, kept or not.
    public private(set) var restSize = 0

    private mutating func fill() throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            scanned -= start
            aheadEnd = max(0, aheadEnd - start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: Self.chunk)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, Self.chunk) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportFailure("read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                finished = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
                bytesRead += count
                progress?(bytesRead)
            }
            return
        }
    }

    /// Offers the lines after the one being returned to `LinePrefetch`, those already whole
    /// in the buffer (nothing more is read for them), up to `LinePrefetch.depth` ahead.
    private mutating func offerAhead() {
        prefetching = LinePrefetch.shared.advance(token, to: lineNumber)
        guard prefetching else { return }
        if aheadLine < lineNumber || aheadEnd < start {
            aheadLine = lineNumber
            aheadEnd = start
        }
        while aheadLine < lineNumber + LinePrefetch.depth {
            let from = aheadEnd
            let newline = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard from < bytes.count, let base = bytes.baseAddress,
                      let found = memchr(base + from, 10, bytes.count - from) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            guard let newline else { return }
            var end = newline
            if end > from, buffer[end - 1] == 13 { end -= 1 }
            aheadLine += 1
            aheadEnd = newline + 1
            LinePrefetch.shared.prefetch(token, line: aheadLine, buffer[from..<end])
        }
    }

    /// The next line without its newline (a final line without one included), or nil at the
    /// end: the line itself when it holds at most `longest` bytes, else only its size (what it
    /// held was read and dropped), so a line of any length costs at most `longest` bytes.
    public mutating func nextLine(longest: Int) throws -> Line? {
        guard let piece = try nextPiece(longest: longest) else { return nil }
        if piece.endsLine { return .whole(piece.bytes) }
        let number = lineNumber
        // A first piece given back (`pushBack`), or a line longer than `longest`: the rest of
        // the line joins it while it fits.
        var line: [UInt8]? = Array(piece.bytes)
        var size = piece.bytes.count
        while let more = try nextPiece(longest: longest) {
            size += more.bytes.count
            if size <= longest { line?.append(contentsOf: more.bytes) } else { line = nil }
            if more.endsLine { break }
        }
        if let line { return .whole(line[...]) }
        return .tooLong(size: size, line: number)
    }

    /// A line as `nextLine(longest:)` gives it.
    public enum Line {
        /// The line's bytes, without its newline.
        case whole(ArraySlice<UInt8>)
        /// A line longer than asked for: how many bytes it held, and its number.
        case tooLong(size: Int, line: Int)
    }

    /// The next piece of input: the rest of a line (without its newline) when it holds at most
    /// `longest` bytes, else its next `longest` bytes, so a line of any length is read in
    /// bounded memory. `endsLine` tells whether the line ends with the piece; `lineNumber`
    /// counts a line when its first piece is returned.
    public mutating func nextPiece(longest: Int) throws -> (bytes: ArraySlice<UInt8>, endsLine: Bool)? {
        if let piece = pushedBack {
            pushedBack = nil
            lineNumber += 1
            midLine = !piece.endsLine
            return piece
        }
        while true {
            let newline = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard scanned < bytes.count, let base = bytes.baseAddress,
                      let found = memchr(base + scanned, 10, bytes.count - scanned) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if let newline, newline - start <= longest {
                var end = newline
                if end > start, buffer[end - 1] == 13 { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                scanned = start
                if !midLine { lineNumber += 1 }
                midLine = false
                if prefetching { offerAhead() }
                return (line, true)
            }
            if buffer.count - start > longest {
                // A line longer than a piece: its next `longest` bytes.
                let piece = buffer[start..<(start + longest)]
                start += longest
                scanned = max(scanned, start)
                if !midLine { lineNumber += 1 }
                midLine = true
                return (piece, false)
            }
            scanned = buffer.count
            if finished {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                if !midLine { lineNumber += 1 }
                midLine = false
                return (line, true)
            }
            try fill()
        }
    }
}

/// An import that cannot go on (unreadable file, unknown format): exit 2.
public struct ImportFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One malformed record, named by where it stands and why it was refused.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var position: String
    public var reason: String

    public var description: String { "\(file):\(position): \(reason)" }
}
