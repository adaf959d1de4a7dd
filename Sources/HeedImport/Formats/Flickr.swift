import Foundation
import HeedCore

/// Flickr payloads (to be written).
public enum FlickrFormat: PlatformFormat {
    public static let name = "flickr"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
