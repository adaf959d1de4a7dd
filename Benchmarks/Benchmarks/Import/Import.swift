import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedStore

/// Records per import iteration: each iteration imports this many into a new empty store.
let recordsPerIteration = 10_000

/// Items stored (heed JSON Lines) or records read (Mastodon notifications) per second.
let itemsPerSecond = BenchmarkMetric.custom("items/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, itemsPerSecond],
        timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20
    )

    // heed's JSON Lines, as `heed demo --generate` writes them; every line is a new item.
    Benchmark("import heed JSON Lines, 10k items into a new store", configuration: configuration) { benchmark, file in
        try importOnce(benchmark, file, records: recordsPerIteration)
    } setup: {
        try Fixture.backlog(recordsPerIteration)
    }

    // A backlog of 100,000 items, without rules and through twenty (`Ruled.twenty`): what
    // applying the rules costs an import.
    let large = Benchmark.Configuration(metrics: configuration.metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 8)
    Benchmark("import heed JSON Lines, 100k items into a new store", configuration: large) { benchmark, file in
        try importOnce(benchmark, file, records: 100_000)
    } setup: {
        try Fixture.backlog(100_000)
    }
    Benchmark("import heed JSON Lines, 100k items into a new store through 20 rules", configuration: large) { benchmark, setup in
        try importOnce(benchmark, setup.file, records: 100_000, rules: setup.rules)
    } setup: {
        (file: try Fixture.backlog(100_000), rules: try Ruled.twenty())
    }

    // Mastodon notification pages of 40 (a fifth are favourites, skipped); rate in records read.
    Benchmark("import Mastodon notifications, 10k records into a new store", configuration: configuration) { benchmark, file in
        try importOnce(benchmark, file, records: recordsPerIteration)
    } setup: {
        try Fixture.mastodon(recordsPerIteration)
    }
}

/// One import of `file` into a store made before the measurement starts and removed after it.
func importOnce(_ benchmark: Benchmark, _ file: String, records: Int, rules: RuleSet = RuleSet()) throws {
    let folder = try Fixture.scratch("import")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try Store(path: folder + "/heed.sqlite")
    benchmark.startMeasurement()
    let started = Measures.seconds()
    let counts = try Importer.importFile(file, into: store, now: Date(), rules: rules)
    let elapsed = Measures.seconds() - started
    benchmark.stopMeasurement()
    guard counts.imported + counts.skipped == records else {
        throw FixtureError("imported \(counts.imported) and skipped \(counts.skipped) of \(records) records")
    }
    benchmark.measurement(itemsPerSecond, Measures.rate(records, elapsed))
}
