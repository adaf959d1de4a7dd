import Foundation
import HeedCore

/// heed's own JSON Lines format: one mention a line (see DESIGN.md).
public enum HeedLines {
    /// Reads every line of `fd`, calling `emit` with what each holds. Blank lines are ignored.
    public static func read(fd: Int32, file: String, emit: (ImportEvent) throws -> Void) throws {
        var reader = LineReader(fd: fd)
        try read(&reader, file: file, emit: emit)
    }

    /// The longest line read as a record, in bytes: a longer one is rejected with its size (no
    /// platform allows a text a hundredth of it) and the lines after it are read.
    public static let recordLimit = 16 << 20

    /// Reads the remaining lines of a reader.
    public static func read(_ reader: inout LineReader, file: String, emit: (ImportEvent) throws -> Void) throws {
        while let next = try reader.nextLine(longest: recordLimit) {
            switch next {
            case .tooLong(let size, let line):
                try emit(.rejected(ImportProblem(file: file, position: "line \(line)", reason: tooLong(size))))
            case .whole(let line):
                if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
                switch decode(line) {
                case .success(let mention): try emit(.mention(mention))
                case .failure(let problem):
                    try emit(.rejected(ImportProblem(file: file, position: "line \(reader.lineNumber)", reason: problem.reason)))
                }
            }
        }
    }

    /// Why a line was not read: its size against the limit.
    static func tooLong(_ size: Int) -> String {
        "a record of \(Documents.size(size)), longer than heed reads (\(Documents.size(recordLimit)))"
    }

    struct Problem: Error { let reason: String }

    /// One line to a mention, or the reason it is not one.
    /// Most lines are read straight from their bytes (`fastMention`); any other line, and the
    /// reason a bad one is refused, goes through `decodeGeneral`.
    static func decode(_ line: ArraySlice<UInt8>) -> Result<Mention, Problem> {
        if let mention = line.withUnsafeBufferPointer(fastMention) { return .success(mention) }
        return decodeGeneral(line)
    }

    /// One line through JSONSerialization: the reference `fastMention` must agree with.
    static func decodeGeneral(_ line: ArraySlice<UInt8>) -> Result<Mention, Problem> {
        guard String(validating: line, as: UTF8.self) != nil else { return .failure(Problem(reason: "not valid UTF-8")) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            return .failure(Problem(reason: "not valid JSON" + (line.first == 123 ? " (truncated or malformed object)" : "")))
        }
        guard let fields = object as? [String: Any] else { return .failure(Problem(reason: "a line must hold one JSON object")) }
        return decode(fields: fields)
    }

