import HeedCore

/// The part of the queue the screen needs: a window of items contiguous in rank around the
/// cursor, never the whole store, plus the maintained summary.
public struct QueueState: Sendable, Equatable {
    /// Items fetched at a time; the window keeps at most four pages.
    public static let pageSize = 100

    public var items: [QueueItem] = []
    /// The absolute rank of `items[0]`.
    public var offset = 0
    /// The absolute rank of the selected item.
    public var cursor = 0
    /// The absolute rank of the first row on screen.
    public var top = 0
    public var summary = QueueSummary(waiting: 0, oldest: nil)
    /// Set once the first page and summary have arrived, so an empty screen means empty.
    public var loaded = false
    /// The last item was asked for while the count was an estimate: go there once counted.
    public var lastWanted = false

    public init() {}

    public var count: Int { summary.waiting }

    /// The selected item, when it is in the window.
    public var selected: QueueItem? {
        let index = cursor - offset
        return items.indices.contains(index) ? items[index] : nil
    }

    /// The item at an absolute rank, when it is in the window.
    public func item(at rank: Int) -> QueueItem? {
        let index = rank - offset
        return items.indices.contains(index) ? items[index] : nil
    }

    /// Moves the cursor to `rank` (clamped) and scrolls so it is on screen.
    mutating func move(to rank: Int, listHeight: Int) {
        cursor = max(0, min(rank, count - 1))
        scroll(listHeight: listHeight)
    }

    mutating func scroll(listHeight: Int) {
        let height = max(1, listHeight)
        if cursor < top { top = cursor }
        if cursor >= top + height { top = cursor - height + 1 }
        top = max(0, min(top, count - height))
    }

    /// The fetches that would fill the rows on screen: nothing when the window covers them.
    func missing(listHeight: Int) -> PageRequest? {
        guard count > 0 else { return nil }
        let needStart = top
        let needEnd = min(count, top + max(1, listHeight) + 1)
        guard let first = items.first, let last = items.last else {
            return needStart > count / 2 ? .last(Self.pageSize) : .first(Self.pageSize)
        }
        if needStart < offset { return .before(first.key, Self.pageSize) }
        if needEnd > offset + items.count { return .after(last.key, Self.pageSize) }
        return nil
    }

    /// Takes a fetched page into the window; stale pages (the window moved on) are dropped.
    mutating func take(_ request: PageRequest, _ page: [QueueItem]) {
        switch request {
        case .first(let limit):
            items = page
            offset = 0
            if page.count < limit { summary.waiting = page.count }
        case .last(let limit):
            items = page
            offset = page.count < limit ? 0 : max(0, count - page.count)
            if page.count < limit { summary.waiting = page.count }
        case .after(let key, let limit):
            guard items.last?.key == key else { return }
            items += page
            if page.count < limit { summary.waiting = offset + items.count }
        case .before(let key, let limit):
            guard items.first?.key == key else { return }
            items = page + items
            offset -= page.count
            if page.count < limit, offset != 0 {
                // The start of the queue is closer than we thought: renumber.
                let shift = offset
                offset = 0
                cursor -= shift
                top = max(0, top - shift)
                summary.waiting -= shift
            }
        }
        trim()
    }

    /// Keeps the window to four pages, dropping the far side from the cursor.
    mutating func trim() {
        let limit = Self.pageSize * 4
        guard items.count > limit else { return }
        let cursorIndex = cursor - offset
        if cursorIndex > items.count / 2 {
            let drop = items.count - limit
            items.removeFirst(drop)
            offset += drop
        } else {
            items.removeLast(items.count - limit)
        }
    }

    /// Takes the answered item out of the window; the cursor stays at the same rank, which is
    /// now the next item.
    mutating func remove(_ ref: Ref, listHeight: Int) {
        guard let index = items.firstIndex(where: { $0.mention.ref == ref }) else { return }
        items.remove(at: index)
        summary.waiting = max(0, summary.waiting - 1)
        if offset + index < cursor { cursor -= 1 }
        move(to: cursor, listHeight: listHeight)
    }
}
