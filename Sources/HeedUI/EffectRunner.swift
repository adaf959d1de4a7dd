import Foundation
import HeedCore

/// Does an effect with the services and returns what came of it as actions.
public enum EffectRunner {
    /// Runs one effect against the services; what came of it (or why it failed) as actions.
    public static func run(_ effect: Effect, _ services: Services) -> [Action] {
        do {
            switch effect {
            case .loadSummary(let query):
                return [.summaryLoaded(try services.summary(query), query: query)]
            case .load(let request, let query):
                return [.pageLoaded(request, try services.page(query, request), query: query)]
            case .focus(let ref, let query):
                return try focus(ref, query, services)
            case .reload(let from, let offset, let count, let ref, let query):
                let items = try services.page(query, .after(RankKey(createdAt: from.createdAt, row: from.row - 1, priority: from.priority), count))
                guard items.first?.key == from, items.contains(where: { $0.mention.ref == ref }) else { return try focus(ref, query, services) }
                return [.summaryLoaded(try services.summary(query), query: query), .windowReplaced(items: items, offset: offset, focus: ref, query: query)]
            case .act(let act):
                return [.acted(act, try services.act(act, services.now()))]
            case .loadThread(let ref):
                return [.threadLoaded(ref, try services.thread(ref))]
            case .loadPlatformCounts:
                return [.platformCountsLoaded(try services.platformCounts())]
            case .loadTags:
                return [.tagsLoaded(try services.tags())]
            case .loadStats:
                return [.statsLoaded(try services.stats(services.now()))]
            case .loadAuthor(let ref):
                guard let (name, history) = try services.author(ref, services.now()) else { return [.effectFailed("\(ref) is not in the store")] }
                return [.authorLoaded(ref, name: name, history)]
            case .loadAuthorLine(let ref):
                return [.authorLineLoaded(ref, try services.author(ref, services.now())?.history)]
            case .countQuery(let query):
                return [.queryCounted(query, try services.exactCount(query))]
            case .countTabs(let queries):
                return [.tabCountsLoaded(queries.map { try? services.summary($0).waiting })]
            case .checkForChanges:
                return [.indexingReported(services.indexing())] + (services.changed().map { [.storeChanged(notice: $0.notice)] } ?? [])
            case .wakeSnoozed:
                let woken = try services.wake(services.now())
                return woken > 0 ? [.snoozedWoke(woken)] : []
            case .saveReply(let input):
                do {
                    return [.replySaved(input.ref, try services.saveReply(input, services.now()))]
                } catch {
                    return [.replyFailed("The reply was not saved: \(error)")]
                }
            case .undo:
                let undone = try services.undo()
                return [.undone(undone)]
            case .autosave(let ref, let text):
                try services.autosave(ref, text)
                return []
            case .recoverAutosave(let ref):
                guard let (text, at) = services.recover(ref) else { return [] }
                return [.autosaveRecovered(ref, text: text, at: at)]
            case .forgetAutosave(let ref):
                services.forget(ref)
                return []
            case .findUnsaved:
                let replies = services.unsaved()
                return replies.isEmpty ? [] : [.unsavedFound(replies)]
            case .loadTemplates:
                return [.templatesLoaded(services.templates(), folder: services.templatesFolder)]
            case .loadDrafts:
                return [.draftsLoaded(try services.drafts())]
            case .saveEdit(let draft, let text):
                do {
                    try services.saveEdit(draft, text, services.now())
                    return [.draftEdited(draft), .draftsLoaded(try services.drafts())]
                } catch {
                    return [.replyFailed("The draft was not saved: \(error)")]
                }
            case .discardDraft(let row):
                let outcome = try services.discard(row, services.now())
                return [.draftDiscarded(row, outcome), .draftsLoaded(try services.drafts())]
            case .loadTeammates:
                return [.teammatesLoaded(try services.teammates())]
            case .composing(let ref):
                // Others' screens only: a failure here changes nothing of this one.
                try? services.composing(ref)
                return []
            case .loadTheme(let name):
                return [.themeLoaded(services.theme(name))]
            case .openEditor, .copy:
                // The loop's to do: it owns the terminal.
                return []
            case .openLink(let url):
                return [.linkOpened(url, problem: services.openLink(url))]
            case .startFetch:
                return services.startFetch().map { [.fetchRefused($0)] } ?? []
            case .pollFetch:
                return services.fetchReport().map { [.fetchReported($0)] } ?? []
            case .startSend(let draft):
                return services.startSend(draft).map { [.sendRefused($0)] } ?? []
            case .pollSend:
                return services.sendReport().map { [.sendReported($0)] } ?? []
            case .loadDelivery(let ref, let draft):
                return [.deliveryLoaded(ref, services.delivery(draft))]
            }
        } catch {
            return [.effectFailed("\(error)")]
        }
    }

    /// The window of a query around an item: half a page each side; from the top when the
    /// item has left the query.
    static func focus(_ ref: Ref?, _ query: Query, _ services: Services) throws -> [Action] {
        let summary = try services.summary(query)
        guard let ref, let (item, rank) = try services.locate(query, ref) else {
            return [.summaryLoaded(summary, query: query), .windowReplaced(items: try services.page(query, .first(QueueState.pageSize)), offset: 0, focus: nil, query: query)]
        }
        let half = QueueState.pageSize / 2
        let before = try services.page(query, .before(item.key, half))
        let after = try services.page(query, .after(item.key, half))
        return [.summaryLoaded(summary, query: query), .windowReplaced(items: before + [item] + after, offset: rank - before.count, focus: ref, query: query)]
    }
}
