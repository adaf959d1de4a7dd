import Foundation
import HeedCore

/// Reddit payloads (to be written).
public enum RedditFormat: PlatformFormat {
    public static let name = "reddit"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
