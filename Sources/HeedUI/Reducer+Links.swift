import Foundation
import HeedCore

/// The item's link and ref outside heed: `O` opens the link in the browser, `y` copies it and
/// `Y` copies the ref, each said on the status line with the way it went.
extension Reducer {
    /// Why the selected item's link cannot be opened or copied, or nil.
    static func linkReason(_ state: AppState) -> String? {
        guard let item = state.queue.selected else { return state.queue.count == 0 ? "Nothing in this view" : "Still loading" }
        guard let url = item.mention.url, !url.isEmpty else { return "This item has no link" }
        return webLink(url) == nil ? "This item's link is not a web address (http or https)" : nil
    }

    /// The link when it is an http or https address heed may hand to another program: a
    /// scheme it names, no blank or control character in it (so it cannot read as an option).
    static func webLink(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }) else { return nil }
        return url
    }

    /// `O`, `y`, `Y` on the selected item.
    static func linkCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard let item = state.queue.selected else { return [] }
        switch command {
        case .openLink:
            guard let url = item.mention.url.flatMap(webLink) else { return [] }
            return [.openLink(url)]
        case .copyLink:
            guard let url = item.mention.url.flatMap(webLink) else { return [] }
            return [.copy(url, what: "the link")]
        case .copyRef:
            return [.copy(item.mention.ref.description, what: "the ref \(item.mention.ref)")]
        default:
            return []
        }
    }

    /// What came of opening or copying, on the status line.
    static func linkAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .linkOpened(let url, let problem):
            state.status = problem.map { .init(text: "The link was not opened: \($0)", isError: true) }
                ?? .init(text: "Opened \(url) in the browser", isError: false)
        case .copied(let what, let how, let problem):
            if let problem {
                state.status = .init(text: "Could not copy \(what): \(problem)", isError: true)
            } else {
                state.status = .init(text: "Copied \(what)\(how.map { " (\($0))" } ?? "")", isError: false)
            }
        default:
            break
        }
        return []
    }
}
