import Foundation
import HeedCore

/// HackerNews payloads (to be written).
public enum HackerNewsFormat: PlatformFormat {
    public static let name = "hackernews"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
