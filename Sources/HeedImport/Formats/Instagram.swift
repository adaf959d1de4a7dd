import Foundation
import HeedCore

/// Instagram payloads (to be written).
public enum InstagramFormat: PlatformFormat {
    public static let name = "instagram"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
