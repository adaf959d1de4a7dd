import Foundation

/// UTF-8's byte order mark, which some editors write at the start of a file.
private let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

/// Splits what a file holds into whole JSON documents however they were written one after
/// another: compact pages a line each (`curl … >> f`), pretty-printed pages (`jq .`, Google's
/// APIs), several on one line, with blank lines between them or none. Strings and their escapes
/// are followed, so a bracket inside text never counts.
///
/// Memory stays bounded: lines are read in pieces of at most `piece` bytes, and a document
/// larger than `limit` is read to its end without being kept (it is given by its size alone).
///
/// A document cut short (a truncated line, a page broken off) would otherwise swallow what
/// follows it: an unfinished document ends where a line starts with `{` or `[` in its first
/// column and the document cannot go on with it (it is inside a string, or its last token was
/// no `,`, `[` or `:`), and the next document begins there. Where it could go on (JSON pretty-
/// printed without indentation), the line is taken in and remembered as a `join`: a document
/// that then does not parse is read again in parts split at its joins (`Documents`), so a page
/// after a broken one still imports.
struct JSONDocuments {
    /// One document as found.
    struct Document {
        /// The line it starts on.
        var line: Int
        /// Its text; nil for a document larger than the limit.
        var bytes: ArraySlice<UInt8>?
        /// Its size in bytes.
        var size: Int
        /// Its value when it was read whole at once (a compact line); nil to parse `bytes`.
        var parsed: JSON?
        /// Where lines starting with `{` or `[` were taken in: offsets in `bytes` and line numbers.
        var joins: [(offset: Int, line: Int)] = []
        /// For an array too large to keep whole, read in parts: which of its items this part
        /// holds (from 0), as an array of them (or one item too large, `bytes` nil).
        var items: Range<Int>? = nil
    }

    /// The most joins remembered for one document.
    static let joinsKept = 10_000
    /// The most bytes of items one part of a large array holds (or `limit`, when smaller).
    static let partSize = 1 << 20

    /// The largest document kept, in bytes: one larger is given by its size alone.
    let limit: Int
    /// The longest piece of a line read at once.
    let piece: Int

    /// Whether a document has started and not ended.
    private var open = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// A document that is no object or array (a number, a word, stray text): it ends with its line.
    private var scalar = false
    private var kept: [UInt8] = []
    private var size = 0
    private var startLine = 0
    /// The last byte of the open document outside strings and whitespace.
    private var last: UInt8 = 0
    private var joins: [(offset: Int, line: Int)] = []
    /// Whether the last piece left its line unfinished.
    private var lineOpen = false
    private var ready: [Document] = []
    private var taken = 0
    private var ended = false
    /// Whether the open document is an array, whose items may be read in parts.
    private var isArray = false
    /// Offsets in the document (from its start) of the commas between its items, not yet used.
    private var commas: [Int] = []
    /// An array over the limit, read item by item: where its next item starts and where `kept` starts.
    private var inParts = false
    private var itemStart = 0
    private var keptFrom = 0
    /// The items of the part being gathered (as `[a,b,…]` without its brackets), how many, and
    /// the number of the next item.
    private var part: [UInt8] = []
    private var partCount = 0
    private var nextItem = 0

    /// Documents of at most `limit` bytes are kept; lines are read `piece` bytes at a time at most.
    init(limit: Int, piece: Int) {
        self.limit = limit
        self.piece = max(1, min(piece, limit))
    }

    /// The next document of the reader, or nil at the end.
    mutating func next(_ reader: inout LineReader) throws -> Document? {
        while true {
            if taken < ready.count {
                let document = ready[taken]
                taken += 1
                if taken == ready.count { ready.removeAll(keepingCapacity: true); taken = 0 }
                return document
            }
            if ended { return nil }
            guard let (bytes, endsLine) = try reader.nextPiece(longest: piece) else {
                ended = true
                if open { close() }
                continue
            }
            let startsLine = !lineOpen
            lineOpen = !endsLine
            take(bytes, line: reader.lineNumber, startsLine: startsLine, endsLine: endsLine)
        }
    }

