/// Every platform format heed reads. The order carries no meaning: `FormatDetector` asks each
/// whether a page has its shape and settles overlaps itself; listings sort by name.
public enum Formats {
    public static let all: [any PlatformFormat.Type] = [
        BloggerFormat.self, BlueskyFormat.self, FacebookFormat.self, FlickrFormat.self,
        FriendFeedFormat.self, GitHubFormat.self, HackerNewsFormat.self, InstagramFormat.self,
        LinkedInFormat.self, MastodonFormat.self, RedditFormat.self, WordPressFormat.self,
        XAPIFormat.self, XArchiveFormat.self, YouTubeFormat.self,
    ]

    /// The format of a name given to `--format`.
    public static func named(_ name: String) -> (any PlatformFormat.Type)? {
        all.first { $0.name == name.lowercased() }
    }
}

/// A format `heed import --format` can name: heed's JSON Lines, CSV, or one platform's pages.
public enum ImportFormat: Hashable, Sendable, CustomStringConvertible {
    /// heed's own JSON Lines (also named `heed`).
    case heedLines
    /// CSV with a header row naming heed's fields.
    case csv
    /// One platform's pages, by the reader's name.
    case platform(String)

    /// Every format, in the order listings show them: heed's two, then the platforms by name.
    public static var all: [ImportFormat] {
        [.heedLines, .csv] + Formats.all.map { $0.name }.sorted().map { ImportFormat.platform($0) }
    }

    /// The names `--format` lists (`heed` is accepted too, as `jsonl`).
    public static var names: [String] { all.map(\.description) }

    /// The format a user's name stands for, in any case; nil for a name heed does not know.
    public init?(name: String) {
        switch name.lowercased() {
        case "jsonl", "heed": self = .heedLines
        case "csv": self = .csv
        default:
            guard let format = Formats.named(name) else { return nil }
            self = .platform(format.name)
        }
    }

    /// The format a name stands for, or the failure that lists the known names.
    public static func named(_ name: String) throws -> ImportFormat {
        guard let format = ImportFormat(name: name) else { throw ImportFailure(unknown(name)) }
        return format
    }

    /// What is said of a name that is no format: the name and every known one.
    public static func unknown(_ name: String) -> String {
        "unknown format '\(name)' (known: \(names.joined(separator: ", ")))"
    }

    /// The name `--format` takes.
    public var description: String {
        switch self {
        case .heedLines: "jsonl"
        case .csv: "csv"
        case .platform(let name): name
        }
    }
}
