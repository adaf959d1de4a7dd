import Foundation
import HeedConfig
import HeedCore
import HeedOutbox

/// One draft a send acts on, and how.
public struct SendJob: Sendable, Equatable {
    /// What the send does with the draft.
    public enum Step: Sendable, Equatable {
        /// Post it: it is pending, and no earlier try can have posted it.
        case post
        /// An earlier try may have posted it: look on the platform, and post only if it is not there.
        case checkFirst
        /// Post it although an earlier heed may have: the user looked and said so (`--retry-unknown`).
        case retry
    }

    public var draft: Draft
    public var step: Step
}

/// What a send will do: the drafts each account posts, those left pending with the reason,
/// and those an earlier heed left sending that no platform can tell about.
public struct SendPlan: Sendable {
    /// An account and the drafts it sends, oldest first.
    public struct Batch: Sendable {
        public var account: AccountConfig
        public var jobs: [SendJob]
    }

    public var batches: [Batch] = []
    /// Pending drafts this send leaves pending, and why (as `heed export` says it).
    public var left: [ExportFormat.Refusal] = []
    /// Drafts left sending whose platform cannot be asked: the user checks and decides.
    public var unknown: [Draft] = []

    /// How many drafts the send will act on.
    public var count: Int { batches.reduce(0) { $0 + $1.jobs.count } }

    /// The plan for `drafts` with `accounts` (those the user chose), only `platform`'s when
    /// given; `retryUnknown` names drafts left sending that the user wants posted again.
    public static func make(_ drafts: [Draft], accounts: [AccountConfig], platform: Platform? = nil, retryUnknown: Set<String> = []) -> SendPlan {
        var plan = SendPlan()
        var jobs: [String: [SendJob]] = [:]
        for draft in drafts where platform == nil || draft.ref.platform == platform {
            let poster = Posters.poster(for: draft.ref.platform)
            let step: SendJob.Step
            switch draft.status {
            case .pending: step = draft.attempts > 0 && poster?.canCheck == true ? .checkFirst : .post
            case .sending where retryUnknown.contains(draft.id): step = .retry
            case .sending where poster?.canCheck == true: step = .checkFirst
            case .sending:
                plan.unknown.append(draft)
                continue
            default: continue
            }
            switch account(for: draft, among: accounts) {
            case .failure(let reason):
                if draft.status == .sending { plan.unknown.append(draft) } else { plan.left.append(ExportFormat.Refusal(draft: draft, reason: reason.reason)) }
            case .success(let account):
                jobs[account.label, default: []].append(SendJob(draft: draft, step: step))
            }
        }
        for account in accounts {
            if let batch = jobs[account.label] { plan.batches.append(Batch(account: account, jobs: batch)) }
        }
        return plan
    }

    /// Why none of `accounts` can send `draft`, or nil when one can.
    public static func reason(_ draft: Draft, among accounts: [AccountConfig]) -> String? {
        if case .failure(let problem) = account(for: draft, among: accounts) { return problem.reason }
        return nil
    }

    /// The account that sends `draft`, or why none can.
    static func account(for draft: Draft, among accounts: [AccountConfig]) -> Result<AccountConfig, NotPostable> {
        let platform = draft.ref.platform
        if case .failure(let problem) = PostRequest.make(for: draft) { return .failure(problem) }
        if let reason = Posters.unsupported(platform) { return .failure(NotPostable(reason)) }
        let matching = accounts.filter { $0.platform == platform && $0.command == nil }
        guard let account = matching.first else {
            return .failure(NotPostable("no \(platform.rawValue) account in config.toml to send with (the README's Accounts says how to add one)"))
        }
        guard matching.count == 1 else {
            let names = matching.map { $0.name ?? "\(platform.rawValue):\($0.handle ?? "")" }
            return .failure(NotPostable("several \(platform.rawValue) accounts in config.toml: name the one to send with, heed send --account \(names.joined(separator: " or "))"))
        }
        return .success(account)
    }
}
