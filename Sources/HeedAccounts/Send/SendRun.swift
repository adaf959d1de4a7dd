import Foundation
import HeedConfig
import HeedCore
import HeedOutbox

/// What sending one account's drafts came to: each draft's fate, and the account's own
/// failure (a secret that cannot be read, a sign-in refused) when it stopped.
public struct SendOutcome: Sendable {
    /// What became of one draft.
    public enum Fate: Sendable, Equatable {
        case sent(Delivery)
        /// Refused or not reached: it stays pending with this reason.
        case failed(String)
        /// It may or may not be on the platform: left sending, with what to do.
        case unknown(String)
        /// Another heed changed it meanwhile; left alone.
        case skipped
    }

    /// The account as heed names it (`mastodon you@example.social`).
    public var account: String
    public var fates: [(draft: Draft, fate: Fate)] = []
    /// Why the account stopped (its other drafts were not tried), if it did.
    public var failure: String?
    public var notTried = 0

    /// How many drafts came to `sent`, `failed` or `unknown`.
    public var sent: Int { fates.filter { if case .sent = $0.fate { true } else { false } }.count }
    public var failed: Int { fates.filter { if case .failed = $0.fate { true } else { false } }.count }
    public var unknown: Int { fates.filter { if case .unknown = $0.fate { true } else { false } }.count }

    /// The summary line: `mastodon you@example.social: sent N, failed N, unknown N`, then what
    /// was not tried and why the account stopped.
    public var line: String {
        var line = "\(account): sent \(sent), failed \(failed), unknown \(unknown)"
        if notTried > 0 { line += ", not tried \(notTried)" }
        return failure.map { "\(line); failed: \($0)" } ?? line
    }
}

/// Sends drafts account by account, each exactly once: a `sending` record (synced) before each
/// request, then `sent` with where it went or `failed` with the platform's reason. A draft an
/// earlier try may have posted is looked for on the platform first; one whose fate cannot be
/// told stays `sending` and is never posted again without the user's word. Everything it says
/// is redacted. Run it as the ledger's only sender (`SendLedger.asOnlySender`).
public final class SendRun {
    private let ledger: any SendLedger
    private let options: FetchOptions
    public let redactor = Redactor()
    private let told: @Sendable (String) -> Void
    private let progress: @Sendable (String) -> Void

    /// How far before a first try a post found on the platform still counts as the draft's
    /// (clocks differ).
    static let slack: TimeInterval = 600

    /// A run over `ledger`; `told` hears each line to say on the way (rate-limit waits),
    /// `progress` each draft as it goes, both redacted.
    public init(ledger: any SendLedger, options: FetchOptions, progress: @escaping @Sendable (String) -> Void = { _ in },
                told: @escaping @Sendable (String) -> Void = { _ in }) {
        self.ledger = ledger
        self.options = options
        self.progress = progress
        self.told = told
    }

    /// Sends every batch of the plan in turn.
    public func run(_ plan: SendPlan) -> [SendOutcome] {
        plan.batches.map(send)
    }

    /// Sends one account's drafts; never throws: what failed is in the outcome.
    public func send(_ batch: SendPlan.Batch) -> SendOutcome {
        let account = batch.account
        var outcome = SendOutcome(account: account.label)
        guard let platform = account.platform, let poster = Posters.poster(for: platform) else {
            outcome.failure = "heed cannot post to \(account.platform?.rawValue ?? "a command")"
            outcome.notTried = batch.jobs.count
            return outcome
        }
        let session = makeSession(account)
        for (index, job) in batch.jobs.enumerated() {
            progress(redactor.clean("Sending \(job.draft.id) to \(account.label)…"))
            do {
                outcome.fates.append((job.draft, try process(job, poster, session)))
            } catch let stop as Stop {
                if let fate = stop.fate { outcome.fates.append((job.draft, fate)) }
                outcome.failure = explain(stop.error)
                outcome.notTried = batch.jobs.count - index - (stop.fate == nil ? 0 : 1)
                break
            } catch {
                outcome.failure = explain(error)
                outcome.notTried = batch.jobs.count - index
                break
            }
        }
        return outcome
    }

