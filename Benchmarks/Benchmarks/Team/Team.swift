import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedPostgres
import HeedUI
import Screen

/// A key loop over the team store of `Fixture.items` items (a copy of it for a and u).
func teamSession(copy: Bool) throws -> KeySession {
    try KeySession(RankedStore(store: copy ? try TeamFixture.storeCopy(Fixture.items) : try TeamFixture.store(Fixture.items)))
}

/// Items stored per second.
let itemsPerSecond = BenchmarkMetric.custom("items/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let keys = KeySession.configuration
    let size = Fixture.items

    // The first full screen: the summary, the first page, the render, as at launch.
    Benchmark("team \(size): first full screen", configuration: keys) { _, store in
        blackHole(KeyLoop(services: .queue(store: store)).state)
    } setup: {
        try TeamFixture.store(Fixture.items)
    }

    // Moving: each iteration one key from where the last left the cursor; a jump after the
    // other end is reached, unmeasured; a and u each undone (or preceded), unmeasured.
    let moves: [(name: String, key: Key, before: Key?, after: Key?, copy: Bool)] = [
        ("j (next)", .character("j"), nil, nil, false), ("PgDn", .pageDown, nil, nil, false),
        ("G (last), from the top", .character("G"), .character("g"), nil, false), ("g (first), from the end", .character("g"), .character("G"), nil, false),
        ("a (acknowledge)", .character("a"), nil, .character("u"), true), ("u (undo)", .character("u"), .character("a"), nil, true),
    ]
    for move in moves {
        Benchmark("team \(size): key \(move.name)", configuration: keys) { benchmark, session in
            if let before = move.before {
                try session.press(before)
                benchmark.startMeasurement()
            }
            try session.press(move.key)
            if let after = move.after {
                benchmark.stopMeasurement()
                try session.press(after)
            }
        } setup: {
            try teamSession(copy: move.copy)
        }
    }

    Benchmark("team \(size): search 'meetup' (summary and first page)", configuration: keys) { _, store in
        let query = try QueryParser.parse("meetup")
        blackHole(try store.summary(query, now: Date()))
        blackHole(try store.page(query, .first(QueueState.pageSize), now: Date()))
        store.forgetCachedQueries()
    } setup: {
        try TeamFixture.store(Fixture.items)
    }

    let imports = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident, itemsPerSecond],
        timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10
    )
    Benchmark("team: import heed JSON Lines, 100k items into a new store", configuration: imports) { benchmark, file in
        let store = try TeamFixture.fresh("bench_import")
        benchmark.startMeasurement()
        let started = Measures.seconds()
        let counts = try Importer.importFile(file, into: store, now: Date())
        let elapsed = Measures.seconds() - started
        benchmark.stopMeasurement()
        guard counts.imported == 100_000 else { throw FixtureError("imported \(counts.imported) of 100,000") }
        benchmark.measurement(itemsPerSecond, Measures.rate(100_000, elapsed))
    } setup: {
        try Fixture.backlog(100_000)
    }
}
