import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import HeedOutbox
import HeedReplies
import HeedStore
import HeedUI

extension Services {
    /// The services over a real store and its drafts (the outbox file, or a team store's);
    /// unsaved text is kept beside `autosave` (the outbox file's path). Whoever opens a queue
    /// settles what a crash left half done between the two first (`Replies.settle`). `team`:
    /// the stats screen shows each person's figures.
    static func live(store: any MentionStore, outbox: any DraftBox, autosave path: String? = nil, templates folder: String? = nil, config: Config = Config(),
                     notices: Notices = Notices(), team: Bool = false) -> Services {
        let autosave = Autosave(besideOutbox: path ?? (outbox as? Outbox)?.path ?? PathOptions.dataFolder + "/outbox.jsonl")
        let explain = StoreFailures(store: store)
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
                try explain {
                    let result: AnswerResult
                    switch act {
                    case .acknowledge(let selection): result = try store.acknowledge(selection, at: now)
                    case .snooze(let selection, let until): result = try store.snooze(selection, until: until, at: now)
                    case .tag(let selection, let adding, let removing): result = try store.tag(selection, adding: adding, removing: removing, at: now)
                    case .assign(let selection, let person): result = try store.assign(selection, to: person, at: now)
                    }
                    var outcome = ActOutcome(changed: result.changedCount, alreadyAnswered: result.alreadyAnswered.count)
                    // One item someone else answered first: who and when.
                    if result.alreadyAnswered.count == 1, case .answeredBy(let person, let at) = try Replies.answered(result.alreadyAnswered[0], store: store) {
                        outcome.answeredBy = person
                        outcome.answeredAt = at
                    }
                    return outcome
                }
            },
            saveReply: { input, now in try explain { try Replies.save(input, at: now, store: store, outbox: outbox) } },
            undo: { try explain { try Replies.undo(store: store, outbox: outbox, at: Date()) } }
        )
        services.autosave = { ref, text in try autosave.save(ref, text: text, at: Date()) }
        services.recover = { autosave.recover($0) }
        services.forget = { autosave.forget($0) }
        // Only text that can still be sent: for an item still waiting, or a pending draft's edit.
        services.unsaved = {
            let pending = (try? outbox.read().pending) ?? []
            return autosave.unsaved().compactMap { ref in
                guard let (text, at) = autosave.recover(ref) else { return nil }
                let item = (try? store.item(ref)) ?? nil
                let draft = pending.last { $0.ref == ref }.map { DraftRow(id: $0.id, ref: ref, status: "pending", text: $0.text, createdAt: $0.createdAt, item: item) }
                guard draft != nil || (item?.mention.state.isWaiting ?? false) else { return nil }
                return UnsavedReply(ref: ref, text: text, at: at, item: item, draft: draft)
            }
        }
        if let folder {
            services.templates = { Templates.load(folder) }
            services.templatesFolder = folder
        }
        services.openLink = { url in Launcher.open(url) }
        services.thread = { ref in try explain { try store.thread(of: ref) } }
        services.exactCount = { view in try explain { try store.exactCount(view, now: Date()) } }
        // The stats screen shows the last 30 days; heed stats --since gives other spans.
        services.stats = { now in
            try explain {
                let since = now.addingTimeInterval(-30 * 86_400)
                var stats = try store.stats(since: since, now: now)
                if team { stats.people = try store.personStats(since: since, now: now) }
                return stats
            }
        }
        let people = config.team.people
        services.teammates = { try explain { Set(try store.teammates() + people).sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) } } }
        services.composing = { ref in try store.composing(ref) }
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
        services.tags = { try explain { try store.tagCounts() } }
        services.wake = { now in try explain { try store.wakeSnoozed(now: now) } }
        let watch = ChangeWatch(store: store, notices: notices)
        store.whenOthersChange { watch.heard() }
        services.changed = { watch.changed() }
        services.drafts = { try explain { try Replies.drafts(store: store, outbox: outbox) { SendPlan.reason($0, among: config.accounts) } } }
        let deliveries = DeliveryIndex(outbox: outbox)
        services.delivery = { deliveries.line(for: $0) }
        services.saveEdit = { draft, text, now in try outbox.append([.edited(draft: draft, text: text, at: now)]) }
        services.discard = { row, now in
            try outbox.append([.discarded(draft: row.id, at: now)])
            return try explain { try store.reopen(row.ref, draft: row.id, at: now) } ? .done : .alreadyAnswered
        }
        return services
    }
}
