import Foundation
import HeedCore
import HeedUI
import Screen

/// A queue in memory behind the same `Services` the app uses, with a fixed clock. Views
/// understand the query's scope, platforms, kinds and words (as substrings of text or author).
final class FakeQueue: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [QueueItem]
    private(set) var journal: [(kind: UndoneAction.Kind, entries: [(Int, MentionState)])] = []
    private(set) var saved: [ReplyInput] = []
    private(set) var acts: [Act] = []
    let now: Date
    /// When set, `services.author` counts this queue's items by the same account.
    var countsAuthors = false

    init(_ mentions: [Mention], now: Date) {
        self.now = now
        all = mentions.enumerated().map { QueueItem(key: RankKey(createdAt: Int64($1.createdAt.timeIntervalSince1970 * 1000), row: Int64($0 + 1)), mention: $1) }
            .sorted { $0.key < $1.key }
        all = all.map { item in
            var item = item
            item.thread = item.mention.conversation.map { conversation in mentions.filter { $0.conversation == conversation && $0.platform == item.mention.platform }.count } ?? 1
            return item
        }
    }

    var waiting: [QueueItem] { items(in: .queue) }

    /// A mention arriving while the queue is open (a fetch, another process), in rank order.
    func add(_ mention: Mention) {
        lock.withLock {
            let key = RankKey(createdAt: Int64(mention.createdAt.timeIntervalSince1970 * 1000), row: Int64(all.count + 1))
            all.append(QueueItem(key: key, mention: mention))
            all.sort { $0.key < $1.key }
        }
    }

    func items(in query: Query) -> [QueueItem] {
        lock.withLock {
            all.filter { item in
                let mention = item.mention
                switch (query.scope, mention.state) {
                case (.waiting, .waiting), (.snoozed, .snoozed), (.all, _): break
                case (.answered, .acknowledged), (.answered, .replied): break
                default: return false
                }
                if !query.platforms.isEmpty, !query.platforms.contains(mention.platform) { return false }
                if !query.kinds.isEmpty, !query.kinds.contains(mention.kind) { return false }
                if !query.tags.allSatisfy(mention.tags.contains) { return false }
                let haystack = (mention.text + " " + (mention.author.handle ?? "") + " " + (mention.author.name ?? "")).lowercased()
                return (query.words + query.phrases).allSatisfy { haystack.contains($0.lowercased()) }
            }
        }
    }

    func setStates(_ refs: [Ref], _ kind: UndoneAction.Kind, _ state: MentionState) -> Int {
        lock.withLock {
            var entries: [(Int, MentionState)] = []
            for ref in refs {
                guard let index = all.firstIndex(where: { $0.mention.ref == ref }) else { continue }
                switch all[index].mention.state {
                case .waiting, .snoozed: break
                default: continue
                }
                entries.append((index, all[index].mention.state))
                all[index].mention.state = state
            }
            if !entries.isEmpty { journal.append((kind, entries)) }
            return entries.count
        }
    }

    /// Adds and removes tags (not journaled here); how many items changed.
    func setTags(_ refs: [Ref], adding: [String], removing: [String]) -> Int {
        lock.withLock {
            var changed = 0
            for ref in refs {
                guard let index = all.firstIndex(where: { $0.mention.ref == ref }) else { continue }
                let tags = Tag.sorted(all[index].mention.tags.filter { !removing.contains($0) } + adding)
                if tags != all[index].mention.tags { changed += 1 }
                all[index].mention.tags = tags
            }
            return changed
        }
    }

    /// Assigns the open items of `refs` to `person` (not journaled: the fake undoes states only).
    func assign(_ refs: [Ref], to person: String?) -> Int {
        lock.withLock {
            var changed = 0
            for ref in refs {
                guard let index = all.firstIndex(where: { $0.mention.ref == ref }), all[index].assignee != person else { continue }
                all[index].assignee = person
                changed += 1
            }
            return changed
        }
    }

    func refs(_ selection: Selection) -> [Ref] {
        switch selection {
        case .refs(let refs): return refs
        case .view(let query): return items(in: query).map(\.mention.ref)
        case .threads(let refs):
            return lock.withLock {
                refs.flatMap { ref -> [Ref] in
                    guard let item = all.first(where: { $0.mention.ref == ref }), let conversation = item.mention.conversation else { return [ref] }
                    return all.filter { $0.mention.conversation == conversation }.map(\.mention.ref)
                }
            }
        }
    }

    /// Everything the account of `ref`'s author wrote, counted as the store counts it.
    private func history(of ref: Ref) -> (name: String, history: AuthorHistory)? {
        guard let item = all.first(where: { $0.mention.ref == ref }) else { return nil }
        let author = item.mention.author
        let theirs = all.map(\.mention).filter { $0.platform == item.mention.platform && $0.author.handle == author.handle }
        func count(_ kept: (MentionState) -> Bool) -> Int { theirs.filter { kept($0.state) }.count }
        let waits = theirs.compactMap { mention in mention.state.answeredAt.map { $0.timeIntervalSince(mention.createdAt) } }.sorted()
        let history = AuthorHistory(
            identities: [Identity(platform: item.mention.platform, handle: author.handle ?? "")], asOf: now, total: theirs.count,
            replied: count { if case .replied = $0 { true } else { false } }, acknowledged: count { if case .acknowledged = $0 { true } else { false } },
            waiting: count(\.isWaiting), snoozed: count { if case .snoozed = $0 { true } else { false } },
            timed: waits.count, medianSeconds: AnswerFigures.percentile(waits, 0.5), firstAt: theirs.map(\.createdAt).min(),
            recent: theirs.sorted { $0.createdAt > $1.createdAt }, lastAnswered: nil)
        return (author.name ?? author.handle ?? "", history)
    }

    var services: Services {
        var services = Services(
            now: { self.now },
            summary: { query in
                let items = self.items(in: query)
                return QueueSummary(waiting: items.count, oldest: items.first?.mention.createdAt)
            },
            page: { query, request in
                let items = self.items(in: query)
                switch request {
                case .first(let n): return Array(items.prefix(n))
                case .last(let n): return Array(items.suffix(n))
                case .after(let key, let n): return Array(items.filter { $0.key > key }.prefix(n))
                case .before(let key, let n): return Array(items.filter { $0.key < key }.suffix(n))
                }
            },
            locate: { query, ref in
                let items = self.items(in: query)
                guard let index = items.firstIndex(where: { $0.mention.ref == ref }) else { return nil }
                return (items[index], index)
            },
            act: { act, now in
                self.lock.withLock { self.acts.append(act) }
                let refs = self.refs(act.selection)
                switch act {
                case .acknowledge: return ActOutcome(changed: self.setStates(refs, .acknowledge, .acknowledged(at: now)))
                case .snooze(_, let until): return ActOutcome(changed: self.setStates(refs, .snooze, .snoozed(until: until)))
                case .tag(_, let adding, let removing): return ActOutcome(changed: self.setTags(refs, adding: adding, removing: removing))
                case .assign(_, let person): return ActOutcome(changed: self.assign(refs, to: person))
                }
            },
            saveReply: { input, now in
                guard self.waiting.contains(where: { $0.mention.ref == input.ref }) else { return .alreadyAnswered }
                self.lock.withLock { self.saved.append(input) }
                _ = self.setStates(input.thread ? self.refs(.threads([input.ref])) : [input.ref], .reply, .replied(draft: "d\(self.saved.count)", at: now))
                return .done
            },
            undo: {
                self.lock.withLock {
                    guard let last = self.journal.popLast() else { return nil }
                    var refs: [Ref] = []
                    var keys: [RankKey] = []
                    for (index, old) in last.entries {
                        self.all[index].mention.state = old
                        refs.append(self.all[index].mention.ref)
                        keys.append(self.all[index].key)
                    }
                    var undone = UndoneAction(kind: last.kind, refs: refs, drafts: [], keys: keys)
                    undone.named = last.entries.prefix(UndoneAction.namedAtMost).map { self.all[$0.0] }
                    return undone
                }
            }
        )
        services.teammates = { ["ana", "ben"] }
        services.author = { ref, _ in self.countsAuthors ? self.lock.withLock { self.history(of: ref) } : nil }
        services.thread = { ref in self.refs(.threads([ref])).compactMap { ref in self.lock.withLock { self.all.first { $0.mention.ref == ref } } } }
        services.platformCounts = {
            Dictionary(grouping: self.waiting, by: \.mention.platform).map { PlatformCount(platform: $0.key, waiting: $0.value.count) }
                .sorted { ($0.waiting, $1.platform.rawValue) > ($1.waiting, $0.platform.rawValue) }
        }
        return services
    }
}

