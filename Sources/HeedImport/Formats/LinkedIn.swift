import Foundation
import HeedCore

/// LinkedIn payloads (to be written).
public enum LinkedInFormat: PlatformFormat {
    public static let name = "linkedin"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
