import Foundation
import HeedCore

/// What a reader found in one record.
public enum ImportEvent: Sendable {
    /// Something addressed to the user. Reply targets go in `replyTarget` under these keys:
    /// mastodon `in_reply_to_id`, `visibility`; bluesky `parent_uri`, `parent_cid`, `root_uri`,
    /// `root_cid`; x `in_reply_to_tweet_id`; youtube `parent_id`; reddit `thing_id`; wordpress
    /// `post`, `parent`; facebook and instagram `comment_id` (instagram mentions also `media_id`);
    /// github `comments_url`; linkedin `parent_urn`, `object`; flickr `photo_id`.
    case mention(Mention)
    /// A valid record that is not for the queue, with a short reason: "like", "repost",
    /// "follow", "deleted post", "written by you", …; counted by reason.
    case skipped(reason: String)
    /// A malformed record, named by place and reason.
    case rejected(ImportProblem)
    /// The user's own reply in the file answers this item: it is marked replied elsewhere.
    case answered(Ref, at: Date)
    /// A note for the user, printed once per import (which fields to request next time).
    case advice(String)
}

/// Where the records being read come from, for naming bad ones.
public struct ReadContext: Sendable {
    public var file: String
    /// "page 2" or "line 3" when the file holds several pages; nil for a single page.
    public var page: String?

    public init(file: String, page: String? = nil) {
        self.file = file
        self.page = page
    }

    /// The events of one record, or its rejection at `position` when reading it throws: every
    /// reader maps records this way, so a bad record never stops the page.
    public func events(at position: String, _ body: () throws -> [ImportEvent]) -> [ImportEvent] {
        do {
            return try body()
        } catch let problem as JSONProblem {
            return [rejected(position, problem.reason)]
        } catch {
            return [rejected(position, "\(error)")]
        }
    }

    /// A rejection naming the file, the page and the record's place in it ("notifications[3]").
    public func rejected(_ position: String, _ reason: String) -> ImportEvent {
        let place = [page, position].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        return .rejected(ImportProblem(file: file, position: place.isEmpty ? "document" : place, reason: reason))
    }
}

/// One platform's payload format: says what a page of it looks like, and maps each record to
/// heed's model. A reader never throws for a bad record: it emits `.rejected` and goes on.
/// Adding a platform is one such type in `Formats/` and its name in `Formats.all`.
public protocol PlatformFormat: SendableMetatype {
    /// The name `--format` takes ("mastodon", "x-archive").
    static var name: String { get }
    /// Whether a parsed page has this format's own shape (keys it needs, keys its pages never
    /// have). It never names another format: `FormatDetector` alone settles pages that more
    /// than one format would take.
    static func matches(_ page: JSON) -> Bool
    /// The text some of this platform's exports wrap their JSON in (a script, a JSONP call).
    static var wrapper: PageWrapper? { get }
    /// What heed reads of this platform, for messages about files that are something else:
    /// "Mastodon's GET /api/v1/notifications …".
    static var reads: String { get }
    /// Other answers of this platform's API, which hold no mentions (a single post, an
    /// account, a timeline): a file of one is told for what it is, and what to save instead.
    static var relatives: [Relative] { get }
    /// Emits what each record of the page is: a mention, skipped (with a reason), rejected.
    static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows
}

extension PlatformFormat {
    /// Most platforms send bare JSON.
    public static var wrapper: PageWrapper? { nil }
    /// No relatives known.
    public static var relatives: [Relative] { [] }
}

/// An answer of a platform's API that is not a page of mentions, recognised by its shape.
public struct Relative: Sendable {
    /// What it is, as a user would recognise it: "a single Mastodon status (GET /api/v1/statuses/:id)".
    public let looks: String
    /// Whether a parsed document has its shape.
    public let matches: @Sendable (JSON) -> Bool

    /// An answer called `looks`, recognised by `matches`.
    public init(_ looks: String, matches: @escaping @Sendable (JSON) -> Bool) {
        self.looks = looks
        self.matches = matches
    }
}

/// Text around a page's JSON that one platform's exports add: how a file that has it starts,
/// and how to take the JSON out.
public struct PageWrapper: Sendable {
    /// What the first line of such a file starts with.
    public let prefix: [UInt8]
    /// The JSON inside, or nil when the data is not wrapped this way.
    public let unwrap: @Sendable (Data) -> Data?

    /// A wrapper whose files start with `prefix`, taken off by `unwrap`.
    public init(prefix: String, unwrap: @escaping @Sendable (Data) -> Data?) {
        self.prefix = Array(prefix.utf8)
        self.unwrap = unwrap
    }
}

/// Reading a value a record must have, with the reason when it is missing or of the wrong type.
public enum Field {
    public static func required<T>(_ value: T?, _ name: String) throws -> T {
        guard let value else { throw JSONProblem(reason: "missing or invalid '\(name)'") }
        return value
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines (native, no bridging).
    public func trimmed() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
