import Foundation
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

    private let isOwn: (Platform, String?) -> Bool
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

    /// `isOwn` tells the user's own handles; `named` is told each rejection to name as it
    /// comes (the first `namedPerReason` of a reason); `stored` is told each mention stored;
    /// `rules` act on arriving items as of `now`.
    public init(
        isOwn: @escaping (Platform, String?) -> Bool = { _, _ in false }, namedPerReason: Int = .max,
        named: @escaping (ImportProblem) -> Void = { _ in }, stored: @escaping () -> Void = {},
        rules: RuleSet = RuleSet(), now: Date = Date()
    ) {
        self.isOwn = isOwn
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
        switch source {
        case .path(let path):
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw ImportFailure("cannot read \(name): it is a folder") }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ImportFailure("cannot read \(name): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            try MentionFile.read(fd: fd, file: name, format: format, progress: progress) { try take($0, into: sink) }
        case .descriptor(let fd):
            try MentionFile.read(fd: fd, file: name, format: format, progress: progress) { try take($0, into: sink) }
        case .bytes(let bytes):
            try MentionFile.read(bytes: bytes, file: name, format: format) { try take($0, into: sink) }
        }
    }

    /// Takes one event into `sink`: the single place an event becomes a store write or a count.
    public mutating func take(_ event: ImportEvent, into sink: some MentionSink) throws {
        switch event {
        case .mention(let mention):
            guard isOwn(mention.platform, mention.author.handle) else {
                if rules.isEmpty {
                    try sink.put(mention)
                } else {
                    try sink.put(mention, ruled: rules.steps(for: mention, now: now), at: now)
                }
                return stored()
            }
            if let parent = mention.inReplyTo { try sink.answered(Ref(platform: mention.platform, id: parent), at: mention.createdAt) }
            try take(.skipped(reason: Self.writtenByYou), into: sink)
        case .skipped(let reason):
            sink.skip()
            skipped.add(reason)
        case .rejected(let problem):
            sink.reject()
            if rejections.add(problem.reason) { named(problem) }
        case .answered(let ref, let at):
            try sink.answered(ref, at: at)
        case .advice(let text):
            if !advice.contains(text) { advice.append(text) }
        }
    }

    /// What is said after the summary line, a line each: the skip reasons, the rejections not
    /// named one by one, and every advice ("note: …").
    public var notes: [String] {
        (skipped.isEmpty ? [] : ["skipped \(skipped.listed)"]) + rejections.summary + advice.map { "note: \($0)" }
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
