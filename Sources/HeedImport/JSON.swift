import Foundation

/// A parsed JSON document, as platform readers walk it. Integers keep their exact digits
/// (ids beyond 2^53 survive); every accessor answers nil instead of trapping.
public enum JSON: Equatable, Sendable {
    case object([String: JSON])
    case array([JSON])
    case string(String)
    case integer(String)
    case number(Double)
    case bool(Bool)
    case null

    /// Parses a whole document; the error says where it broke.
    public static func parse(_ data: Data) throws -> JSON {
        do {
            return try JSONDecoder().decode(JSON.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String ?? context.debugDescription
            throw JSONProblem(reason: "not valid JSON: \(detail)")
        } catch {
            throw JSONProblem(reason: "not valid JSON: \(error)")
        }
    }

    public subscript(key: String) -> JSON? {
        if case .object(let object) = self { object[key] } else { nil }
    }

    public subscript(index: Int) -> JSON? {
        if case .array(let array) = self, array.indices.contains(index) { array[index] } else { nil }
    }

    /// Follows a path of keys: `json[path: "status", "account", "acct"]`.
    public subscript(path keys: String...) -> JSON? {
        var current: JSON? = self
        for key in keys { current = current?[key] }
        return current
    }

    public var object: [String: JSON]? { if case .object(let value) = self { value } else { nil } }
    public var array: [JSON]? { if case .array(let value) = self { value } else { nil } }
    public var isNull: Bool { self == .null }

    /// A string value; nil for anything else (an empty string stays empty).
    public var string: String? { if case .string(let value) = self { value } else { nil } }

    /// A non-empty string value.
    public var text: String? {
        guard let value = string, !value.isEmpty else { return nil }
        return value
    }

    /// An id as a string, whether the platform wrote it as a string or an integer.
    public var id: String? {
        switch self {
        case .string(let value): value.isEmpty ? nil : value
        case .integer(let digits): digits
        default: nil
        }
    }

    /// A number, whether written as a number or a numeric string.
    public var double: Double? {
        switch self {
        case .integer(let digits): Double(digits)
        case .number(let value): value
        case .string(let value): Double(value)
        default: nil
        }
    }

    public var int: Int? {
        switch self {
        case .integer(let digits): Int(digits)
        case .number(let value): value == value.rounded() ? Int(exactly: value) : nil
        case .string(let value): Int(value)
        default: nil
        }
    }

    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
}

extension JSON: Decodable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(String(value))
        } else if let value = try? container.decode(UInt64.self) {
            self = .integer(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }
}

/// Why a document or record could not be read.
public struct JSONProblem: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
