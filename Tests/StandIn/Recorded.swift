import Foundation

/// The recorded responses the stand-in replays, read from ../shared/samples at test time.
struct Recorded {
    let folder: URL

    init(folder: URL) throws {
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw StandInError("no recorded responses at \(folder.path) (../shared/samples beside the package)")
        }
        self.folder = folder
    }

    /// A recorded file as JSON objects (`[String: Any]`, `[Any]`).
    func json(_ path: String) -> Any {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path),
              let value = try? JSONSerialization.jsonObject(with: data) else {
            fatalError("the stand-in cannot read the recorded \(path)")
        }
        return value
    }

    /// A recorded array of objects.
    func objects(_ path: String) -> [[String: Any]] { json(path) as? [[String: Any]] ?? [] }

    /// A recorded object.
    func object(_ path: String) -> [String: Any] { json(path) as? [String: Any] ?? [:] }
}

/// A platform's rate-limit window: how many requests are left until it starts again.
public struct RateWindow: Sendable {
    public var limit: Int
    public var remaining: Int
    public var reset: Date

    /// A window of `limit` requests with `remaining` left, starting again in `seconds`.
    public init(limit: Int, remaining: Int, resetIn seconds: TimeInterval) {
        self.limit = limit
        self.remaining = remaining
        reset = Date().addingTimeInterval(seconds)
    }

    /// Takes one request: false when the window is spent (the window starts again at reset).
    mutating func take(window seconds: TimeInterval) -> Bool {
        if Date() >= reset {
            remaining = limit
            reset = Date().addingTimeInterval(seconds)
        }
        guard remaining > 0 else { return false }
        remaining -= 1
        return true
    }
}

/// What the stand-ins share: reading and refusing parameters, times, Link headers.
enum API {
    /// The first parameter the request has that `allowed` lacks (`name[]` allowed as `name[]`).
    static func unknownParameter(_ request: LoggedRequest, allowed: Set<String>) -> String? {
        request.query.map(\.name).first { !allowed.contains($0) }
    }

    /// An integer parameter within 1…`most`, its default when absent; nil when it is not one.
    static func limit(_ request: LoggedRequest, _ name: String = "limit", default fallback: Int, most: Int, clamp: Bool) -> Int? {
        guard let text = request.value(name) else { return fallback }
        guard let value = Int(text), value >= 1 else { return nil }
        if value > most { return clamp ? most : nil }
        return value
    }

    /// An ISO 8601 time with milliseconds, as the platforms write it.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// An ISO 8601 time read back (with or without a fraction).
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// An HTTP date (`Last-Modified`).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// The same request's address with `changes` to its query (nil removes a parameter).
    static func link(_ base: String, _ request: LoggedRequest, _ changes: [String: String?]) -> String {
        var items = request.query.filter { changes[$0.name] == nil }.map { URLQueryItem(name: $0.name, value: $0.value) }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) { if let value { items.append(URLQueryItem(name: name, value: value)) } }
        var components = URLComponents(string: base + request.path)!
        components.queryItems = items.isEmpty ? nil : items
        return components.string!
    }

    /// Ids that are numbers in text, compared by value.
    static func numeric(_ a: String, before b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    /// A deep copy of a recorded object with `changes` at key paths ("status.id").
    static func copy(_ object: [String: Any], _ changes: [String: Any?]) -> [String: Any] {
        var result = object
        for (path, value) in changes { set(&result, path.split(separator: ".").map(String.init), value) }
        return result
    }

    private static func set(_ object: inout [String: Any], _ path: [String], _ value: Any?) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value ?? NSNull()
            return
        }
        var inner = object[first] as? [String: Any] ?? [:]
        set(&inner, Array(path.dropFirst()), value)
        object[first] = inner
    }
}