/// The app as the binary's loop drives it, through the same `Runtime` and so the same
/// scheduling, over a `FakeQueue` and a `FakeOutbox`: after each key or action the frame is
/// drawn (what waited for it runs) and keys pause (what waited for that runs too).
struct Harness {
    var runtime: Runtime
    let queue: FakeQueue
    let outbox: FakeOutbox
    private let log: EffectLog

    init(_ mentions: [Mention] = Sample.three, outbox: FakeOutbox = FakeOutbox(), settings: Settings = Settings(), width: Int = 80, height: Int = 24,
         now: Date = Sample.now, countsAuthors: Bool = false, services adjust: (inout Services) -> Void = { _ in }) {
        queue = FakeQueue(mentions, now: now)
        queue.countsAuthors = countsAuthors
        self.outbox = outbox
        var services = outbox.services(over: queue.services, now: now)
        adjust(&services)
        var state = AppState(width: width, height: height, now: now)
        state.settings = settings
        let log = EffectLog()
        self.log = log
        runtime = Runtime(state: state, services: services, observe: { log.effects.append($0) })
        runtime.start()
        settle()
    }

    var state: AppState {
        get { runtime.state }
        set { runtime.state = newValue }
    }

    /// Every effect run so far, in the order it ran.
    var effects: [Effect] { log.effects }

