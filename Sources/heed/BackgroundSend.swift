import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import HeedOutbox
import HeedUI

/// Posts one draft on a thread of its own while the queue is open (`s` on the outbox screen),
/// as `heed send` would: the outbox's only sender while it works, the draft planned again under
/// that lock, a `sending` record before the request. The loop asks how it goes on its tick.
final class BackgroundSend: @unchecked Sendable {
    private let outbox: any SendLedger
    private let config: Config
    private let options: FetchOptions
    private let work = BackgroundWork(label: "heed send")

    init(outbox: any SendLedger, config: Config, options: FetchOptions) {
        self.outbox = outbox
        self.config = config
        self.options = options
    }

    /// Starts posting draft `id`: nil once started, else why it cannot be.
    func start(_ id: String) -> String? {
        guard let draft = try? outbox.drafts().first(where: { $0.id == id }) else { return "No draft \(id) in the outbox" }
        let plan = SendPlan.make([draft], accounts: config.accounts)
        if let reason = plan.left.first?.reason ?? plan.unknown.first.map({ _ in DraftLifecycle.unknownAdvice }) { return "Not sent: \(reason)" }
        guard plan.count > 0 else { return "This draft is not pending" }
        return work.start(saying: "Sending to \(draft.ref.platform.label)…") { self.send(id) } ? nil : "Sending already"
    }

    /// The progress while it runs, then its result once.
    func report() -> FetchReport? { work.report() }

    private func send(_ id: String) -> FetchReport {
        let work = work
        do {
            return try outbox.asOnlySender {
                guard let draft = try outbox.drafts().first(where: { $0.id == id }) else { return FetchReport(line: "No draft \(id) in the outbox", finished: true, failed: true) }
                let plan = SendPlan.make([draft], accounts: config.accounts)
                guard let batch = plan.batches.first else { return FetchReport(line: "Not sent: the draft changed meanwhile", finished: true, failed: true) }
                let run = SendRun(ledger: outbox, options: options, progress: { work.say($0) }, told: { work.say($0) })
                return Self.report(run.send(batch))
            }
        } catch {
            return FetchReport(line: "Not sent: \(error)", finished: true, failed: true)
        }
    }

    /// The status row's line for one draft's outcome.
    static func report(_ outcome: SendOutcome) -> FetchReport {
        if let failure = outcome.failure, outcome.fates.isEmpty { return FetchReport(line: "Not sent: \(outcome.account): \(failure)", finished: true, failed: true) }
        switch outcome.fates.first?.fate {
        case .sent(let delivery)?: return FetchReport(line: "Sent with \(outcome.account)\(delivery.url.map { ": \($0)" } ?? "")", finished: true, changed: true)
        case .failed(let reason)?: return FetchReport(line: "Not sent, still pending: \(reason)", finished: true, failed: true)
        case .unknown(let reason)?: return FetchReport(line: "Unknown: \(reason)", finished: true, failed: true)
        case .skipped?, nil: return FetchReport(line: "Not sent: the draft changed meanwhile", finished: true, failed: true)
        }
    }
}

/// The outbox's drafts by id, read again only when the file changed (its size or time; a team
/// store's drafts at most once a second), so that the detail pane can say where each replied
/// item's answer went as the cursor moves.
final class DeliveryIndex: @unchecked Sendable {
    private let outbox: any DraftBox
    private let lock = NSLock()
    private var stamp: (Int64, Int) = (-1, -1)
    private var readAt = Date.distantPast
    private var drafts: [String: Draft] = [:]

    init(outbox: any DraftBox) { self.outbox = outbox }

    /// Where draft `id` went, in a line beginning `sent` once it was; nil for no such draft.
    func line(for id: String) -> String? {
        guard let draft = lock.withLock({ () -> Draft? in
            refresh()
            return drafts[id]
        }) else { return nil }
        switch draft.status {
        case .sent: return "sent \(Timestamp.display(draft.delivery?.at ?? draft.updatedAt)): \(draft.delivery?.url ?? "(no link)")"
        case .sending: return "reply: a heed stopped while posting it; \(DraftLifecycle.unknownAdvice)"
        case .exported: return "reply exported for another poster"
        case .discarded: return nil
        case .pending:
            guard let failure = draft.failure else { return "reply in the outbox, not sent yet (o, then s sends it)" }
            return "reply not sent: the last try failed: " + (failure.status.map { "\($0): " } ?? "") + failure.message
        }
    }

    private func refresh() {
        guard let file = outbox as? Outbox else {
            guard Date().timeIntervalSince(readAt) >= 1, let read = try? outbox.read().drafts else { return }
            readAt = Date()
            drafts = Dictionary(read.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
            return
        }
        var info = stat()
        guard stat(file.path, &info) == 0 else { return }
        let now = (Int64(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
        guard now != stamp, let read = try? file.drafts() else { return }
        stamp = now
        drafts = Dictionary(read.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }
}
