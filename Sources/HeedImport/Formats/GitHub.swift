import Foundation
import HeedCore

/// GitHub payloads (to be written).
public enum GitHubFormat: PlatformFormat {
    public static let name = "github"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
