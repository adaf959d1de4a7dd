import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedStore
import HeedUI

/// Due terms, tags and ranking by priority on the store of `Fixture.items` items imported
/// through twenty rules (`Ruled`): each search is what the screen asks when the search line
/// changes (the summary, then the first page), as in `searchAndStatsBenchmarks`.
func targetsBenchmarks(_ configuration: Benchmark.Configuration) {
    let size = Fixture.items
    let searches: [(String, String, ResponseTargets)] = [
        ("past their target", "is:breached", Ruled.targets),
        ("past their target in business hours", "is:breached", Ruled.businessTargets),
        ("less than an hour left", "due<1h", Ruled.targets),
        ("more than two hours left", "due>2h", Ruled.targets),
        ("late Mastodon DMs", "is:breached platform:mastodon kind:dm", Ruled.targets),
        ("a tag on 2% of the items", "tag:press", Ruled.targets),
        ("a tag on a quarter of the items", "tag:followup", Ruled.targets),
        ("a tag and past the target", "tag:press is:breached", Ruled.targets),
        ("a rare tag", "tag:vip", Ruled.targets),
    ]
    for (name, line, targets) in searches {
        Benchmark("targets \(size): \(name) (\(line))", configuration: configuration) { benchmark, store in
            let query = try QueryParser.parse(line)
            store.configure(targets: targets, rank: .wait)
            for _ in benchmark.scaledIterations {
                let now = Date()
                blackHole(try store.summary(query, now: now))
                blackHole(try store.page(query, .first(QueueState.pageSize), now: now))
                store.forgetCachedQueries()
            }
        } setup: {
            try Ruled.store(size)
        }
    }

    Benchmark("targets \(size): exact count past their target", configuration: configuration) { _, store in
        store.configure(targets: Ruled.targets, rank: .wait)
        blackHole(try store.exactCount(try QueryParser.parse("is:breached"), now: Date()))
    } setup: {
        try Ruled.store(size)
    }

    for (name, request) in [("first page", { (_: QueueItem) in PageRequest.first(QueueState.pageSize) }),
                            ("page after the middle item", { PageRequest.after($0.key, QueueState.pageSize) }),
                            ("page before the middle item", { PageRequest.before($0.key, QueueState.pageSize) }),
                            ("last page", { (_: QueueItem) in PageRequest.last(QueueState.pageSize) })] {
        Benchmark("priority \(size): \(name)", configuration: configuration) { _, ranked in
            blackHole(try ranked.store.page(.queue, request(ranked.middle), now: Date()))
        } setup: {
            try PriorityStore()
        }
    }

    Benchmark("priority \(size): rank(of:) the middle item", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.rank(of: ranked.middle.key, in: .queue, now: Date()))
    } setup: {
        try PriorityStore()
    }
}

/// The ruled store ranked by priority, with the item at the middle of its rank.
final class PriorityStore: @unchecked Sendable {
    let store: Store
    let middle: QueueItem

    init() throws {
        store = try Ruled.store(Fixture.items)
        store.configure(targets: Ruled.targets, rank: .priority)
        let waiting = try store.summary().waiting
        var found: QueueItem?
        var seen = 0
        try store.forEach(all: false, limit: waiting / 2 + 1) { item in
            if seen == waiting / 2 { found = item }
            seen += 1
        }
        guard let found else { throw FixtureError("the ruled store has no waiting item at \(waiting / 2)") }
        middle = found
    }
}
