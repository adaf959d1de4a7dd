import Foundation
import HeedCore

extension HeedLines {
    /// One line read straight from its bytes into a mention, without JSONSerialization.
    /// Nil means "take the general path": for every line this does not read it leaves the
    /// answer (a mention or the reason for refusing the line) to `decode`, so what is imported
    /// and every message stay the same. Besides what `JSONBytes` leaves to the fallback, it
    /// leaves: any problem with a field (missing, wrong type, unknown name or time), a key
    /// spelled with an escape or non-ASCII in the object or its `author`, a known key given
    /// twice (JSONSerialization keeps the last; unknown keys may repeat, they are skipped),
    /// a key given twice in `reply_target`, numbers that are not integers where heed reads
    /// them, `true`/`false` in heed's fields, objects or arrays where heed wants a value, and
    /// any line with `tags` or `priority`.
    static func fastMention(_ line: UnsafeBufferPointer<UInt8>) -> Mention? {
        guard let json = JSONBytes(line) else { return nil }
        var reader = HeedLineBytes(json: json)
        return reader.mention()
    }
}

/// Reads the fields of heed's JSON Lines record from bytes (see `HeedLines.fastMention`).
struct HeedLineBytes {
    var json: JSONBytes

    enum Key: UInt32 {
        case platform, id, kind, author, text, createdAt, url, conversation, inReplyTo, replyTarget
        case state, acknowledgedAt, repliedAt, draft, snoozedUntil
    }

    /// A value as heed's fields read it: a string, an integer's decimal text, or null.
    enum Scalar {
        case string(String)
        case integer(String)
        case null
    }

    mutating func mention() -> Mention? {
        json.skipWhitespace()
        guard next(UInt8(ascii: "{")) else { return nil }
        var seen: UInt32 = 0
        var platform: Platform?
        var id: Scalar?
        var kind = MentionKind.mention
        var author = Author()
        var text: String?
        var createdAt: Scalar?
        var url: Scalar?
        var conversation: Scalar?
        var inReplyTo: Scalar?
        var target: [String: String] = [:]
        var state: Scalar?
        var acknowledgedAt: Scalar?
        var repliedAt: Scalar?
        var draft: Scalar?
        var snoozedUntil: Scalar?

        json.skipWhitespace()
        if next(UInt8(ascii: "}")) { return nil }  // no fields: the general path names what is missing
        while true {
            guard next(UInt8(ascii: "\"")), let key = rawKey() else { return nil }
            json.skipWhitespace()
            guard next(UInt8(ascii: ":")) else { return nil }
            json.skipWhitespace()
            // Tags and priority points (rare, from heed list --json) are read by the general path.
            if Self.equal(key, "tags") || Self.equal(key, "priority") { return nil }
            if let key = Self.key(key) {
                let bit: UInt32 = 1 << key.rawValue
                guard seen & bit == 0 else { return nil }
                seen |= bit
                switch key {
                case .platform:
                    let start = json.index
                    if let raw = plainString(), let known = Self.platforms.first(where: { Self.equal(raw, $0.name) }) {
                        platform = known.platform
                    } else {
                        json.index = start
                        guard case .string(let name)? = scalar(), let known = Platform(name: name) else { return nil }
                        platform = known
                    }
                case .id: guard let value = scalar() else { return nil }; id = value
                case .kind:
                    let start = json.index
                    if let raw = plainString(), let known = Self.kinds.first(where: { Self.equal(raw, $0.name) }) {
                        kind = known.kind
                        break
                    }
                    json.index = start
                    switch scalar() {
                    case .null?: kind = .mention
                    case .string(let name)?:
                        guard let known = MentionKind(rawValue: name) ?? MentionKind(name: name) else { return nil }
                        kind = known
                    default: return nil
                    }
                case .author:
                    guard let value = readAuthor() else { return nil }
                    author = value
                case .text:
                    guard case .string(let value)? = scalar() else { return nil }
                    text = value
                case .createdAt: guard let value = scalar() else { return nil }; createdAt = value
                case .url: guard let value = scalar() else { return nil }; url = value
                case .conversation: guard let value = scalar() else { return nil }; conversation = value
                case .inReplyTo: guard let value = scalar() else { return nil }; inReplyTo = value
                case .replyTarget:
                    guard let value = readTarget() else { return nil }
                    target = value
                case .state: guard let value = scalar() else { return nil }; state = value
                case .acknowledgedAt: guard let value = scalar() else { return nil }; acknowledgedAt = value
                case .repliedAt: guard let value = scalar() else { return nil }; repliedAt = value
                case .draft: guard let value = scalar() else { return nil }; draft = value
                case .snoozedUntil: guard let value = scalar() else { return nil }; snoozedUntil = value
                }
            } else {
                guard json.skipValue(depth: 1) else { return nil }
            }
            json.skipWhitespace()
            if next(UInt8(ascii: ",")) {
                json.skipWhitespace()
                continue
            }
            guard next(UInt8(ascii: "}")) else { return nil }
            break
        }
        json.skipWhitespace()
        guard json.index == json.end else { return nil }

        guard let platform, let text else { return nil }
        let identifier: String
        switch id {
        case .string(let value)? where !value.isEmpty: identifier = value
        case .integer(let digits)?: identifier = digits
        default: return nil
        }
        guard let createdAt, let created = Self.time(createdAt) else { return nil }
        let link: String?
        switch url {
        case nil, .null?: link = nil
        case .string(let value)?: link = value
        case .integer?: return nil
        }
        guard let conversationID = Self.optionalIdentifier(conversation),
              let parentID = Self.optionalIdentifier(inReplyTo) else { return nil }
        guard let mentionState = Self.state(state, acknowledgedAt, repliedAt, draft, snoozedUntil) else { return nil }
        return Mention(platform: platform, id: identifier, kind: kind, author: author, text: text, createdAt: created,
                       url: link, conversation: conversationID, inReplyTo: parentID, replyTarget: target, state: mentionState)
    }

