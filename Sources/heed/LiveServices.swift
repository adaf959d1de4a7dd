import Foundation
import HeedConfig
import HeedCore
import HeedOutbox
import HeedStore
import HeedUI

extension Services {
    /// The services over a real store and outbox file.
    static func live(store: Store, outbox: Outbox, templates folder: String? = nil, config: Config = Config(), notices: Notices = Notices()) -> Services {
        let autosave = Autosave(besideOutbox: outbox.path)
        var services = Services(
            now: { Date() },
            summary: { try store.summary($0, now: Date()) },
            page: { try store.page($0, $1, now: Date()) },
            locate: { view, ref in
                let now = Date()
                guard let item = try store.item(ref), try store.contains(item.key, in: view, now: now) else { return nil }
                return (item, try store.rank(of: item.key, in: view, now: now))
            },
            act: { act, now in
                let result: AnswerResult
                switch act {
                case .acknowledge(let selection): result = try store.acknowledge(selection, at: now)
                case .snooze(let selection, let until): result = try store.snooze(selection, until: until, at: now)
                }
                return ActOutcome(changed: result.changedCount, alreadyAnswered: result.alreadyAnswered.count)
            },
            saveReply: { input, now in try Replies.save(input, at: now, store: store, outbox: outbox) },
            undo: { try Replies.undo(store: store, outbox: outbox, at: Date()) }
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
        services.thread = { try store.thread(of: $0) }
        services.exactCount = { try store.exactCount($0, now: Date()) }
        // The stats screen shows the last 30 days; heed stats --since gives other spans.
        services.stats = { now in try store.stats(since: now.addingTimeInterval(-30 * 86_400), now: now) }
        services.author = { ref, now in
            guard let item = try store.item(ref) else { return nil }
            let handle = item.mention.author.handle ?? ""
            let identities = config.identities(of: ref.platform, handle: handle).map { (platform: $0.0, handle: $0.1) }
            let name = config.person(of: ref.platform, handle: handle) ?? item.mention.author.shownName
            return (name, try store.authorHistory(identities, now: now))
        }
        services.platformCounts = { try store.platformCounts().map { PlatformCount(platform: $0.platform, waiting: $0.waiting) } }
        services.wake = { try store.wakeSnoozed(now: $0) }
        let watch = ChangeWatch(store: store, notices: notices)
        services.changed = { watch.changed() }
        services.drafts = { try Replies.drafts(store: store, outbox: outbox) }
        services.saveEdit = { draft, text, now in try outbox.append([.edited(draft: draft, text: text, at: now)]) }
        services.discard = { row, now in
            try outbox.append([.discarded(draft: row.id, at: now)])
            return try store.reopen(row.ref, draft: row.id, at: now) ? .done : .alreadyAnswered
        }
        return services
    }
}

/// Saving and undoing replies touches both the outbox and the store, in an order that never
/// leaves a reply marked without its draft.
enum Replies {
    static func save(_ input: ReplyInput, at now: Date, store: Store, outbox: Outbox) throws -> AnswerOutcome {
        guard let item = try store.item(input.ref) else { return .unknown }
        switch item.mention.state {
        case .waiting, .snoozed: break
        default: return .alreadyAnswered
        }
        let id = newDraftID(now)
        let draft = Draft(id: id, ref: input.ref, replyTarget: input.replyTarget, author: input.author, text: input.text, createdAt: now)
        try outbox.append([.draft(draft)])
        let result = try store.markReplied(input.thread ? .threads([input.ref]) : .refs([input.ref]), draft: id, at: now)
        if result.changed.isEmpty {
            try outbox.append([.discarded(draft: id, at: now)])
            return .alreadyAnswered
        }
        return .done
    }

    static func undo(store: Store, outbox: Outbox, at now: Date) throws -> UndoneAction? {
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
    static func drafts(store: Store, outbox: Outbox) throws -> [DraftRow] {
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
