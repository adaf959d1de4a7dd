import Foundation
import HeedCore
import Screen

extension Reducer {
    /// Acknowledge, snooze, marks, threads and undo in the queue.
    static func actCommand(_ state: inout AppState, _ command: Command, _ layout: QueueLayout) -> [Effect] {
        let selected = state.queue.selected
        switch command {
        case .acknowledge:
            if !state.marks.isEmpty { return bulk(&state, .acknowledge(state.marks.selection), count: state.marks.count) }
            guard let item = selected else { return [] }
            state.queue.remove(item.mention.ref, listHeight: layout.listHeight)
            state.actedOn = item
            state.status = .init(text: "Acknowledged \(item.mention.author.shownName) (\(state.undoKey) undoes)", isError: false)
            return [.act(.acknowledge(.refs([item.mention.ref])))] + fill(state, layout)
        case .acknowledgeThread:
            guard let item = selected else { return [] }
            state.actedOn = item
            return bulk(&state, .acknowledge(.threads([item.mention.ref])), count: item.thread)
        case .snooze:
            guard let selection = markedOrSelected(state) else { return [] }
            state.prompt = .snooze(selection, typed: "", error: nil)
        case .mark:
            guard let item = selected else { return [] }
            if state.marks.wholeQuery != nil {
                state.status = .init(text: "Every item of the view is marked; \(state.key(.markAll)) clears the marks", isError: false)
                return []
            }
            let ref = item.mention.ref
            if state.marks.refs.remove(ref) == nil { state.marks.refs.insert(ref) }
            state.status = .init(text: "\(state.marks.count.grouped) marked: \(state.key(.acknowledge)) acknowledges, \(state.key(.snooze)) snoozes them all; \(state.key(.wholeQueue)) clears", isError: false)
            state.queue.move(to: state.queue.cursor + 1, listHeight: layout.listHeight)
            return fill(state, layout)
        case .markAll:
            if !state.marks.isEmpty {
                state.marks = Marks()
                state.status = .init(text: "Marks cleared", isError: false)
            } else {
                state.marks.wholeQuery = (state.query, state.queue.count)
                state.status = .init(text: "All \(state.queue.count.grouped) of this view marked: \(state.key(.acknowledge)) acknowledges, \(state.key(.snooze)) snoozes them all; \(state.key(.markAll)) clears", isError: false)
            }
        case .replyThread:
            guard let item = selected else { return [] }
            var composer = Composer(item: item, text: ReplyStart.text(for: item.mention, settings: state.settings), limit: state.settings.limits[item.mention.platform])
            composer.wholeThread = true
            state.mode = .composer(composer)
            return [.recoverAutosave(item.mention.ref)]
        case .undo:
            return [.undo]
        case .assign:
            return startAssigning(&state)
        default:
            break
        }
        return []
    }

    /// Runs an action on several items, asking first above the configured threshold.
    static func bulk(_ state: inout AppState, _ act: Act, count: Int) -> [Effect] {
        if count > state.settings.confirmAbove {
            state.prompt = .confirm(act, count: count)
            return []
        }
        state.status = .init(text: "Working on \(count.grouped) item\(count == 1 ? "" : "s")…", isError: false)
        return [.act(act)]
    }

    /// Results of actions, threads, counts, changes by others and undo.
    static func resultAction(_ state: inout AppState, _ action: Action, _ layout: QueueLayout) -> [Effect] {
        switch action {
        case .acted(let act, let outcome):
            return acted(&state, act, outcome)
        case .threadLoaded(let ref, let items):
            if state.thread?.ref == ref { state.thread = ThreadPane(ref: ref, items: items) }
            return []
        case .authorLineLoaded(let ref, let history):
            if state.authorLine?.ref == ref { state.authorLine = AuthorLine(ref: ref, history: history, loading: false) }
            return []
        case .platformCountsLoaded(let counts):
            if case .filter(_, let cursor) = state.prompt { state.prompt = .filter(platforms: counts, cursor: cursor) }
            return []
        case .tabCountsLoaded(let counts):
            for (index, count) in counts.enumerated() where state.tabs.indices.contains(index) {
                state.tabs[index].count = count
            }
            return []
        case .queryCounted(let query, let count):
            guard query == state.query else { return [] }
            state.queue.summary.waiting = count
            state.queue.summary.exact = true
            state.queue.move(to: state.queue.cursor, listHeight: layout.listHeight)
            guard state.queue.lastWanted else { return fill(state, layout) }
            state.queue.lastWanted = false
            state.queue.move(to: count - 1, listHeight: layout.listHeight)
            return [.load(.last(QueueState.pageSize), query: query)]
        case .storeChanged(let notice):
            if let notice { state.status = .init(text: notice, isError: false) }
            return refresh(&state)
        case .snoozedWoke(let count):
            state.status = .init(text: "\(count.grouped) snoozed item\(count == 1 ? " is" : "s are") back in the queue", isError: false)
            return refresh(&state)
        case .undone(let undone):
            return undoneAction(&state, undone)
        default:
            return []
        }
    }

