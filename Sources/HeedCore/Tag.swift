/// The user's labels on items (`t` in the queue, `tag:NAME` in rules and the search line):
/// lowercase, one word of letters, digits and `-_.`, at most 40 characters, so that a tag
/// reads the same in a search, a rule, a row and `heed list --json`.
public enum Tag {
    /// The longest tag, in characters.
    public static let maximumLength = 40

    /// A tag as written (any case, a leading "#" allowed) in its stored form, or nil when it is
    /// not a tag.
    public static func normal(_ written: String) -> String? {
        var name = Substring(written)
        if name.hasPrefix("#") { name = name.dropFirst() }
        let lowered = name.lowercased()
        guard !lowered.isEmpty, lowered.count <= maximumLength else { return nil }
        let allowed = lowered.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)
        }
        return allowed ? lowered : nil
    }

    /// Why a written tag is not one, for a prompt or a config problem.
    public static func problem(_ written: String) -> String {
        "\"\(written)\" is not a tag: one word of letters, digits, - _ or ., at most \(maximumLength) characters"
    }

    /// Tags in their stored order: sorted, each once.
    public static func sorted(_ tags: some Sequence<String>) -> [String] {
        var result: [String] = []
        for tag in tags { insert(tag, into: &result) }
        return result
    }

    /// Puts a tag into tags in their stored order, unless it is there (an item has few tags:
    /// no set is built, and tags already in order are compared once each).
    public static func insert(_ tag: String, into tags: inout [String]) {
        if let last = tags.last, last < tag { return tags.append(tag) }
        let index = tags.firstIndex { !($0 < tag) } ?? tags.endIndex
        if index == tags.endIndex || tags[index] != tag { tags.insert(tag, at: index) }
    }

    /// Whether tags are in their stored order (sorted, each once).
    public static func inOrder(_ tags: [String]) -> Bool {
        tags.indices.dropFirst().allSatisfy { tags[$0 - 1] < tags[$0] }
    }
}

/// A tag and how many items carry it, for completing a tag as it is typed.
public struct TagCount: Sendable, Hashable {
    public var tag: String
    public var count: Int

    /// A tag and its count.
    public init(tag: String, count: Int) {
        self.tag = tag
        self.count = count
    }
}
