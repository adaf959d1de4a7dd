import Foundation
import HeedCore

/// A fetch running in the background while the queue is open: started by `F` (its progress
/// on the status row) or by `[fetch] every` (quiet until it has news or fails).
public struct FetchState: Sendable, Equatable {
    /// What the status row says of it while no other message is shown.
    public var line: String
    /// Whether `[fetch] every` started it (nothing said unless something came of it).
    public var background: Bool

    /// A fetch saying `line`, started by `F` or (`background`) by `[fetch] every`.
    public init(line: String, background: Bool) {
        self.line = line
        self.background = background
    }
}

/// How a fetch is going, as the service tells it: its progress, or its result once done.
public struct FetchReport: Sendable, Equatable {
    /// The progress line, or the result line once finished.
    public var line: String
    public var finished: Bool
    /// Whether an account failed (the result line names it).
    public var failed: Bool
    /// Whether the store changed (items came in, or were answered elsewhere).
    public var changed: Bool

    /// A report: progress, or (`finished`) the result.
    public init(line: String, finished: Bool, failed: Bool = false, changed: Bool = false) {
        self.line = line
        self.finished = finished
        self.failed = failed
        self.changed = changed
    }
}

extension Reducer {
    /// Why `F` cannot fetch now, or nil.
    @Sendable static func fetchReason(_ state: AppState) -> String? {
        if state.settings.accounts == 0 { return "No accounts to fetch from: add [[accounts]] to config.toml (see the README's Accounts)" }
        if let fetch = state.fetch, !fetch.background { return "Fetching already: \(fetch.line)" }
        return nil
    }

    /// `F`: a fetch of every account now; one already running in the background is shown instead.
    static func fetchCommand(_ state: inout AppState) -> [Effect] {
        if state.fetch != nil {
            state.fetch?.background = false
            return []
        }
        state.fetch = FetchState(line: "Fetching…", background: false)
        return [.startFetch]
    }

    /// On each tick: how a running fetch goes, or the next `[fetch] every` when it is due.
    static func fetchTick(_ state: inout AppState) -> [Effect] {
        if state.fetch != nil { return [.pollFetch] }
        guard let every = state.settings.fetchEvery, state.settings.accounts > 0 else { return [] }
        if let last = state.lastFetch, state.now.timeIntervalSince(last) < every { return [] }
        state.fetch = FetchState(line: "Fetching in the background…", background: true)
        return [.startFetch]
    }

    /// What the fetch service said: progress, the result, or why it could not start.
    static func fetchAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .fetchReported(let report) where !report.finished:
            state.fetch?.line = report.line
            return []
        case .fetchReported(let report):
            let quiet = state.fetch?.background ?? true
            state.fetch = nil
            state.lastFetch = state.now
            if !quiet || report.failed || report.changed { state.status = .init(text: report.line, isError: report.failed) }
            return report.changed ? refresh(&state) : []
        case .fetchRefused(let reason):
            let quiet = state.fetch?.background ?? true
            state.fetch = nil
            state.lastFetch = state.now
            if !quiet { state.status = .init(text: reason, isError: true) }
            return []
        default:
            return []
        }
    }
}
