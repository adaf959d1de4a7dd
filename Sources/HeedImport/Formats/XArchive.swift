import Foundation
import HeedCore

/// XArchive payloads (to be written).
public enum XArchiveFormat: PlatformFormat {
    public static let name = "x-archive"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
