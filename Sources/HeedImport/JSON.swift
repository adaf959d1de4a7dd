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
        let value = data.withUnsafeBytes { bytes -> JSON? in
            // A page one per line may have been parsed ahead (see `LinePrefetch`).
            if let ahead = LinePrefetch.shared.take(bytes) { return ahead }
            return JSONBytes.parse(bytes.assumingMemoryBound(to: UInt8.self))
        }
        if let value { return value }
        return try foundationParse(data)
    }

    /// The general path: JSONSerialization, whose messages name what is wrong and where.
    static func foundationParse(_ data: Data) throws -> JSON {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            throw JSONProblem(reason: "not valid JSON: \(detail)\(Self.place(of: detail, in: data))")
        }
        return JSON(foundation: object)
    }

    /// Converts what JSONSerialization returns, telling booleans, integers and floats apart.
    init(foundation value: Any) {
        switch value {
        case let dictionary as [String: Any]:
            var object: [String: JSON] = [:]
            object.reserveCapacity(dictionary.count)
            for (key, item) in dictionary { object[key] = JSON(foundation: item) }
            self = .object(object)
        case let array as [Any]:
            self = .array(array.map(JSON.init(foundation:)))
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c": self = .bool(number.boolValue)
            case "d", "f": self = .number(number.doubleValue)
            default: self = .integer(number.stringValue)
            }
        default:
            self = .null
        }
    }

    /// " (line L, column C)" for a parser message that names a character offset.
    static func place(of message: String, in data: Data) -> String {
        guard let range = message.range(of: "character "),
              let offset = Int(message[range.upperBound...].prefix { $0.isNumber }), offset <= data.count else { return "" }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 10 { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return " (line \(line), column \(column))"
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

/// Why a document or record could not be read.
public struct JSONProblem: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
