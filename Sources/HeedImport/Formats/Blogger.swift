import Foundation
import HeedCore

/// Blogger payloads (to be written).
public enum BloggerFormat: PlatformFormat {
    public static let name = "blogger"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
