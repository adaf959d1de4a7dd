import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedPostgres
import HeedUI
import Screen

/// The key loop over the team store of `Fixture.items` items (on `HEED_BENCH_POSTGRES`).
final class TeamSession: @unchecked Sendable {
    var loop: KeyLoop
    let ranked: RankedStore

    /// A launched screen (100×30); `copy` works on a copy of the store (for a and u).
    init(copy: Bool = false) throws {
        ranked = try RankedStore(store: copy ? try TeamFixture.storeCopy(Fixture.items) : try TeamFixture.store(Fixture.items))
        loop = KeyLoop(services: .queue(store: ranked.store))
        guard loop.state.queue.selected != nil else { throw FixtureError("no item selected after launch") }
    }

    /// A key that must not fail: the loop reports store errors in the status line.
    func press(_ key: Key) throws {
        blackHole(loop.press(key))
        if let status = loop.state.status, status.isError { throw FixtureError("\(key.label): \(status.text)") }
    }
}

/// Items stored per second.
let itemsPerSecond = BenchmarkMetric.custom("items/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let keys = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(3), maxIterations: 1_000
    )
    let size = Fixture.items

    // The first full screen: the summary, the first page, the render, as at launch.
    Benchmark("team \(size): first full screen", configuration: keys) { _, store in
        blackHole(KeyLoop(services: .queue(store: store)).state)
    } setup: {
        try TeamFixture.store(Fixture.items)
    }

    Benchmark("team \(size): key j (next)", configuration: keys) { _, session in
        try session.press(.character("j"))
    } setup: {
        try TeamSession()
    }

    Benchmark("team \(size): key PgDn", configuration: keys) { _, session in
        try session.press(.pageDown)
    } setup: {
        try TeamSession()
    }

    Benchmark("team \(size): key G (last), from the top", configuration: keys) { benchmark, session in
        try session.press(.character("g"))
        benchmark.startMeasurement()
        try session.press(.character("G"))
    } setup: {
        try TeamSession()
    }

    Benchmark("team \(size): key g (first), from the end", configuration: keys) { benchmark, session in
        try session.press(.character("G"))
        benchmark.startMeasurement()
        try session.press(.character("g"))
    } setup: {
        try TeamSession()
    }

    Benchmark("team \(size): key a (acknowledge)", configuration: keys) { benchmark, session in
        try session.press(.character("a"))
        benchmark.stopMeasurement()
        try session.press(.character("u"))
    } setup: {
        try TeamSession(copy: true)
    }

    Benchmark("team \(size): key u (undo)", configuration: keys) { benchmark, session in
        try session.press(.character("a"))
        benchmark.startMeasurement()
        try session.press(.character("u"))
    } setup: {
        try TeamSession(copy: true)
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
