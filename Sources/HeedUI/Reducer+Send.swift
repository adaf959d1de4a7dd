import Foundation
import HeedCore

extension Reducer {
    /// Why the outbox's selected draft cannot be posted now, or nil.
    @Sendable static func sendDraftReason(_ state: AppState) -> String? {
        guard case .outbox(let screen) = state.mode, let row = screen.current else { return "No draft selected" }
        if let sending = state.sending { return "Sending already: \(sending)" }
        switch row.status {
        case "pending": break
        case "sent": return "This draft was sent already\(row.link.map { ": \($0)" } ?? "")"
        case "sending": return "A heed stopped while posting this draft: check the platform, then heed send --retry-unknown \(row.id) or --mark-sent \(row.id)"
        case "exported": return "This draft was exported for another poster; heed does not post it too"
        default: return "This draft was \(row.status); only pending drafts are sent"
        }
        return row.unsendable
    }

    /// The question before a draft is posted: y posts it (after the frame that says so), n keeps it.
    static func sendQuestionKey(_ state: inout AppState, _ command: Command?) -> [Effect] {
        guard case .outbox(var screen) = state.mode else { return [] }
        switch command {
        case .yes:
            screen.confirmingSend = false
            state.mode = .outbox(screen)
            guard let row = screen.current else { return [] }
            state.status = nil
            state.sending = "Sending to \(row.ref.platform.label)…"
            return [.startSend(draft: row.id)]
        case .no:
            screen.confirmingSend = false
            state.mode = .outbox(screen)
            state.status = .init(text: "Kept in the outbox", isError: false)
        default:
            break
        }
        return []
    }

    /// What the send service said (progress, the result, why it could not start), and where a
    /// replied item's answer went.
    static func sendAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .sendReported(let report) where !report.finished:
            state.sending = report.line
            return []
        case .sendReported(let report):
            state.sending = nil
            state.delivery = nil
            state.status = .init(text: report.line, isError: report.failed)
            if case .outbox = state.mode { return [.loadDrafts] }
            return []
        case .sendRefused(let reason):
            state.sending = nil
            state.status = .init(text: reason, isError: true)
            return []
        case .deliveryLoaded(let ref, let text):
            if state.delivery?.ref == ref { state.delivery?.text = text }
            return []
        default:
            return []
        }
    }
}
