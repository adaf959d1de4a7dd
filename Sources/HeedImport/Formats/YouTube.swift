import Foundation
import HeedCore

/// YouTube payloads (to be written).
public enum YouTubeFormat: PlatformFormat {
    public static let name = "youtube"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
