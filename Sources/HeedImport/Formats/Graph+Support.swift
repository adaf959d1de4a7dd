import Foundation
import HeedCore

/// What the Graph-family readers (Facebook, Instagram, LinkedIn, GitHub, Flickr, FriendFeed)
/// share: turning one record into events without throwing, advice collected once per page,
/// and the small text and time rules every one of them follows.
enum GraphSupport {
    /// The events of one record, or the reason it is malformed (thrown inside, caught here).
    static func events(
        _ context: ReadContext, at position: String, _ body: () throws -> [ImportEvent]
    ) -> [ImportEvent] {
        context.events(at: position, body)
    }

    /// A record that is not what heed expected, with the reason.
    static func problem(_ reason: String) -> JSONProblem { JSONProblem(reason: reason) }

    /// Text as heed stores it: plain, without the blank space platforms leave around it.
    static func plain(_ text: String) -> String {
        text.trimmed()
    }

    /// HTML that also uses raw newlines as line breaks (Flickr): the newlines survive the HTML
    /// parser, which would otherwise fold them into spaces, and blank lines stay blank.
    static func htmlKeepingNewlines(_ html: String) -> String {
        let unified = html.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        guard unified.contains("\n") else { return plain(HTMLText.plain(unified)) }
        let marker = (0xE000...0xE0FF).lazy.compactMap(Unicode.Scalar.init).map(String.init)
            .first { !unified.contains($0) } ?? "\u{E000}"
        let converted = HTMLText.plain(unified.replacingOccurrences(of: "\n", with: marker))
        let lines = converted.replacingOccurrences(of: marker, with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var kept: [String] = []
        for line in lines where !(line.isEmpty && kept.last?.isEmpty == true) {
            kept.append(line)  // at most one blank line in a row, as a paragraph break
        }
        return plain(kept.joined(separator: "\n"))
    }

    /// A Graph time: ISO 8601 (`+0000` included), or epoch seconds when the caller asked
    /// for `date_format=U`.
    static func graphTime(_ value: JSON?) -> Date? {
        switch value {
        case .string?: Times.iso(value) ?? Times.epoch(value)
        case .integer?, .number?: Times.epoch(value)
        default: nil
        }
    }

    /// Whether an object has every one of these keys (with any value but null).
    static func has(_ json: JSON?, _ keys: String...) -> Bool {
        guard let object = json?.object else { return false }
        return keys.allSatisfy { key in object[key].map { !$0.isNull } ?? false }
    }

    /// A record's position in a list: `data[3]`.
    static func place(_ list: String, _ index: Int) -> String { "\(list)[\(index)]" }

    /// The comments of a Graph page, each turned into events by `comment` (given the record,
    /// its position and the page's advice): every item of `data` (a `data` that is not a list is
    /// rejected), else every entry of the `?ids=` form `batch` finds, else the page as one
    /// comment; then the advice the page earned, each note once.
    static func readComments(
        _ page: JSON, context: ReadContext, batch: (JSON) -> [(String, JSON)]?, emit: (ImportEvent) throws -> Void,
        comment: (JSON, String, inout PageAdvice) -> [ImportEvent]
    ) rethrows {
        var advice = PageAdvice()
        if let data = page["data"] {
            guard let items = data.array else {
                try emit(context.rejected("data", "'data' must be a list of comments"))
                return
            }
            for (index, item) in items.enumerated() {
                for event in comment(item, place("data", index), &advice) { try emit(event) }
            }
        } else if let entries = batch(page) {
            for (key, item) in entries {
                for event in comment(item, key, &advice) { try emit(event) }
            }
        } else {
            for event in comment(page, "comment", &advice) { try emit(event) }
        }
        try advice.emit(emit)
    }
}

/// The advice a page earned, each note once, in the order first needed.
struct PageAdvice {
    private(set) var notes: [String] = []

    /// Notes the advice unless this page has noted it already.
    mutating func add(_ note: String) {
        if !notes.contains(note) { notes.append(note) }
    }

    /// Emits every note collected, after the records of the page.
    func emit(_ emit: (ImportEvent) throws -> Void) rethrows {
        for note in notes { try emit(.advice(note)) }
    }
}
