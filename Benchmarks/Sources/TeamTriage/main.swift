import BenchSupport
import Foundation
import HeedCore
import HeedOutbox
import HeedPostgres
import HeedReplies
import HeedUI

// Ten simulated triagers on one team store for a minute (`swift run -c release TeamTriage
// [seconds] [triagers]` with HEED_BENCH_POSTGRES set). Each works as a person at a queue: a
// store of their own (their own connections and listener), their queue's first page read again
// when the store announces a change (at the app's tick, twice a second), and an action about
// every second on one of the first items of it, as most people take the longest waiting: 60 %
// acknowledge, 30 % reply (draft and answer in one transaction), 10 % assign. Everybody often
// takes the same item; the store must let only the first answer win.
//
// Afterwards: replies that won = drafts in the outbox, no item with two drafts or two answers,
// every acknowledgement that won in the store under its person, and the time from each commit
// to the moment every other triager's queue shows it (p50, p99, max).

let arguments = CommandLine.arguments.dropFirst()
let seconds = arguments.first.flatMap(Double.init) ?? 60
let count = arguments.dropFirst().first.flatMap(Int.init) ?? 10
let size = Fixture.items

/// What all triagers share: commits by change number, and how long each took to reach the others.
final class Ledger: @unchecked Sendable {
    let lock = NSLock()
    var committed: [String: (at: Double, by: String)] = [:]
    var visible: [Double] = []
    var won: [String: [Ref]] = [:]
    var replies: [Ref: String] = [:]
    var doubleReplies = 0
    var lost: [String] = []
    var actions = 0, collisions = 0

    func commit(_ ref: Ref, by person: String, at time: Double) { lock.withLock { committed[ref.description] = (time, person) } }
    func committed(_ ref: String) -> (at: Double, by: String)? { lock.withLock { committed[ref] } }
    func seen(after delay: Double) { lock.withLock { visible.append(delay) } }
}

let ledger = Ledger()
let names = (0..<count).map { "triager\($0)" }
let source = try TeamFixture.storeCopy(size)
let schema = "bench_\(size)_work"
Fixture.note("\(count) triagers for \(Int(seconds)) s on \(try source.summary().waiting) waiting items")
let start = Measures.seconds()
let group = DispatchGroup()
for name in names {
    group.enter()
    Thread {
        defer { group.leave() }
        do { try triage(as: name) } catch { Fixture.note("\(name): \(error)") }
    }.start()
}
group.wait()

/// One triager's minute.
func triage(as person: String) throws {
    let store = try TeamFixture.open(schema: schema, as: person)
    let drafts = TeamDrafts(store: store)
    let heard = Flag()
    store.whenOthersChange { heard.raise() }
    var generator = SystemRandomNumberGenerator()
    var shown = Set(try store.page(.first(50)).map(\.mention.ref.description))
    var nextAction = Measures.seconds() + Double.random(in: 0.2...1.8, using: &generator)
    while Measures.seconds() - start < seconds {
        usleep(20_000)
        let now = Measures.seconds()
        // The app's tick: the first page again when the store announced a change.
        if heard.take() {
            let page = Set(try store.page(.first(50)).map(\.mention.ref.description))
            let refreshed = Measures.seconds()
            for gone in shown.subtracting(page) {
                if let commit = ledger.committed(gone), commit.by != person { ledger.seen(after: refreshed - commit.at) }
            }
            shown = page
        }
        guard now >= nextAction else { continue }
        nextAction = now + Double.random(in: 0.2...1.8, using: &generator)
        let page = try store.page(.first(8))
        guard let item = page.randomElement(using: &generator) else { continue }
        let ref = item.mention.ref
        let roll = Int.random(in: 0..<10, using: &generator)
        ledger.lock.withLock { ledger.actions += 1 }
        if roll < 6 {
            let result = try store.acknowledge([ref], at: Date())
            if result.changed == [ref] {
                ledger.commit(ref, by: person, at: Measures.seconds())
                ledger.lock.withLock { ledger.won[person, default: []].append(ref) }
            } else {
                ledger.lock.withLock { ledger.collisions += 1 }
            }
        } else if roll < 9 {
            let input = ReplyInput(ref: ref, replyTarget: item.mention.replyTarget, author: item.mention.author.handle, text: "\(person) answers")
            if try Replies.save(input, at: Date(), store: store, outbox: drafts) == .done {
                ledger.commit(ref, by: person, at: Measures.seconds())
                ledger.lock.withLock {
                    if ledger.replies[ref] != nil { ledger.doubleReplies += 1 }
                    ledger.replies[ref] = person
                }
            } else {
                ledger.lock.withLock { ledger.collisions += 1 }
            }
        } else {
            try store.assign(.refs([ref]), to: names.randomElement(using: &generator), at: Date())
        }
    }
}

/// Set by the change hook, taken by the tick.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func raise() { lock.withLock { raised = true } }
    func take() -> Bool { lock.withLock { defer { raised = false }; return raised } }
}

// The checks, against the store itself.
let check = try TeamFixture.open(schema: schema, as: "checker")
let outbox = try TeamDrafts(store: check).read()
let pending = outbox.drafts.filter { $0.status == .pending }
var draftsPerItem: [Ref: Int] = [:]
for draft in pending { draftsPerItem[draft.ref, default: 0] += 1 }
var lostAcks = 0
for (person, refs) in ledger.won {
    for ref in refs {
        let item = try check.item(ref)
        if item?.stateBy != person || !(item.map { if case .acknowledged = $0.mention.state { true } else { false } } ?? false) { lostAcks += 1 }
    }
}
let wonReplies = ledger.replies.count
let itemsWithTwoDrafts = draftsPerItem.values.filter { $0 > 1 }.count
let sorted = ledger.visible.sorted()
func percentile(_ fraction: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))] }
print("""
triagers: \(count), seconds: \(Int(seconds)), store: \(size) items
actions: \(ledger.actions), collisions (someone else was first): \(ledger.collisions)
acknowledgements won: \(ledger.won.values.map(\.count).reduce(0, +)), lost: \(lostAcks)
replies won: \(wonReplies), drafts pending: \(pending.count), double replies: \(ledger.doubleReplies + itemsWithTwoDrafts)
changes seen by others: \(sorted.count), p50 \(Int(percentile(0.5) * 1000)) ms, p99 \(Int(percentile(0.99) * 1000)) ms, max \(Int((sorted.last ?? 0) * 1000)) ms
""")
if lostAcks > 0 || ledger.doubleReplies + itemsWithTwoDrafts > 0 || pending.count != wonReplies || percentile(0.99) > 1 { exit(1) }
