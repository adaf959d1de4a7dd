import Foundation
import HeedCore

/// Facebook payloads (to be written).
public enum FacebookFormat: PlatformFormat {
    public static let name = "facebook"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