    static func acted(_ state: inout AppState, _ act: Act, _ outcome: ActOutcome) -> [Effect] {
        if case .tag = act { return tagged(&state, act, outcome) }
        if case .acknowledge(.refs(let refs)) = act, refs.count == 1, state.marks.isEmpty {
            if outcome.changed == 0 {
                let name = state.actedOn?.mention.ref == refs[0] ? state.actedOn?.mention.author.shownName : nil
                state.status = .init(text: answeredFirst(state, name ?? refs[0].description, outcome) + "; nothing changed", isError: true)
            }
            return [.loadSummary(state.query)] + countTabs(state)
        }
        if case .assign = act {
            // Assigned items stay where they are, and so does the cursor.
            let count = outcome.changed.grouped
            state.status = .init(text: "Assigned \(count) item\(outcome.changed == 1 ? "" : "s") to \(act.assignee ?? "nobody") (\(state.undoKey) undoes)", isError: false)
            if outcome.alreadyAnswered > 0 { state.status?.text += "; \(outcome.alreadyAnswered) answered already" }
            state.marks = Marks()
            return [.focus(state.queue.selected?.mention.ref, query: state.query)] + countTabs(state)
        }
        var what = Naming.items(count: outcome.changed, [])
        if case .threads(let refs) = act.selection, refs.count == 1, let item = state.actedOn, item.mention.ref == refs[0], outcome.changed > 0 {
            what = Naming.items(count: outcome.changed, [item], thread: outcome.changed > 1)
        }
        switch act {
        case .acknowledge:
            state.status = .init(text: "Acknowledged \(what) (\(state.undoKey) undoes)", isError: false)
        case .snooze(_, let until):
            state.status = .init(text: "Snoozed \(what) until \(Self.when(until, now: state.now, calendar: state.settings.calendar)) (\(state.undoKey) undoes)", isError: false)
        case .tag, .assign:
            break
        }
        if outcome.alreadyAnswered > 0 {
            state.status?.text += "; \(outcome.alreadyAnswered) answered elsewhere already"
        }
        let anchor = nextUnaffected(state, act.selection)
        state.marks = Marks()
        return [.focus(anchor ?? state.queue.selected?.mention.ref, query: state.query)] + countTabs(state)
    }

    /// The first item at or after the cursor that the action left alone, to keep the cursor on.
    static func nextUnaffected(_ state: AppState, _ selection: Selection) -> Ref? {
        let start = max(0, state.queue.cursor - state.queue.offset)
        let rest = state.queue.items.dropFirst(start)
        switch selection {
        case .refs(let refs):
            let affected = Set(refs)
            return rest.first { !affected.contains($0.mention.ref) }?.mention.ref
        case .threads:
            guard let conversation = state.queue.selected?.mention.conversation else { return rest.dropFirst().first?.mention.ref }
            return rest.first { $0.mention.conversation != conversation }?.mention.ref
        case .view:
            return nil
        }
    }

    /// Reloads the query's window around the selected item (the cursor stays on it), and the counts.
    static func refresh(_ state: inout AppState) -> [Effect] {
        state.thread = nil
        let counts = countTabs(state)
        guard let item = state.queue.selected else {
            return [.loadSummary(state.query), .load(.first(QueueState.pageSize), query: state.query)] + counts
        }
        return [.focus(item.mention.ref, query: state.query)] + counts
    }

    /// Counts the tabs' queries (the scheduler runs it after the frame).
    static func countTabs(_ state: AppState) -> [Effect] {
        state.tabs.isEmpty ? [] : [.countTabs(state.tabs.map(\.query))]
    }

    /// A time in the status line, on `calendar`'s clock: "14:05" today, else "Mon 23 Nov 09:00".
    static func when(_ date: Date, now: Date, calendar: Calendar) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = calendar.isDate(date, inSameDayAs: now) ? "HH:mm" : "EEE d MMM HH:mm"
        return formatter.string(from: date)
    }
}