    /// A record's fields (from a JSON line or a CSV row) to a mention, or the reason it is not one.
    static func decode(fields: [String: Any]) -> Result<Mention, Problem> {
        do {
            return .success(try mention(from: fields))
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(reason: "\(error)"))
        }
    }

    static func mention(from fields: [String: Any]) throws -> Mention {
        guard let platformName = fields["platform"] else { throw Problem(reason: "missing required field 'platform'") }
        guard let platformText = platformName as? String else { throw Problem(reason: "'platform' must be a string") }
        guard let platform = Platform(name: platformText) else {
            throw Problem(reason: "unknown platform '\(platformText)' (known: \(Platform.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let id = try identifier(fields["id"])
        guard let rawText = fields["text"] else { throw Problem(reason: "missing required field 'text'") }
        guard let text = rawText as? String else { throw Problem(reason: "'text' must be a string") }
        guard let rawTime = fields["created_at"] else { throw Problem(reason: "missing required field 'created_at'") }
        let createdAt = try time(rawTime, field: "created_at")
        var kind = MentionKind.mention
        if let kindName = fields["kind"], !(kindName is NSNull) {
            guard let name = kindName as? String, let known = MentionKind(name: name) else {
                throw Problem(reason: "unknown kind '\(kindName)' (known: \(MentionKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kind = known
        }
        var author = Author()
        if let authorValue = fields["author"], !(authorValue is NSNull) {
            if let handle = authorValue as? String {
                author.handle = handle
            } else if let object = authorValue as? [String: Any] {
                author = Author(handle: try optionalString(object["handle"], "author.handle"),
                                name: try optionalString(object["name"], "author.name"),
                                url: try optionalString(object["url"], "author.url"))
            } else {
                throw Problem(reason: "'author' must be an object")
            }
        }
        var target: [String: String] = [:]
        if let value = fields["reply_target"], !(value is NSNull) {
            guard let object = value as? [String: Any] else { throw Problem(reason: "'reply_target' must be an object") }
            for (key, item) in object {
                if let string = item as? String { target[key] = string } else if let number = item as? NSNumber { target[key] = number.stringValue }
            }
        }
        return Mention(
            platform: platform, id: id, kind: kind, author: author, text: text, createdAt: createdAt,
            url: try optionalString(fields["url"], "url"),
            conversation: try optionalIdentifier(fields["conversation"], "conversation"),
            inReplyTo: try optionalIdentifier(fields["in_reply_to"], "in_reply_to"),
            replyTarget: target, state: try state(fields),
            tags: try tags(fields["tags"]), priority: try priority(fields["priority"])
        )
    }

    /// `tags`: a list of tags, or (in CSV) tags in one text separated by commas or spaces;
    /// honoured for items new to the store, as states are.
    static func tags(_ value: Any?) throws -> [String] {
        guard let value, !(value is NSNull) else { return [] }
        let written = (value as? String).map { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0) as Any } }
        guard let list = written ?? value as? [Any] else { throw Problem(reason: "'tags' must be a list of tags") }
        return Tag.sorted(try list.map { item in
            guard let written = item as? String, let tag = Tag.normal(written) else { throw Problem(reason: "'tags': \(Tag.problem("\(item)"))") }
            return tag
        })
    }

    /// `priority`: whole points within the rules' limit.
    static func priority(_ value: Any?) throws -> Int {
        guard let value, !(value is NSNull), (value as? String)?.trimmingCharacters(in: .whitespaces).isEmpty != true else { return 0 }
        guard let digits = JSONNumber.integer(value) ?? (value as? String).map({ $0.trimmingCharacters(in: .whitespaces) }),
              let points = Int(digits), abs(points) <= RuleAction.priorityLimit else {
            throw Problem(reason: "'priority' must be a whole number from -\(RuleAction.priorityLimit) to \(RuleAction.priorityLimit)")
        }
        return points
    }

    /// The state fields honoured for items new to the store.
    static func state(_ fields: [String: Any]) throws -> MentionState {
        guard let name = fields["state"] as? String else { return .waiting }
        switch name {
        case "waiting": return .waiting
        case "acknowledged":
            return .acknowledged(at: try fields["acknowledged_at"].map { try time($0, field: "acknowledged_at") } ?? Date(timeIntervalSince1970: 0))
        case "replied":
            let at = try fields["replied_at"].map { try time($0, field: "replied_at") } ?? Date(timeIntervalSince1970: 0)
            return .replied(draft: fields["draft"] as? String ?? "", at: at)
        case "snoozed":
            return .snoozed(until: try fields["snoozed_until"].map { try time($0, field: "snoozed_until") } ?? Date(timeIntervalSince1970: 0))
        default: throw Problem(reason: "unknown state '\(name)' (known: waiting, acknowledged, replied, snoozed)")
        }
    }

    static func identifier(_ value: Any?) throws -> String {
        guard let value, !(value is NSNull) else { throw Problem(reason: "missing required field 'id'") }
        guard let id = try optionalIdentifier(value, "id"), !id.isEmpty else { throw Problem(reason: "'id' must not be empty") }
        return id
    }

    static func optionalIdentifier(_ value: Any?, _ field: String) throws -> String? {
        guard let value, !(value is NSNull) else { return nil }
        if let string = value as? String { return string }
        if let number = JSONNumber.integer(value) { return number }
        throw Problem(reason: "'\(field)' must be a string")
    }

    static func optionalString(_ value: Any?, _ field: String) throws -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let string = value as? String else { throw Problem(reason: "'\(field)' must be a string") }
        return string
    }

    static func time(_ value: Any, field: String) throws -> Date {
        if let text = value as? String {
            if let date = Timestamp.parseISO(text) ?? Timestamp.parseEpoch(text) { return date }
            throw Problem(reason: "'\(field)' is not an ISO 8601 time with a zone or epoch seconds: \(text.prefix(40))")
        }
        if let number = value as? NSNumber, !JSONNumber.isBool(value), let date = Timestamp.parseEpoch(number.stringValue) { return date }
        throw Problem(reason: "'\(field)' must be an ISO 8601 string or epoch seconds")
    }
}

/// JSONSerialization hands out NSNumbers; these tell booleans, integers and floats apart.
enum JSONNumber {
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// The decimal text of a JSON integer (ids beyond 2^53 included), nil for anything else.
    static func integer(_ value: Any) -> String? {
        guard let number = value as? NSNumber else { return nil }
        let type = String(cString: number.objCType)
        guard type != "c", type != "d", type != "f" else { return nil }
        return number.stringValue
    }
}
