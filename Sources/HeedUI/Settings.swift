import Foundation
import HeedCore

/// What the user's config and surroundings say that the screen needs: reply limits, their own
/// handles, and the calendar their clock reads.
public struct Settings: Sendable, Equatable {
    /// Reply limits that override the platform defaults (a Mastodon server's own limit).
    public var limits: [Platform: Int]
    /// The user's own handles per platform, lowercased, without a leading "@".
    public var own: [Platform: Set<String>]
    /// Ages at which an item turns due, late and overdue (seconds).
    public var overdue: [TimeInterval]
    /// Bulk actions on more items than this ask first.
    public var confirmAbove: Int
    /// The theme asked for (--theme, else theme = in config.toml); nil draws without reading one.
    public var theme: String?
    /// The keys: heed's own table (a remapped one once `[keys]` in config.toml is read).
    public var keys = KeyTable.standard
    /// Response targets (`[targets]`): rows then show the time left or how late, and ages are
    /// coloured by it; nil for none.
    public var targets: ResponseTargets?
    /// Whether the screen takes the mouse (`mouse = false` in config.toml leaves it to the terminal).
    public var mouse = true
    /// How many accounts `F` fetches from (`[[accounts]]` in config.toml).
    public var accounts = 0
    /// How often the open queue fetches in the background (`[fetch] every`), if it does.
    public var fetchEvery: TimeInterval?
    /// The calendar that "tomorrow 9:00", "Monday 9:00" and the times on the status line are
    /// reckoned in: heed passes the user's (`Settings.calendar(in: .autoupdatingCurrent)`); the
    /// default, UTC, draws the same screen on every machine.
    public var calendar: Calendar

    /// Settings from the config's values; what is not given is heed's default.
    public init(limits: [Platform: Int] = [:], own: [Platform: Set<String>] = [:], overdue: [TimeInterval] = [3_600, 14_400, 86_400], confirmAbove: Int = 20, theme: String? = nil,
                targets: ResponseTargets? = nil, calendar: Calendar = Settings.calendar(in: TimeZone(identifier: "UTC")!)) {
        self.limits = limits
        self.own = own
        self.overdue = overdue
        self.confirmAbove = confirmAbove
        self.theme = theme
        self.targets = targets
        self.calendar = calendar
    }

    /// The Gregorian calendar in `zone`, independent of the machine's locale: the days and
    /// hours a clock in that zone shows.
    public static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = Locale(identifier: "en_US_POSIX")
        calendar.timeZone = zone
        return calendar
    }

    /// Whether a handle is one of the user's own on a platform.
    func isOwn(_ handle: String, on platform: Platform) -> Bool {
        own[platform]?.contains((handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()) ?? false
    }
}

/// How a reply starts on each platform: Mastodon reaches people only by @handle, so the reply
/// names the author and everyone else the post mentioned (but the user); platforms that thread
/// by id need nothing.
public enum ReplyStart {
    /// The text a reply to `mention` starts with.
    public static func text(for mention: Mention, settings: Settings = Settings()) -> String {
        guard mention.platform == .mastodon else { return "" }
        var handles: [String] = []
        if let author = mention.author.handle, !author.isEmpty { handles.append(author) }
        handles += (mention.replyTarget["mentions"] ?? "").split(separator: " ").map(String.init)
        var seen = Set<String>()
        let names = handles.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }.filter { handle in
            !settings.isOwn(handle, on: .mastodon) && seen.insert(handle.lowercased()).inserted
        }
        return names.isEmpty ? "" : names.map { "@" + $0 }.joined(separator: " ") + " "
    }
}
