import Foundation
import HeedCore

/// What the comment readers (YouTube, Reddit, WordPress, Blogger, Hacker News) share: turning a
/// record that cannot be read into a rejection, and the small field rules they all follow.
enum Comments {
    /// Maps one record; a missing or mistyped field becomes a rejection at `position`.
    static func event(_ position: String, _ context: ReadContext, _ map: () throws -> ImportEvent) -> ImportEvent {
        context.events(at: position) { [try map()] }[0]
    }

    /// The record as an object, or the reason it is not one.
    static func object(_ record: JSON) throws -> JSON {
        guard record.object != nil else { throw JSONProblem(reason: "not an object (\(describe(record)))") }
        return record
    }

    /// A required time, naming the field when it is missing or not a time.
    static func time(_ date: Date?, _ name: String) throws -> Date {
        try Field.required(date, name)
    }

    /// A link heed can open: http(s) only, so placeholders ("elided") and relative paths drop out.
    static func webURL(_ value: JSON?) -> String? {
        guard let text = value?.text?.trimmingCharacters(in: .whitespaces) else { return nil }
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? text : nil
    }

    /// A non-empty string if the value is one, else the HTML of `html` made plain, else nil.
    static func text(plain: JSON?, html: JSON?) -> String? {
        if let plain = plain?.text { return plain }
        if let html = html?.text { return HTMLText.plain(html) }
        return nil
    }

    /// The kind of JSON value, for rejection reasons ("a string", "null").
    static func describe(_ value: JSON) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer, .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
