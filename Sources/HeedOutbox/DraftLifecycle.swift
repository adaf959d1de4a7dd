import Foundation
import HeedCore

/// Where a sent reply went: the platform's id for it and its page, as the `sent` record keeps them.
public struct Delivery: Sendable, Hashable {
    /// The platform's id of the post (a status id, an at:// uri, a comment id); nil when unknown.
    public var remoteID: String?
    /// Its page, when the platform gives or heed can make one.
    public var url: String?
    public var at: Date

    /// A delivery of `remoteID` at `url`, recorded `at`.
    public init(remoteID: String?, url: String?, at: Date) {
        (self.remoteID, self.url, self.at) = (remoteID, url, at)
    }
}

/// Why the last try to send a draft failed (the draft stays pending), as the `failed` record keeps it.
public struct SendFailure: Sendable, Hashable {
    /// The HTTP status the platform answered, when it answered.
    public var status: Int?
    /// The platform's reason, in one line, without secrets.
    public var message: String
    public var at: Date

    /// A failure with the platform's `status` (if any) and `message`, recorded `at`.
    public init(status: Int?, message: String, at: Date) {
        (self.status, self.message, self.at) = (status, message, at)
    }
}

/// The states a draft passes through and the records that move it, in one place, so that every
/// outbox (the file, a team store's table) keeps the same rules:
///
///     draft ─► pending ─► sending ─► sent
///                 ▲  │       │
///                 │  │       └─ failed ─► pending (with the reason; tried again by the next send)
///                 │  ├─► exported (handed to another poster; never sent by heed)
///                 │  └─► discarded
///                 └───── edited (from pending, exported or discarded)
///
/// A draft left `sending` (heed stopped between the request and its answer) may or may not be
/// on the platform: it is checked there, or shown as unknown, and never sent again blindly. A
/// draft once `sending` or `sent` is never made pending again by an edit or a discard: the
/// reply may be public already.
public enum DraftLifecycle {
    /// The draft after one more of its records.
    public static func apply(_ record: OutboxRecord, to draft: inout Draft) {
        let onItsWay = draft.status == .sending || draft.status == .sent
        switch record {
        case .draft(let new):
            draft = new
        case .edited(_, let text, let at):
            guard !onItsWay else { return }
            draft.text = text
            draft.updatedAt = at
            draft.status = .pending
        case .exported(_, _, let at):
            guard !onItsWay else { return }
            draft.status = .exported
            draft.updatedAt = at
        case .discarded(_, let at):
            guard !onItsWay else { return }
            draft.status = .discarded
            draft.updatedAt = at
        case .sending(_, let at):
            guard draft.status != .sent else { return }
            draft.status = .sending
            draft.attempts += 1
            if draft.firstAttempt == nil { draft.firstAttempt = at }
            draft.updatedAt = at
        case .sent(_, let delivery):
            draft.status = .sent
            draft.delivery = delivery
            draft.failure = nil
            draft.updatedAt = delivery.at
        case .failed(_, let failure):
            guard draft.status != .sent else { return }
            draft.status = .pending
            draft.failure = failure
            draft.updatedAt = failure.at
        }
    }

    /// Whether a send may begin to post `draft` now: it is pending, or (when the user said so
    /// after checking the platform) left `sending` by an earlier heed.
    public static func maySend(_ draft: Draft, evenIfUnknown: Bool) -> Bool {
        draft.status == .pending || (evenIfUnknown && draft.status == .sending)
    }

    /// What a user is told of a draft's state in one word: `pending`, `failed` (pending after
    /// a failed try), `sending` (while a heed sends), `unknown` (left sending by a heed that
    /// stopped), `sent`, `exported`, `discarded`.
    public static func word(_ draft: Draft, sendingNow: Bool = false) -> String {
        switch draft.status {
        case .pending: draft.failure == nil ? "pending" : "failed"
        case .sending: sendingNow ? "sending" : "unknown"
        default: draft.status.rawValue
        }
    }

    /// The advice for a draft left sending whose platform cannot be asked.
    public static let unknownAdvice = "unknown — check before sending again"
}
