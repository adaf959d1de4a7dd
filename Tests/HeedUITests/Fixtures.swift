import Foundation
import HeedCore
import HeedUI
import Screen

/// A queue in memory behind the same `Services` the app uses, with a fixed clock.
final class FakeQueue: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [QueueItem]
    private(set) var journal: [[(Int, MentionState)]] = []
    private(set) var saved: [ReplyInput] = []
    let now: Date

    init(_ mentions: [Mention], now: Date) {
        self.now = now
        all = mentions.enumerated().map { QueueItem(key: RankKey(createdAt: Int64($1.createdAt.timeIntervalSince1970 * 1000), row: Int64($0 + 1)), mention: $1) }
            .sorted { $0.key < $1.key }
    }

    var waiting: [QueueItem] { lock.withLock { all.filter { $0.mention.state.isWaiting } } }

    func setState(_ ref: Ref, _ state: MentionState) -> MentionState? {
        lock.withLock {
            guard let index = all.firstIndex(where: { $0.mention.ref == ref }) else { return nil }
            let old = all[index].mention.state
            all[index].mention.state = state
            journal.append([(index, old)])
            return old
        }
    }

    var services: Services {
        Services(
            now: { self.now },
            summary: { QueueSummary(waiting: self.waiting.count, oldest: self.waiting.first?.mention.createdAt) },
            page: { request in
                let items = self.waiting
                switch request {
                case .first(let n): return Array(items.prefix(n))
                case .last(let n): return Array(items.suffix(n))
                case .after(let key, let n): return Array(items.filter { $0.key > key }.prefix(n))
                case .before(let key, let n): return Array(items.filter { $0.key < key }.suffix(n))
                }
            },
            locate: { ref in
                let items = self.waiting
                guard let index = items.firstIndex(where: { $0.mention.ref == ref }) else { return nil }
                return (items[index], index)
            },
            acknowledge: { ref, now in
                self.waiting.contains { $0.mention.ref == ref } && self.setState(ref, .acknowledged(at: now)) != nil ? .done : .alreadyAnswered
            },
            saveReply: { input, now in
                guard self.waiting.contains(where: { $0.mention.ref == input.ref }) else { return .alreadyAnswered }
                self.lock.withLock { self.saved.append(input) }
                _ = self.setState(input.ref, .replied(draft: "d\(self.saved.count)", at: now))
                return .done
            },
            undo: {
                self.lock.withLock {
                    guard let last = self.journal.popLast() else { return nil }
                    var refs: [Ref] = []
                    for (index, old) in last {
                        self.all[index].mention.state = old
                        refs.append(self.all[index].mention.ref)
                    }
                    return UndoneAction(kind: .acknowledge, refs: refs, drafts: [])
                }
            }
        )
    }
}

/// Drives the reducer the way the app's loop does: every effect run before the next key.
struct Harness {
    var state: AppState
    let queue: FakeQueue
    var effects: [Effect] = []

    init(_ mentions: [Mention], width: Int = 80, height: Int = 24, now: Date) {
        queue = FakeQueue(mentions, now: now)
        state = AppState(width: width, height: height, now: now)
        run(Reducer.start())
    }

    mutating func send(_ action: Action) {
        run(Reducer.reduce(&state, action))
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.keyPressed(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { send(.keyPressed(.character(character))) }
    }

    private mutating func run(_ new: [Effect]) {
        var pending = new
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            effects.append(effect)
            for action in EffectRunner.run(effect, queue.services) {
                pending += Reducer.reduce(&state, action)
            }
        }
    }

    var screen: [String] { Views.render(state).lines().map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) } }
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
