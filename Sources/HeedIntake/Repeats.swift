import HeedCore

/// The items one file has listed so far, to tell an item listed again (pages fetched with an
/// overlap, a page listing one notification twice) from a new one: the second listing of an
/// unchanged item is counted once, as a skip, and never as "unchanged". Memory stays bounded:
/// the most recent `window` to `2 × window` items are remembered, which overlapping pages
/// always are.
struct Repeats {
    /// How many items a generation holds before the older one is forgotten.
    let window: Int
    private var current: [Ref: Int] = [:]
    private var previous: [Ref: Int] = [:]

    /// Remembering the last `window` items at least.
    init(window: Int = 100_000) {
        self.window = window
    }

    /// Notes a mention; true when the file listed the same item, unchanged, before.
    mutating func isRepeat(_ mention: Mention) -> Bool {
        let ref = mention.ref
        let content = mention.hashValue
        if let seen = current[ref] ?? previous[ref], seen == content { return true }
        if current.count >= window {
            previous = current
            current = [:]
        }
        current[ref] = content
        return false
    }

    /// Forgets everything (a new file starts).
    mutating func reset() {
        current = [:]
        previous = [:]
    }
}
