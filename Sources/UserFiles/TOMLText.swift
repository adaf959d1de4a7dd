import TOMLKit

/// TOML from a user's file, parsed by TOMLKit only once a small scanner (that knows strings
/// and comments) has found nothing the parser cannot take: a table or key nested thousands
/// deep (`[a.a.a…]`, `x = [[[…`, `{a={a=…`) makes it recurse until the stack runs out, and a
/// control character or a table name starting with `?` breaks what it assumes (an assertion,
/// or undefined behaviour where assertions are off). Such a file is refused with its line.
public enum TOMLText {
    /// The deepest nesting (tables, dotted keys, arrays and inline tables together) heed reads;
    /// heed's own files need four.
    public static let maxDepth = 32

    /// Why TOML text was not read: where, and what is wrong, in words.
    public struct Problem: Error, Equatable, Sendable {
        public var line: Int?
        public var reason: String
    }

    /// The table of `text`, or where and why it cannot be read.
    public static func parse(_ text: String) -> Result<TOMLTable, Problem> {
        if let problem = check(text) { return .failure(problem) }
        do {
            return .success(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            return .failure(Problem(line: Int(error.source.begin.line), reason: error.description))
        } catch {
            return .failure(Problem(line: nil, reason: "\(error)"))
        }
    }

    /// The first place TOMLKit must not be given: nesting past `maxDepth`, a control character
    /// (TOML allows none but tab and line ends), a byte beyond ASCII outside strings and
    /// comments (TOML allows none; the parser would take some for blanks it assumes absent), a
    /// table name that starts with what starts no key, or `}` where an array wants a value.
    static func check(_ text: String) -> Problem? {
        var scanner = DepthScanner()
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D || byte == 0x7F {
                return Problem(line: scanner.line, reason: "a control character (\\u{\(String(byte, radix: 16))}), which TOML does not allow")
            }
            scanner.take(byte)
            if scanner.depth > maxDepth {
                return Problem(line: scanner.line, reason: "nested \(scanner.depth) levels deep at least; heed reads TOML nested at most \(maxDepth) deep")
            }
            if let refusal = scanner.refusal { return Problem(line: scanner.line, reason: refusal) }
        }
        return nil
    }
}

/// Follows TOML's structure byte by byte, just enough to know how deep the current place is:
/// the table header's parts, each open array or inline table (with the dotted key it was
/// assigned to), and the parts of the key being read. Strings (basic, literal, multi-line) and
/// comments are skipped.
struct DepthScanner {
    private(set) var line = 1
    /// The parts of the last table header (`[a.b]` is 2): keys below it are that much deeper.
    private var tableDepth = 0
    /// Each open `[` or `{` in a value, with how deep it goes (1, plus its key's parts).
    private var open: [(byte: UInt8, weight: Int)] = []
    private var openWeight = 0
    /// Parts of the key being read (dots plus one).
    private var keyParts = 0
    /// Parts of the key whose value is being read, until that value opens a container.
    private var valueKeyParts = 0
    /// Whether a key is being read (or a table header), rather than a value.
    private var inKey = true
    private var header = false
    private var quote: UInt8?
    private var openingQuotes = 0
    private var multiline = false
    private var escaped = false
    private var closingQuotes = 0
    private var comment = false
    /// Within a table header's opening: 1 after `[`, 2 after `[[`, with blanks; 0 once the
    /// name has started.
    private var headerOpening = 0
    /// Where an array wants its next value (after `[` or a comma), before anything but blanks.
    private var arrayValueNext = false
    /// Why the text must not reach the parser, once that is known.
    private(set) var refusal: String?

    var depth: Int { (header ? 0 : tableDepth) + openWeight + keyParts }

    /// Takes the next byte of the text.
    mutating func take(_ byte: UInt8) {
        if byte == 0x0A { line += 1 }
        step(byte)
    }

