import Foundation
import HeedCore

/// Mastodon payloads (to be written).
public enum MastodonFormat: PlatformFormat {
    public static let name = "mastodon"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
