import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedStorage

/// The one consumer of import events: `heed import`, the spool, fetched pages and the tests
/// all turn what the readers find into store writes here. It stores mentions, skips what the
/// user wrote (marking what it answers), counts skips by reason, keeps each advice once and
/// names rejections, so every way in says the same things. One `Intake` lasts a whole import
/// (every file of it); the sink is one store transaction. The `[[rules]]` of config.toml are
/// applied here, to every mention as it arrives (the sink applies them to new items only,
/// journaled), so every way in applies them the same way.
public struct Intake {
    /// Where an import's text comes from.
    public enum Source {
        /// A file to open and read.
        case path(String)
        /// An open descriptor (standard input, or a copy of it), read to its end and left open.
        case descriptor(Int32)
        /// Text already in memory: a page an API answered.
        case bytes([UInt8])
    }

    /// The skip reason of what the user wrote.
    public static let writtenByYou = "written by you"
    /// The skip reason of an item a file listed again, unchanged.
    public static let listedAgain = "listed twice"
    /// How many rejections of one reason `heed import` and the spool name one by one.
    public static let namedPerReason = 5

    /// The user's own accounts (`[handles]`).
    private let own: Config
    /// Accounts of the user's learned on the way (a fetch asks the server who the token is).
    private let alsoOwn: (Platform, String?) -> Bool
    private let named: (ImportProblem) -> Void
    private let stored: () -> Void
    private let rules: RuleSet
    private let now: Date
    /// Records skipped, by reason.
    public private(set) var skipped = ReasonCounts()
    /// Each advice the readers gave, once, in the order first given.
    public private(set) var advice: [String] = []
    /// Records rejected, by reason.
    public private(set) var rejections: Rejections
    /// The user's own answers recorded: each marks what it replies to as answered.
    public private(set) var answers = 0
    /// The names of the sources read that held no items at all.
    public private(set) var empty: [String] = []
    /// The items of the source being read, to count one listed twice once.
    private var repeats = Repeats()

    /// `own` tells the user's own accounts; `named` is told each rejection to name as it
    /// comes (the first `namedPerReason` of a reason); `stored` is told each mention stored;
    /// `rules` act on arriving items as of `now`.
    public init(
        own: Config = Config(), alsoOwn: @escaping (Platform, String?) -> Bool = { _, _ in false }, namedPerReason: Int = .max,
        named: @escaping (ImportProblem) -> Void = { _ in }, stored: @escaping () -> Void = {},
        rules: RuleSet = RuleSet(), now: Date = Date()
    ) {
        self.own = own
        self.alsoOwn = alsoOwn
        self.named = named
        self.stored = stored
        self.rules = rules
        self.now = now
        rejections = Rejections(namedPerReason: namedPerReason)
    }

    /// Reads one source with its format named or detected, taking every event into `sink`.
    /// Throws `ImportFailure` when it cannot be read or its format is unknown (the sink then
    /// holds what came before: roll the transaction back); `name` names it in rejections.
    public mutating func read(
        _ source: Source, name: String, format: ImportFormat? = nil, into sink: some MentionSink, progress: ((Int) -> Void)? = nil
    ) throws {
        repeats.reset()
        defer { repeats.reset() }
        var events = 0
        switch source {
        case .path(let path):
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw ImportFailure("cannot read \(name): it is a folder") }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ImportFailure("cannot read \(name): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            try MentionFile.read(fd: fd, file: name, format: format, progress: progress) { events += 1; try take($0, into: sink) }
        case .descriptor(let fd):
            try MentionFile.read(fd: fd, file: name, format: format, progress: progress) { events += 1; try take($0, into: sink) }
        case .bytes(let bytes):
            try MentionFile.read(bytes: bytes, file: name, format: format) { events += 1; try take($0, into: sink) }
        }
        if events == 0 { empty.append(name) }
    }

    /// Takes one event into `sink`: the single place an event becomes a store write or a count.
    public mutating func take(_ event: ImportEvent, into sink: some MentionSink) throws {
        switch event {
        case .mention(let mention):
            guard own.isOwn(mention) || alsoOwn(mention.platform, mention.author.handle) else {
                if repeats.isRepeat(mention) { return try take(.skipped(reason: Self.listedAgain), into: sink) }
                let mention = withoutOwnHandles(mention)
                if rules.isEmpty {
                    try sink.put(mention)
                } else {
                    try sink.put(mention, ruled: rules.steps(for: mention, now: now), at: now)
                }
                return stored()
            }
            if let parent = mention.inReplyTo { try take(.answered(Ref(platform: mention.platform, id: parent), at: mention.createdAt), into: sink) }
            try take(.skipped(reason: Self.writtenByYou), into: sink)
        case .skipped(let reason):
            sink.skip()
            skipped.add(reason)
        case .rejected(let problem):
            sink.reject()
            if rejections.add(problem.reason) { named(problem) }
        case .answered(let ref, let at):
            answers += 1
            try sink.answered(ref, at: at)
        case .advice(let text):
            if !advice.contains(text) { advice.append(text) }
        }
    }

    /// The mention without the user's own handles among those it names for a reply (Mastodon
    /// lists the user's own account without its domain), so a reply never tags its writer.
    private func withoutOwnHandles(_ mention: Mention) -> Mention {
        guard let named = mention.replyTarget["mentions"] else { return mention }
        let handles = named.split(separator: " ").map(String.init)
        let others = handles.filter { !own.isOwn(mention.platform, $0) && !alsoOwn(mention.platform, $0) }
        guard others.count < handles.count else { return mention }
        var cleaned = mention
        cleaned.replyTarget["mentions"] = others.isEmpty ? nil : others.joined(separator: " ")
        return cleaned
    }

    /// How many of the user's own replies were recorded as answers.
    private var answered: String {
        switch answers {
        case 0: "recorded 0 answers (none of your posts here replies to a post)"
        case 1: "recorded 1 answer: the post it replies to is marked answered, now or when it is imported"
        default: "recorded \(Counting.number(answers)) answers: the posts they reply to are marked answered, now or when they are imported"
        }
    }

    /// What is said after the summary line, a line each: the skip reasons, the rejections not
    /// named one by one, the answers recorded, the sources that held nothing, and every advice
    /// ("note: …").
    public var notes: [String] {
        var lines = skipped.isEmpty ? [] : ["skipped \(skipped.listed)"]
        lines += rejections.summary
        // Said whenever the user's own posts were seen (an X archive holds nothing else).
        if answers > 0 || skipped.counts[Self.writtenByYou] != nil { lines.append(answered) }
        lines += empty.map { "\($0) held no items" }
        return lines + advice.map { "note: \($0)" }
    }
}

extension Intake.Source {
    /// The size in bytes when it is known ahead (a regular file, text in memory), for a progress line.
    public var size: Int? {
        var info = stat()
        switch self {
        case .path(let path): guard stat(path, &info) == 0 else { return nil }
        case .descriptor(let fd): guard fstat(fd, &info) == 0 else { return nil }
        case .bytes(let bytes): return bytes.count
        }
        return (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }
}
