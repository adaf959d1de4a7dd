import Foundation
import HeedCore

/// Small rules the Mastodon, Bluesky and X readers share: one record to its events, and fields
/// read with a clear reason when they are missing or of the wrong type.
enum Social {
    /// Reads one record into its events; a problem in the record becomes its rejection.
    static func events(_ context: ReadContext, _ position: String, _ body: () throws -> [ImportEvent]) -> [ImportEvent] {
        context.events(at: position, body)
    }

    /// A problem that rejects the record being read.
    static func problem(_ reason: String) -> JSONProblem { JSONProblem(reason: reason) }

    /// The record itself, which must be a JSON object.
    static func record(_ value: JSON) throws -> [String: JSON] {
        guard let object = value.object else { throw problem("not an object (\(describe(value)))") }
        return object
    }

    /// An object the record must have.
    static func object(_ value: JSON?, _ name: String) throws -> JSON {
        guard let value, !value.isNull else { throw problem("missing '\(name)'") }
        guard value.object != nil else { throw problem("'\(name)' must be an object, not \(describe(value))") }
        return value
    }

    /// An object the record may have: nil when absent or null.
    static func optionalObject(_ value: JSON?, _ name: String) throws -> JSON? {
        guard let value, !value.isNull else { return nil }
        guard value.object != nil else { throw problem("'\(name)' must be an object, not \(describe(value))") }
        return value
    }

    /// A string the record must have (it may be empty).
    static func string(_ value: JSON?, _ name: String) throws -> String {
        guard let value, !value.isNull else { throw problem("missing '\(name)'") }
        guard let string = value.string else { throw problem("'\(name)' must be a string, not \(describe(value))") }
        return string
    }

    /// A string the record may have: nil when absent or null.
    static func optionalString(_ value: JSON?, _ name: String) throws -> String? {
        guard let value, !value.isNull else { return nil }
        guard let string = value.string else { throw problem("'\(name)' must be a string, not \(describe(value))") }
        return string
    }

    /// An array the record may have: nil when absent or null.
    static func optionalArray(_ value: JSON?, _ name: String) throws -> [JSON]? {
        guard let value, !value.isNull else { return nil }
        guard let array = value.array else { throw problem("'\(name)' must be an array, not \(describe(value))") }
        return array
    }

    /// An id the record must have, written as a string or an integer; kept as a string.
    static func id(_ value: JSON?, _ name: String) throws -> String {
        guard let value, !value.isNull else { throw problem("missing '\(name)'") }
        guard let id = value.id else { throw problem("'\(name)' must be a string id, not \(describe(value))") }
        return id
    }

    /// An id the record may have: nil when absent, null or empty.
    static func optionalID(_ value: JSON?, _ name: String) throws -> String? {
        guard let value, !value.isNull, value != .string("") else { return nil }
        guard let id = value.id else { throw problem("'\(name)' must be a string id, not \(describe(value))") }
        return id
    }

    /// A time the record must have, read by `parse`.
    static func time(_ value: JSON?, _ name: String, _ parse: (JSON?) -> Date?) throws -> Date {
        guard let value, !value.isNull else { throw problem("missing '\(name)'") }
        guard let date = parse(value) else { throw problem("'\(name)' is not a time heed can read (\(describe(value)))") }
        return date
    }

    /// A display name, nil when absent or empty.
    static func name(_ value: JSON?) -> String? {
        guard let text = value?.text?.trimmed(), !text.isEmpty else { return nil }
        return text
    }

    /// The text shown for a post whose words are empty but which carries media.
    static func mediaOnly(_ count: Int) -> String {
        count == 1 ? "(1 attachment, no text)" : "(\(count) attachments, no text)"
    }

    /// A short description of a JSON value, for reasons.
    static func describe(_ value: JSON) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string(let text): text.count > 40 ? "\"\(text.prefix(40))…\"" : "\"\(text)\""
        case .integer(let digits): digits
        case .number(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        }
    }
}
