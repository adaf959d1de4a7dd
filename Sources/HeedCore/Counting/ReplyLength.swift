import Foundation

/// A reply's length as its platform counts it, against the platform's limit; Bluesky also
/// counts UTF-8 bytes against a second limit.
public struct ReplyLength: Sendable, Equatable {
    public var used: Int
    public var limit: Int
    /// A second measure with its own limit (Bluesky: 3000 UTF-8 bytes).
    public var bytes: Int?
    public var byteLimit: Int?

    public init(used: Int, limit: Int, bytes: Int? = nil, byteLimit: Int? = nil) {
        self.used = used
        self.limit = limit
        self.bytes = bytes
        self.byteLimit = byteLimit
    }

    public var isOver: Bool { used > limit || (bytes ?? 0) > (byteLimit ?? .max) }
    /// Within a tenth of a limit: the counter warns.
    public var isNear: Bool {
        !isOver && (used * 10 >= limit * 9 || (byteLimit.map { (bytes ?? 0) * 10 >= $0 * 9 } ?? false))
    }

    /// Why saving is refused, or nil when it fits.
    public var overReason: String? {
        if used > limit { return "\(used)/\(limit)" }
        if let bytes, let byteLimit, bytes > byteLimit { return "\(bytes)/\(byteLimit) bytes" }
        return nil
    }
}