    mutating func send(_ action: Action) {
        runtime.send(action)
        settle()
    }

    mutating func press(_ keys: Key...) {
        for key in keys {
            runtime.keyPressed(key)
            settle()
        }
    }

    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    /// Keys typed faster than heed reads them: the first is read, the others already wait.
    mutating func typeAhead(_ keys: [Key]) {
        var rest = keys.dropFirst()
        runtime.keyPressed(keys[0], typed: { rest.popFirst() })
        settle()
    }

    /// What the loop does between keys: frames drawn until nothing waits for one, then a pause.
    mutating func settle() {
        repeat {
            while runtime.frameDrawn() {}
        } while runtime.keysPaused()
    }

    /// The effects run for `body` alone.
    mutating func effects(of body: (inout Harness) -> Void) -> [Effect] {
        let mark = log.effects.count
        body(&self)
        return Array(log.effects[mark...])
    }

    var screen: [String] { Views.render(state).lines().map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) } }
    var text: String? { state.composer?.text }
    /// The status line's text, "error: " first when it is one.
    var said: String? { state.status.map { ($0.isError ? "error: " : "") + $0.text } }
}

/// The effects a harness ran (a class, so the runtime's observer can add to it).
final class EffectLog: @unchecked Sendable {
    var effects: [Effect] = []
}

/// Autosaves, templates and outbox drafts in memory, recording every call (one thread, no lock).
final class FakeOutbox: @unchecked Sendable {
    var kept: [Ref: (text: String, at: Date)] = [:]
    var forgotten: [Ref] = []
    var edits: [(draft: String, text: String)] = []
    var discards: [String] = []
    var templates: [Template] = []
    var rows: [DraftRow] = []

    func keep(_ ref: Ref, _ text: String, at date: Date) { kept[ref] = (text, date) }
    var autosaved: [Ref: String] { kept.mapValues(\.text) }

    /// `base` with every composer and outbox closure answered from memory.
    func services(over base: Services, now: Date) -> Services {
        var services = base
        services.autosave = { ref, text in self.keep(ref, text, at: now) }
        services.recover = { ref in self.kept[ref] }
        services.forget = { ref in self.kept[ref] = nil; self.forgotten.append(ref) }
        services.unsaved = {
            self.kept.sorted { $0.key.description < $1.key.description }.map { ref, kept in
                UnsavedReply(ref: ref, text: kept.text, at: kept.at, item: (try? base.thread(ref))?.first { $0.mention.ref == ref })
            }
        }
        services.templates = { self.templates }
        services.drafts = { self.rows }
        services.saveEdit = { draft, text, _ in self.edits.append((draft, text)) }
        services.discard = { row, _ in self.discards.append(row.id); return .done }
        return services
    }
}

enum Sample {
    static let now = Date(timeIntervalSince1970: 1_795_166_040)  // 2026-11-20T09:14:00Z

    static func mention(_ id: String, _ platform: Platform = .mastodon, handle: String, name: String? = nil, text: String, minutesAgo: Double) -> Mention {
        Mention(platform: platform, id: id, author: Author(handle: handle, name: name), text: text,
                createdAt: now.addingTimeInterval(-minutesAgo * 60), url: "https://example.social/@\(handle)/\(id)")
    }

    static let three: [Mention] = [
        mention("1", handle: "alice@example.social", name: "Alice", text: "@you is the meetup still on?", minutesAgo: 3 * 1440 + 4 * 60),
        mention("2", .x, handle: "kenji_t", name: "田中健二", text: "返信ありがとうございます！😀", minutesAgo: 5 * 60),
        mention("3", .bluesky, handle: "noor.bsky.social", text: "line one\nline two\u{1B}]52;c;ZXZpbA==\u{07} safe", minutesAgo: 12),
    ]

    static func many(_ count: Int) -> [Mention] {
        (0..<count).map { mention(String($0), handle: "user\($0)", text: "message \($0)", minutesAgo: Double(count - $0) * 10) }
    }
}
