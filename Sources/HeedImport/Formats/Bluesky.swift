import Foundation
import HeedCore

/// Bluesky payloads (to be written).
public enum BlueskyFormat: PlatformFormat {
    public static let name = "bluesky"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