    private mutating func step(_ byte: UInt8) {
        if headerOpening > 0, quote == nil, !comment {
            switch byte {
            case 0x5B where headerOpening == 1: headerOpening = 2; return
            case 0x20, 0x09: headerOpening = 3; return
            case 0x5D, 0x22, 0x27, 0x2D, 0x5F, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: headerOpening = 0
            default:
                refusal = "a table name must start with a letter, a digit, _, - or a quote"
                headerOpening = 0
                return
            }
        }
        if arrayValueNext, quote == nil, !comment {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x23: break
            case 0x7D: refusal = "'}' where the array wants a value or ']'"
            default: arrayValueNext = false
            }
        }
        if byte >= 0x80, quote == nil, !comment {
            refusal = "a character beyond ASCII outside quotes, which TOML does not allow (put it in a string)"
            return
        }
        if comment {
            if byte == 0x0A { comment = false; newline() }
            return
        }
        if let quote {
            inString(byte, quote)
            return
        }
        switch byte {
        case 0x22, 0x27: startString(byte)
        case 0x23: comment = true
        case 0x0A: newline()
        case 0x5B:  // [
            if inKey, open.isEmpty, keyParts == 0, !header {
                header = true
                headerOpening = 1
            } else if !inKey {
                push(byte)
            }
        case 0x5D:  // ]
            if header {
                header = false
                tableDepth = keyParts
                keyParts = 0
            } else if open.last?.byte == 0x5B {
                pop()
            }
        case 0x7B:  // {
            if !inKey {
                push(byte)
                inKey = true
            }
        case 0x7D:  // }
            if open.last?.byte == 0x7B {
                pop()
                inKey = false
            }
        case 0x3D:  // =
            if inKey, !header {
                inKey = false
                valueKeyParts = keyParts
                keyParts = 0
            }
        case 0x2C:  // ,
            if open.last?.byte == 0x7B { inKey = true; keyParts = 0 }
            if open.last?.byte == 0x5B { arrayValueNext = true }
        case 0x2E:  // .
            if inKey || header { keyParts += 1 }
        default:
            if inKey || header, keyParts == 0, byte > 0x20 { keyParts = 1 }
        }
    }

    private mutating func push(_ byte: UInt8) {
        if byte == 0x5B { arrayValueNext = true }
        let weight = 1 + valueKeyParts
        open.append((byte, weight))
        openWeight += weight
        valueKeyParts = 0
        keyParts = 0
    }

    private mutating func pop() {
        openWeight -= open.removeLast().weight
        keyParts = 0
    }

    /// A line ends: outside any array or inline table, the next thing is a key.
    private mutating func newline() {
        guard open.isEmpty, !header else { return }
        inKey = true
        keyParts = 0
        valueKeyParts = 0
    }

    private mutating func startString(_ byte: UInt8) {
        if inKey || header, keyParts == 0 { keyParts = 1 }
        quote = byte
        openingQuotes = 1
        multiline = false
        escaped = false
        closingQuotes = 0
    }

    /// Inside a string: finds its end (three quotes or more for a multi-line one; a backslash
    /// escapes in basic strings only).
    private mutating func inString(_ byte: UInt8, _ mark: UInt8) {
        if openingQuotes > 0 {
            // Still reading the opening quotes: "" is an empty string, """ opens a multi-line one.
            if byte == mark {
                openingQuotes += 1
                if openingQuotes == 3 { multiline = true; openingQuotes = 0 }
                return
            }
            let run = openingQuotes
            openingQuotes = 0
            if run == 2 {
                quote = nil
                step(byte)
                return
            }
        }
        if multiline, closingQuotes >= 3, byte != mark {
            // Three quotes or more ended it (up to two of them belong to the text).
            quote = nil
            multiline = false
            closingQuotes = 0
            step(byte)
            return
        }
        if escaped { escaped = false; return }
        if byte == 0x5C, mark == 0x22 { escaped = true; closingQuotes = 0; return }
        if byte == mark {
            closingQuotes += 1
            if !multiline { quote = nil; closingQuotes = 0 }
            return
        }
        closingQuotes = 0
        if byte == 0x0A, !multiline { quote = nil; newline() }
    }
}
