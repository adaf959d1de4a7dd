import Foundation
import HeedCore

/// FriendFeed payloads (to be written).
public enum FriendFeedFormat: PlatformFormat {
    public static let name = "friendfeed"
    public static func matches(_ page: JSON) -> Bool { false }
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {}
}