    /// Finds the documents of one piece of a line.
    private mutating func take(_ bytes: ArraySlice<UInt8>, line: Int, startsLine: Bool, endsLine: Bool) {
        if startsLine, open, let first = bytes.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            if inString || !(last == UInt8(ascii: ",") || last == UInt8(ascii: "[") || last == UInt8(ascii: ":")) {
                close()  // an unfinished document: a new one starts in the first column
            } else if joins.count < Self.joinsKept {
                joins.append((size, line))
            }
        }
        if startsLine, endsLine, !open, let whole = Self.wholeLine(bytes, line: line) {
            ready.append(whole)
            return
        }
        scan(bytes, line: line)
        guard endsLine, open else { return }
        if scalar {
            close()
        } else {
            keep(CollectionOfOne(10))
        }
    }

    /// A line that holds one document and nothing else, read at once (the common case, and the
    /// one `LinePrefetch` parses ahead); nil when the line is anything else.
    private static func wholeLine(_ bytes: ArraySlice<UInt8>, line: Int) -> Document? {
        let blank: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 13 }
        let text = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(byteOrderMark.count) : bytes
        guard let first = text.first(where: { !blank($0) }), let last = text.last(where: { !blank($0) }) else { return nil }
        let opens = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        let closes = last == UInt8(ascii: "}") || last == UInt8(ascii: "]")
        guard opens, closes, let value = try? JSON.parse(Data(bytes)) else { return nil }
        return Document(line: line, bytes: bytes, size: bytes.count, parsed: value)
    }

    /// Follows the structure of a piece, ending documents where their outermost bracket closes.
    private mutating func scan(_ bytes: ArraySlice<UInt8>, line: Int) {
        var from = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if !open {
                if byte == byteOrderMark[0], bytes[index...].starts(with: byteOrderMark) {
                    // A mark at the start of a document (files joined with `cat`): JSON reads past it.
                    index += byteOrderMark.count
                    from = index
                    continue
                }
                switch byte {
                case 32, 9, 13:
                    index += 1
                    from = index
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    start(line: line, scalar: false)
                    isArray = byte == UInt8(ascii: "[")
                    from = index
                    depth = 1
                    last = byte
                    index += 1
                    continue
                default:
                    start(line: line, scalar: true)
                    from = index
                }
            }
            if scalar { break }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: ","):
                    if depth == 1, isArray { commas.append(size + (index - from)) }
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        keep(bytes[from...index])
                        close()
                        from = index + 1
                        index += 1
                        continue
                    }
                default: break
                }
                if byte != 32, byte != 9, byte != 13 { last = byte }
            }
            index += 1
        }
        if open, from < bytes.endIndex { keep(bytes[from...]) }
    }

    private mutating func start(line: Int, scalar: Bool) {
        open = true
        self.scalar = scalar
        depth = 0
        inString = false
        escaped = false
        size = 0
        startLine = line
        last = 0
        joins = []
        isArray = false
        commas = []
        inParts = false
        itemStart = 1
        keptFrom = 0
        part = []
        partCount = 0
        nextItem = 0
    }

    /// Adds bytes to the open document, or only counts them once it is over the limit; an array
    /// over the limit goes on item by item instead (`inParts`), so its items are still read.
    private mutating func keep(_ bytes: some Collection<UInt8>) {
        size += bytes.count
        if inParts {
            kept.append(contentsOf: bytes)
            takeItems()
        } else if size <= limit {
            kept.append(contentsOf: bytes)
        } else if isArray {
            kept.append(contentsOf: bytes)
            inParts = true
            joins = []
            takeItems()
        } else if !kept.isEmpty {
            kept = []
        }
    }

    /// Moves the items that ended (a comma at the array's first level after them) from `kept`
    /// into parts; an item longer than the limit is counted, not kept.
    private mutating func takeItems() {
        while let comma = commas.first, comma < keptFrom + kept.count {
            commas.removeFirst()
            if itemStart >= keptFrom {
                add(item: kept[(itemStart - keptFrom)..<(comma - keptFrom)])
            } else {
                tooLarge(item: comma - itemStart)
            }
            itemStart = comma + 1
        }
        let dropped = min(kept.count, max(0, itemStart - keptFrom))
        if dropped > 0 {
            kept.removeFirst(dropped)
            keptFrom += dropped
        }
        if itemStart < keptFrom || kept.count > limit {
            // An item over the limit: counted to its end (its size is where the next comma
            // or the closing bracket comes), never kept.
            keptFrom += kept.count
            kept = []
        }
    }

    /// Adds one item to the part being gathered, handing the part on when it is full.
    private mutating func add(item: ArraySlice<UInt8>) {
        let blank: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 10 }
        guard let first = item.firstIndex(where: { !blank($0) }), let last = item.lastIndex(where: { !blank($0) }) else {
            nextItem += 1
            return
        }
        if partCount > 0, part.count + (last - first) > min(Self.partSize, limit) { handPart() }
        if partCount > 0 { part.append(UInt8(ascii: ",")) }
        part.append(contentsOf: item[first...last])
        partCount += 1
        nextItem += 1
    }

    /// Hands on an item too large to keep, by its size.
    private mutating func tooLarge(item size: Int) {
        handPart()
        ready.append(Document(line: startLine, bytes: nil, size: size, parsed: nil, items: nextItem..<(nextItem + 1)))
        nextItem += 1
    }

    /// Hands on the part gathered so far as an array of its items.
    private mutating func handPart() {
        guard partCount > 0 else { return }
        let bytes = [UInt8(ascii: "[")] + part + [UInt8(ascii: "]")]
        ready.append(Document(line: startLine, bytes: bytes[...], size: bytes.count, parsed: nil, items: (nextItem - partCount)..<nextItem))
        part = []
        partCount = 0
    }

    /// Ends an array read in parts: its last item (up to the closing bracket, when it closed)
    /// and the last part.
    private mutating func closeParts() {
        takeItems()
        if itemStart >= keptFrom {
            var rest = kept[(itemStart - keptFrom)...]
            if depth == 0, rest.last == UInt8(ascii: "]") { rest = rest.dropLast() }
            if rest.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 && $0 != 10 }) { add(item: rest) }
        } else {
            tooLarge(item: size - itemStart)
        }
        handPart()
    }

    /// Ends the open document, whole or not, and hands it on.
    private mutating func close() {
        let over = size > limit
        if inParts {
            closeParts()
        } else {
            ready.append(Document(line: startLine, bytes: over ? nil : kept[...], size: size, parsed: nil, joins: over ? [] : joins))
        }
        kept = []
        joins = []
        open = false
        depth = 0
        inString = false
        escaped = false
    }
}
