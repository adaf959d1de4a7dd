import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedStore
import HeedUI

/// Search, filters and stats over the store of `Fixture.items` items: each search benchmark is
/// what the screen asks when the search line changes — the view's summary, then its first page
/// (an estimated count for searches that match much of the store; `exactCount` is measured on
/// its own, as the screen runs it after drawing).
func searchAndStatsBenchmarks(_ configuration: Benchmark.Configuration) {
    let size = Fixture.items
    let searches: [(String, String)] = [
        ("a word in an eighth of the items", "meetup"),
        ("a rare word", "walkthrough export 4242"),
        ("a phrase", "\"take a look\""),
        ("Japanese inside a run", "ありがとう"),
        ("an author prefix", "from:user123"),
        ("one platform", "platform:mastodon"),
        ("kind and age", "kind:dm age>30d"),
        ("platform, kind and a word", "platform:x kind:reply meetup"),
    ]
    for (name, line) in searches {
        Benchmark("search \(size): \(name) (\(line))", configuration: configuration) { benchmark, ranked in
            let query = try QueryParser.parse(line)
            for _ in benchmark.scaledIterations {
                let now = Date()
                blackHole(try ranked.store.summary(query, now: now))
                blackHole(try ranked.store.page(query, .first(QueueState.pageSize), now: now))
                ranked.store.forgetCachedQueries()
            }
        } setup: {
            try SearchableStore()
        }
    }

    Benchmark("search \(size): exact count of a word in an eighth of the items", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.exactCount(try QueryParser.parse("meetup"), now: Date()))
    } setup: {
        try SearchableStore()
    }

    Benchmark("search \(size): a page after the middle of platform:mastodon", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.page(try QueryParser.parse("platform:mastodon"), .after(ranked.middle.key, QueueState.pageSize), now: Date()))
    } setup: {
        try SearchableStore()
    }

    let slow = Benchmark.Configuration(metrics: configuration.metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 10)
    Benchmark("stats \(size): the last 30 days (the stats screen)", configuration: slow) { _, ranked in
        let now = Date()
        blackHole(try ranked.store.stats(since: now.addingTimeInterval(-30 * 86_400), now: now))
    } setup: {
        try SearchableStore()
    }

    Benchmark("stats \(size): everything (heed stats)", configuration: slow) { _, ranked in
        blackHole(try ranked.store.stats(since: nil, now: Date()))
    } setup: {
        try SearchableStore()
    }

    Benchmark("author \(size): one author's history", configuration: configuration) { _, ranked in
        let mention = ranked.middle.mention
        blackHole(try ranked.store.authorHistory([(mention.platform, mention.author.handle ?? "")], now: Date()))
    } setup: {
        try SearchableStore()
    }
}

/// The ranked store with its search index caught up (a store made by `heed import` of a large
/// backlog leaves that to the next queue; the first run here does it once, in place).
func SearchableStore() throws -> RankedStore {
    let ranked = try RankedStore()
    try ranked.store.catchUpSearch()
    return ranked
}
