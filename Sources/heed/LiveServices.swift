import Foundation
import HeedConfig
import HeedCore
import HeedOutbox
import HeedStore
import HeedUI

extension Services {
    /// The services over a real store and outbox file. What a crash left half done between
    /// the two is settled first (see `Replies.settle`).
    static func live(store: any MentionStore, outbox: Outbox, templates folder: String? = nil, config: Config = Config(), notices: Notices = Notices()) -> Services {
        let autosave = Autosave(besideOutbox: outbox.path)
        let explain = StoreFailures(store: store)
        try? explain { try Replies.settle(store: store, outbox: outbox, at: Date()) }
        var services = Services(
            now: { Date() },
            summary: { view in try explain { try store.summary(view, now: Date()) } },
            page: { view, request in try explain { try store.page(view, request, now: Date()) } },
            locate: { view, ref in
                try explain {
                    let now = Date()
                    guard let item = try store.item(ref), try store.contains(item.key, in: view, now: now) else { return nil }
                    return (item, try store.rank(of: item.key, in: view, now: now))
                }
            },
            act: { act, now in
                let result: AnswerResult = try explain {
                    switch act {
                    case .acknowledge(let selection): try store.acknowledge(selection, at: now)
                    case .snooze(let selection, let until): try store.snooze(selection, until: until, at: now)
                    }
                }
                return ActOutcome(changed: result.changedCount, alreadyAnswered: result.alreadyAnswered.count)
            },
            saveReply: { input, now in try explain { try Replies.save(input, at: now, store: store, outbox: outbox) } },
            undo: { try explain { try Replies.undo(store: store, outbox: outbox, at: Date()) } }
        )
        services.autosave = { ref, text in try autosave.save(ref, text: text, at: Date()) }
        services.recover = { autosave.recover($0) }
        services.forget = { autosave.forget($0) }
        // Only text that can still be sent: for an item still waiting, or a pending draft's edit.
        services.unsaved = {
            let pending = Set(((try? outbox.read().pending) ?? []).map(\.ref))
            return autosave.unsaved().filter { ref in
                pending.contains(ref) || ((try? store.item(ref))??.mention.state.isWaiting ?? false)
            }
        }
        if let folder { services.templates = { Templates.load(folder) } }
        services.thread = { ref in try explain { try store.thread(of: ref) } }
        services.exactCount = { view in try explain { try store.exactCount(view, now: Date()) } }
        // The stats screen shows the last 30 days; heed stats --since gives other spans.
        services.stats = { now in try explain { try store.stats(since: now.addingTimeInterval(-30 * 86_400), now: now) } }
        services.author = { ref, now in
            try explain {
                guard let item = try store.item(ref) else { return nil }
                let handle = item.mention.author.handle ?? ""
                let identities = config.identities(of: ref.platform, handle: handle).map { (platform: $0.0, handle: $0.1) }
                let name = config.person(of: ref.platform, handle: handle) ?? item.mention.author.shownName
                return (name, try store.authorHistory(identities, now: now))
            }
        }
        services.platformCounts = { try explain { try store.platformCounts().map { PlatformCount(platform: $0.platform, waiting: $0.waiting) } } }
        services.wake = { now in try explain { try store.wakeSnoozed(now: now) } }
        let watch = ChangeWatch(store: store, notices: notices)
        services.changed = { watch.changed() }
        services.drafts = { try explain { try Replies.drafts(store: store, outbox: outbox) } }
        services.saveEdit = { draft, text, now in try outbox.append([.edited(draft: draft, text: text, at: now)]) }
        services.discard = { row, now in
            try outbox.append([.discarded(draft: row.id, at: now)])
            return try explain { try store.reopen(row.ref, draft: row.id, at: now) } ? .done : .alreadyAnswered
        }
        return services
    }
}

/// Turns the store's SQLite errors into one line naming the store and what to do.
struct StoreFailures: Sendable {
    let store: any MentionStore

    func callAsFunction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as OutboxError {
            throw error
        } catch {
            throw store.explaining(error)
        }
    }
}