    /// What stops an account: the others would fail the same way. `fate` is the draft's, when
    /// it was recorded before the account stopped.
    private struct Stop: Error {
        var fate: SendOutcome.Fate?
        var error: any Error
    }

    private func makeSession(_ account: AccountConfig) -> SendSession {
        SendSession(account: account, http: options.client(for: account, redactor: redactor, told: told), secrets: options.secrets(redactor: redactor),
                    dataFolder: options.dataFolder, clock: options.clock)
    }

    /// One draft: looked for first when an earlier try may have posted it, then posted once.
    /// Throws only what stops the whole account: a `Stop` (a secret, a sign-in, a rate limit),
    /// or the outbox failing.
    private func process(_ job: SendJob, _ poster: any Poster, _ session: SendSession) throws -> SendOutcome.Fate {
        let draft = job.draft
        if job.step == .checkFirst {
            let since = (draft.firstAttempt ?? draft.createdAt).addingTimeInterval(-Self.slack)
            do {
                if case .posted(let delivery)? = try poster.check(draft, since: since, session) {
                    return try record(.sent(draft: draft.id, delivery), for: draft) ? .sent(delivery) : .skipped
                }
            } catch {
                if stopsAccount(error) { throw Stop(fate: nil, error: error) }
                let reason = "could not look on \(poster.platform.rawValue) for an earlier try: \(explain(error))"
                return draft.status == .sending ? .unknown(reason) : try fail(draft, SendFailure(status: (error as? HTTPFailure)?.status, message: reason, at: now()))
            }
        }
        let at = now()
        guard try record(.sending(draft: draft.id, at: at), for: draft) else { return .skipped }
        var sending = draft
        DraftLifecycle.apply(.sending(draft: draft.id, at: at), to: &sending)
        do {
            let delivery = try poster.post(draft, at: at, session)
            return try record(.sent(draft: draft.id, delivery), for: sending) ? .sent(delivery) : .skipped
        } catch let failure as HTTPFailure where failure.mayHaveArrived {
            // The request may have arrived: posted only if the platform shows it.
            let said = explain(failure)
            guard poster.canCheck else { return .unknown("\(said); \(DraftLifecycle.unknownAdvice)") }
            switch try? poster.check(draft, since: at.addingTimeInterval(-Self.slack), session) {
            case .posted(let delivery)?: return try record(.sent(draft: draft.id, delivery), for: sending) ? .sent(delivery) : .skipped
            case .notPosted?: return try fail(sending, SendFailure(status: failure.status, message: said, at: now()))
            case nil: return .unknown("\(said); could not look on \(poster.platform.rawValue) for it: \(DraftLifecycle.unknownAdvice)")
            }
        } catch {
            let fate = try fail(sending, SendFailure(status: (error as? HTTPFailure)?.status, message: explain(error), at: now()))
            if stopsAccount(error) { throw Stop(fate: fate, error: error) }
            return fate
        }
    }

    /// Appends a record if the draft is still as it was read (no other heed moved it).
    private func record(_ record: OutboxRecord, for draft: Draft) throws -> Bool {
        try ledger.append(record, ifStill: { $0.status == draft.status && $0.attempts == draft.attempts })
    }

    /// Records a failure: the draft stays pending with the reason.
    private func fail(_ draft: Draft, _ failure: SendFailure) throws -> SendOutcome.Fate {
        try record(.failed(draft: draft.id, failure), for: draft) ? .failed(failure.message) : .skipped
    }

    /// Whether a failure is the account's, not the draft's: the others would fail the same way.
    private func stopsAccount(_ error: any Error) -> Bool {
        guard let failure = error as? HTTPFailure else { return error is SecretFailure }
        switch failure.reason {
        case .status(401), .status(403), .rateLimited, .insecure, .unreached: return true
        default: return false
        }
    }

    private func now() -> Date { options.clock.now() }

    /// An error in one line without any secret; a 404 names the platform's reason, since what a
    /// reply answers may have been deleted.
    func explain(_ error: any Error) -> String {
        if let failure = error as? HTTPFailure, failure.status == 404 {
            let said = failure.detail.isEmpty ? "" : ": \(failure.detail)"
            return redactor.clean("not found (404\(said)) at \(failure.url): what it answers may be deleted, or server = is wrong")
        }
        return redactor.clean("\(error)")
    }
}
