import Foundation
import HeedCore

/// XAPI payloads (to be written).
public enum XAPIFormat: PlatformFormat {
    public static let name = "x"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