/// Saving and undoing replies touches both the outbox and the store, in an order that never
/// leaves a reply marked without its draft.
enum Replies {
    /// Writes the draft and marks the item replied as one step: the draft is appended under
    /// the outbox's lock and taken back unless the store marks the item with it. So when two
    /// queues answer the same item, one wins and the other's draft never reaches the outbox;
    /// and a store that cannot be written leaves no draft behind.
    static func save(_ input: ReplyInput, at now: Date, store: any MentionStore, outbox: Outbox) throws -> AnswerOutcome {
        guard let item = try store.item(input.ref) else { return .unknown }
        switch item.mention.state {
        case .waiting, .snoozed: break
        default: return .alreadyAnswered
        }
        let id = newDraftID(now)
        let draft = Draft(id: id, ref: input.ref, replyTarget: input.replyTarget, author: input.author, text: input.text, createdAt: now)
        let marked = try outbox.append([.draft(draft)]) {
            !(try store.markReplied(input.thread ? .threads([input.ref]) : .refs([input.ref]), draft: id, at: now).changed.isEmpty)
        }
        return marked ? .done : .alreadyAnswered
    }

    /// Settles what a crash left half done between the outbox and the store, under the
    /// outbox's lock (so no save in another heed is halfway meanwhile). A pending draft whose
    /// item still waits was never confirmed (heed stopped between writing it and marking the
    /// item, or an undo marked the item and stopped before discarding it): it is discarded, so
    /// it is never exported beside a second reply; a reply being saved keeps its text in
    /// autosave. An item still marked with a draft the outbox discarded (a discard cut short)
    /// returns to the queue. Only drafts named by the outbox's last records are looked up (an
    /// interrupted step is at its end), so opening stays fast however long the outbox grows.
    static func settle(store: any MentionStore, outbox: Outbox, at now: Date) throws {
        guard FileManager.default.fileExists(atPath: outbox.path) else { return }
        try outbox.locked { file in
            let contents = try file.read()
            let recent = contents.drafts.filter { contents.recent.contains($0.id) }
            var discarded: [OutboxRecord] = []
            for draft in recent where draft.status == .pending {
                if let item = try store.item(draft.ref), item.mention.state.isWaiting {
                    discarded.append(.discarded(draft: draft.id, at: now))
                }
            }
            try file.append(discarded) { true }
            for draft in recent where draft.status == .discarded {
                guard let item = try store.item(draft.ref), case .replied(let marked, _) = item.mention.state, marked == draft.id else { continue }
                try store.reopen(draft.ref, draft: draft.id, at: now)
            }
        }
    }

    static func undo(store: any MentionStore, outbox: Outbox, at now: Date) throws -> UndoneAction? {
        guard let undone = try store.undoLast() else { return nil }
        switch undone.kind {
        case .reply:
            try outbox.append(undone.drafts.map { .discarded(draft: $0, at: now) })
        case .discard:
            // The draft comes back as it was: a new record with its last text makes it pending.
            let texts = Dictionary(try outbox.read().drafts.map { ($0.id, $0.text) }, uniquingKeysWith: { $1 })
            try outbox.append(undone.drafts.compactMap { id in texts[id].map { .edited(draft: id, text: $0, at: now) } })
        case .acknowledge, .snooze:
            break
        }
        return undone
    }

    /// The outbox's drafts that are not discarded, newest first, each with its item.
    static func drafts(store: any MentionStore, outbox: Outbox) throws -> [DraftRow] {
        try outbox.read().drafts.filter { $0.status != .discarded }.reversed().map { draft in
            DraftRow(id: draft.id, ref: draft.ref, status: draft.status.rawValue, text: draft.text, createdAt: draft.createdAt, item: try store.item(draft.ref))
        }
    }

    /// A draft id that sorts by time and does not collide across processes.
    static func newDraftID(_ now: Date) -> String {
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        let random = UInt32.random(in: 0...UInt32.max)
        return "d\(String(millis, radix: 36))-\(String(random, radix: 36))"
    }
}

/// Saved replies: every text file in the templates folder, by name.
enum Templates {
    static func load(_ folder: String) -> [Template] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            let path = folder + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular,
                  (attributes[.size] as? NSNumber)?.intValue ?? 0 <= 64 << 10,
                  let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else { return nil }
            if text.hasSuffix("\n") { text.removeLast() }
            let title = (name as NSString).deletingPathExtension
            return Template(name: title.isEmpty ? name : title, text: text)
        }
    }
}
