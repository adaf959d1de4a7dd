import Foundation
import HeedCore

/// WordPress payloads (to be written).
public enum WordPressFormat: PlatformFormat {
    public static let name = "wordpress"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
