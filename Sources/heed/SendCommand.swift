import ArgumentParser
import Foundation
import HeedAccounts
import HeedConfig
import HeedCore
import HeedOutbox

/// `heed send`: posts pending drafts through the accounts in config.toml, each exactly once,
/// and records where each went (or why not) in the outbox.
struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Post pending drafts through the accounts in config.toml, each once.",
        discussion: """
            Each pending draft is posted, as heed export --format requests writes it, by the account of its \
            platform: the outbox gets a sending record before the request, then sent (with the post's id and link) \
            or failed (with the platform's reason; the draft stays pending). A draft a stopped heed left sending is \
            looked for on the platform (Mastodon, Bluesky, GitHub) and never posted twice; elsewhere it is shown as \
            unknown until you check and say --retry-unknown or --mark-sent. Prints one line per account: \
            PLATFORM HANDLE: sent N, failed N, unknown N. On a terminal it lists the drafts and asks first; \
            elsewhere it needs --yes. Exit 1 when a draft failed or is unknown.
            """
    )

    @OptionGroup var paths: PathOptions

    @Option(help: ArgumentHelp("Only drafts for this platform.", valueName: "platform"))
    var platform: Platform?

    @Option(name: .customLong("account"), help: ArgumentHelp("Send with this account only (a name, or platform:handle); repeatable.", valueName: "account"))
    var accounts: [String] = []

    @Flag(help: "Print the requests (credentials masked); send nothing, change nothing.")
    var dryRun = false

    @Flag(help: "Post without asking.")
    var yes = false

    @Option(name: .customLong("retry-unknown"), help: ArgumentHelp("Post this draft although a stopped heed may have posted it (you checked: it is not there).", valueName: "draft"))
    var retryUnknown: [String] = []

    @Option(name: .customLong("mark-sent"), help: ArgumentHelp("Record this draft as sent (you checked: it is there).", valueName: "draft"))
    var markSent: [String] = []

    func run() throws {
        let config = loadConfig(paths)
        let chosen = try Fetch.choose(accounts, from: config.accounts)
        let outbox = try sendLedger(paths)
        if dryRun {
            let plan = SendPlan.make(try readDrafts(outbox, console: Console()).drafts, accounts: chosen, platform: platform, retryUnknown: Set(retryUnknown))
            for line in SendPreview.lines(plan, at: Date()) { try Console().out(line) }
            SendReport.left(plan)
            if plan.count == 0 { Console().err("nothing to send") }
            return
        }
        guard yes || (isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1) else {
            throw HeedExit.usage("heed send asks before it posts, and there is no terminal to ask on: add --yes to post without asking (--dry-run shows what it would post)")
        }
        let failed: Bool
        do {
            failed = try outbox.asOnlySender { try send(outbox, config: config, accounts: chosen) }
        } catch let exit as HeedExit {
            throw exit
        } catch {
            throw HeedExit.failure("\(error)")
        }
        if failed { throw HeedExit(message: "", code: 1) }
    }

    /// Plans and sends as the outbox's only sender; whether anything failed or is unknown.
    private func send(_ outbox: any DraftBox & SendLedger, config: Config, accounts: [AccountConfig]) throws -> Bool {
        try mark(outbox)
        let contents = try outbox.read()
        for problem in contents.problems { Console().err("outbox \(outbox.name) \(problem)") }
        let plan = SendPlan.make(contents.drafts, accounts: accounts, platform: platform, retryUnknown: Set(retryUnknown))
        SendReport.left(plan)
        guard plan.count > 0 else {
            Console().err("nothing to send")
            return !plan.unknown.isEmpty
        }
        if !yes, !SendReport.ask(plan) {
            Console().err("nothing sent")
            return false
        }
        let run = SendRun(ledger: outbox, options: FetchOptions.live(config), told: { Console().err(Fetch.clean($0)) })
        var failed = !plan.unknown.isEmpty
        for batch in plan.batches {
            let outcome = run.send(batch)
            try SendReport.outcome(outcome)
            failed = failed || outcome.failed + outcome.unknown > 0 || outcome.failure != nil
        }
        return failed
    }

    /// `--mark-sent`: drafts the user found on the platform are recorded sent.
    private func mark(_ outbox: any DraftBox & SendLedger) throws {
        for id in markSent {
            let record = OutboxRecord.sent(draft: id, Delivery(remoteID: nil, url: nil, at: Date()))
            guard try outbox.append(record, ifStill: { DraftLifecycle.maySend($0, evenIfUnknown: true) }) else {
                throw HeedExit.usage("--mark-sent \(id): no pending or unknown draft \(id) in the outbox")
            }
            Console().err("draft \(id) recorded as sent")
        }
    }
}

/// What `heed send` says: drafts left pending and why, the question before posting, and each
/// account's summary with its failures. Every line from a platform or a draft is cleaned.
enum SendReport {
    /// The drafts the send leaves, each with its reason, on standard error.
    static func left(_ plan: SendPlan) {
        for refusal in plan.left {
            Console().err(Fetch.clean("not sent: draft \(refusal.draft.id) (\(refusal.draft.ref)): \(refusal.reason)"))
        }
        for draft in plan.unknown {
            Console().err(Fetch.clean("unknown: draft \(draft.id) (\(draft.ref)): a heed stopped while posting it; \(DraftLifecycle.unknownAdvice), "
                                          + "then heed send --retry-unknown \(draft.id) (it is not there) or --mark-sent \(draft.id) (it is)"))
        }
    }

    /// Lists what will be posted and asks; true on yes.
    static func ask(_ plan: SendPlan) -> Bool {
        StandardError.write("heed will post \(plan.count) repl\(plan.count == 1 ? "y" : "ies"):\n")
        for batch in plan.batches {
            for job in batch.jobs {
                let text = job.draft.text.count > 60 ? String(job.draft.text.prefix(60)) + "…" : job.draft.text
                let to = job.draft.author.map { "@" + $0.drop { $0 == "@" } + " " } ?? ""
                StandardError.write(Fetch.clean("  \(batch.account.label) → \(to)(\(job.draft.ref)): \(text)") + "\n")
            }
        }
        StandardError.write("Post \(plan.count == 1 ? "it" : "them")? [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }

    /// One account's summary on standard output, its failures and unknowns on standard error.
    static func outcome(_ outcome: SendOutcome) throws {
        try Console().out(Fetch.clean(outcome.line))
        for (draft, fate) in outcome.fates {
            switch fate {
            case .failed(let reason): Console().err(Fetch.clean("\(outcome.account): draft \(draft.id) (\(draft.ref)) failed: \(reason)"))
            case .unknown(let reason): Console().err(Fetch.clean("\(outcome.account): draft \(draft.id) (\(draft.ref)): \(reason)"))
            case .skipped: Console().err(Fetch.clean("\(outcome.account): draft \(draft.id) changed meanwhile; left as it is"))
            case .sent(let delivery):
                Console().err(Fetch.clean("\(outcome.account): draft \(draft.id) (\(draft.ref)) sent\(delivery.url.map { ": \($0)" } ?? "")"))
            }
        }
    }
}

/// The drafts `heed send` posts: the outbox file, or a team store's drafts.
func sendLedger(_ paths: PathOptions) throws -> any DraftBox & SendLedger {
    let drafts = try draftBox(paths)
    guard let ledger = drafts as? any DraftBox & SendLedger else { throw HeedExit.failure("the drafts of \(drafts.name) cannot be sent from") }
    return ledger
}