    // MARK: - Fields

    /// `optionalIdentifier`: nil when absent or null, a string as it is, an integer's digits.
    /// The outer nil means "not readable here".
    private static func optionalIdentifier(_ value: Scalar?) -> String?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .string(let text)?: return .some(text)
        case .integer(let digits)?: return .some(digits)
        }
    }

    /// `HeedLines.time`: ISO 8601 or epoch seconds in a string, or an integer of epoch seconds.
    private static func time(_ value: Scalar) -> Date? {
        switch value {
        case .string(let text): return Timestamp.parseISO(text) ?? Timestamp.parseEpoch(text)
        case .integer(let digits): return Timestamp.parseEpoch(digits)
        case .null: return nil
        }
    }

    /// `HeedLines.state`, nil where it would throw.
    private static func state(_ name: Scalar?, _ acknowledgedAt: Scalar?, _ repliedAt: Scalar?, _ draft: Scalar?, _ snoozedUntil: Scalar?) -> MentionState? {
        guard case .string(let name)? = name else { return .waiting }
        func at(_ value: Scalar?) -> Date? {
            guard let value else { return Date(timeIntervalSince1970: 0) }
            return time(value)
        }
        switch name {
        case "waiting": return .waiting
        case "acknowledged": return at(acknowledgedAt).map { .acknowledged(at: $0) }
        case "replied":
            guard let date = at(repliedAt) else { return nil }
            if case .string(let text)? = draft { return .replied(draft: text, at: date) }
            return .replied(draft: "", at: date)
        case "snoozed": return at(snoozedUntil).map { .snoozed(until: $0) }
        default: return nil
        }
    }

    /// `author`: a handle alone, or an object of optional strings.
    private mutating func readAuthor() -> Author? {
        guard json.index < json.end else { return nil }
        switch json.base[json.index] {
        case UInt8(ascii: "n"): return json.literal("null") ? Author() : nil
        case UInt8(ascii: "\""):
            json.index += 1
            return json.string().map { Author(handle: $0) }
        case UInt8(ascii: "{"): break
        default: return nil
        }
        json.index += 1
        var author = Author()
        var seen = 0
        json.skipWhitespace()
        if next(UInt8(ascii: "}")) { return author }
        while true {
            guard next(UInt8(ascii: "\"")), let key = rawKey() else { return nil }
            json.skipWhitespace()
            guard next(UInt8(ascii: ":")) else { return nil }
            json.skipWhitespace()
            let field = Self.equal(key, "handle") ? 1 : Self.equal(key, "name") ? 2 : Self.equal(key, "url") ? 4 : 0
            if field == 0 {
                guard json.skipValue(depth: 2) else { return nil }
            } else {
                guard seen & field == 0 else { return nil }
                seen |= field
                let value: String?
                switch scalar() {
                case .null?: value = nil
                case .string(let text)?: value = text
                default: return nil
                }
                switch field {
                case 1: author.handle = value
                case 2: author.name = value
                default: author.url = value
                }
            }
            json.skipWhitespace()
            if next(UInt8(ascii: ",")) {
                json.skipWhitespace()
                continue
            }
            guard next(UInt8(ascii: "}")) else { return nil }
            return author
        }
    }

    /// `reply_target`: strings kept, integers as their digits, null, objects and arrays
    /// ignored (as `HeedLines.mention` does).
    private mutating func readTarget() -> [String: String]? {
        guard json.index < json.end else { return nil }
        switch json.base[json.index] {
        case UInt8(ascii: "n"): return json.literal("null") ? [:] : nil
        case UInt8(ascii: "{"): break
        default: return nil
        }
        json.index += 1
        var target: [String: String] = [:]
        var keys: [String] = []
        json.skipWhitespace()
        if next(UInt8(ascii: "}")) { return target }
        while true {
            guard next(UInt8(ascii: "\"")), let key = json.string() else { return nil }
            guard !keys.contains(key) else { return nil }
            keys.append(key)
            json.skipWhitespace()
            guard next(UInt8(ascii: ":")) else { return nil }
            json.skipWhitespace()
            guard json.index < json.end else { return nil }
            switch json.base[json.index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard json.skipValue(depth: 2) else { return nil }
            default:
                switch scalar() {
                case .string(let text)?: target[key] = text
                case .integer(let digits)?: target[key] = digits
                case .null?: break
                case nil: return nil
                }
            }
            json.skipWhitespace()
            if next(UInt8(ascii: ",")) {
                json.skipWhitespace()
                continue
            }
            guard next(UInt8(ascii: "}")) else { return nil }
            return target
        }
    }

    // MARK: - Tokens

    /// A string, an integer (as JSONSerialization's `stringValue` writes it) or null; nil for
    /// anything else or anything malformed.
    private mutating func scalar() -> Scalar? {
        guard json.index < json.end else { return nil }
        switch json.base[json.index] {
        case UInt8(ascii: "\""):
            json.index += 1
            return json.string().map(Scalar.string)
        case UInt8(ascii: "n"):
            return json.literal("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard case .integer(let digits)? = json.number() else { return nil }
            return .integer(digits)
        default:
            return nil
        }
    }

    /// The bytes of a string value at the reader when they are plain ASCII without escapes
    /// (the reader then ends past it); otherwise nil, the reader left where it was.
    private mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        let start = json.index
        guard next(UInt8(ascii: "\"")) else { return nil }
        if let bytes = rawKey() { return bytes }
        json.index = start
        return nil
    }

    /// The platforms and kinds by their names in heed's format, as bytes.
    private static let platforms: [(platform: Platform, name: [UInt8])] = Platform.allCases.map { ($0, Array($0.rawValue.utf8)) }
    private static let kinds: [(kind: MentionKind, name: [UInt8])] = MentionKind.allCases.map { ($0, Array($0.rawValue.utf8)) }

    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        bytes.count == word.count && word.withUnsafeBufferPointer { memcmp(bytes.baseAddress!, $0.baseAddress!, bytes.count) == 0 }
    }

    /// The bytes of a key whose opening quote has been read, when they are plain ASCII.
    private mutating func rawKey() -> UnsafeBufferPointer<UInt8>? {
        let start = json.index
        while json.index < json.end {
            let byte = json.base[json.index]
            if byte == UInt8(ascii: "\"") {
                json.index += 1
                return UnsafeBufferPointer(start: json.base + start, count: json.index - 1 - start)
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            json.index += 1
        }
        return nil
    }

    @inline(__always)
    private mutating func next(_ byte: UInt8) -> Bool {
        guard json.index < json.end, json.base[json.index] == byte else { return false }
        json.index += 1
        return true
    }

    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount && memcmp(bytes.baseAddress!, word.utf8Start, bytes.count) == 0
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        switch bytes.count {
        case 2: return equal(bytes, "id") ? .id : nil
        case 3: return equal(bytes, "url") ? .url : nil
        case 4: return equal(bytes, "text") ? .text : equal(bytes, "kind") ? .kind : nil
        case 5: return equal(bytes, "state") ? .state : equal(bytes, "draft") ? .draft : nil
        case 6: return equal(bytes, "author") ? .author : nil
        case 8: return equal(bytes, "platform") ? .platform : nil
        case 10: return equal(bytes, "created_at") ? .createdAt : equal(bytes, "replied_at") ? .repliedAt : nil
        case 11: return equal(bytes, "in_reply_to") ? .inReplyTo : nil
        case 12: return equal(bytes, "conversation") ? .conversation : equal(bytes, "reply_target") ? .replyTarget : nil
        case 13: return equal(bytes, "snoozed_until") ? .snoozedUntil : nil
        case 15: return equal(bytes, "acknowledged_at") ? .acknowledgedAt : nil
        default: return nil
        }
    }
}
