import HeedCore

/// The items one file has listed lately, to tell an item listed again (pages fetched with an
/// overlap, a page listing one notification twice) from a new one: the second listing of an
/// unchanged item is counted once, as a skip, and never as "unchanged". The last `window` to
/// `2 × window` items are kept as they were listed (by the hash of their ref; compared whole
/// only when a ref comes again): a page holds 20 to 100 items, so this covers the overlap of
/// pages fetched one after another; an item listed again further apart is stored again and
/// counted by the store. Memory stays small (holding more items was measured to slow a large
/// import by a tenth), and a listing costs one hash of its ref.
struct Repeats {
    /// How many items a generation holds before the older one is forgotten.
    let window: Int
    private var current: [Int: Mention] = [:]
    private var previous: [Int: Mention] = [:]

    /// Remembering the last `window` items at least.
    init(window: Int = 256) {
        self.window = window
        current.reserveCapacity(window)
    }

    /// Notes a mention; true when the file listed the same item, unchanged, lately.
    mutating func isRepeat(_ mention: Mention) -> Bool {
        var hasher = Hasher()
        hasher.combine(mention.platform)
        hasher.combine(mention.id)
        let ref = hasher.finalize()
        if let seen = current[ref] ?? previous[ref], seen == mention { return true }
        if current.count >= window {
            previous = current
            current = [:]
            current.reserveCapacity(window)
        }
        current[ref] = mention
        return false
    }

    /// Forgets everything (a new file starts).
    mutating func reset() {
        current.removeAll(keepingCapacity: true)
        previous = [:]
    }
}
