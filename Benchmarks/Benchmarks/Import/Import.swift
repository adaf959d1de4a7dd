import BenchSupport
import Benchmark
import Foundation
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

    // Mastodon notification pages of 40 (a fifth are favourites, skipped); rate in records read.
    Benchmark("import Mastodon notifications, 10k records into a new store", configuration: configuration) { benchmark, file in
        try importOnce(benchmark, file, records: recordsPerIteration)
    } setup: {
        try Fixture.mastodon(recordsPerIteration)
    }
}

/// One import of `file` into a store made before the measurement starts and removed after it.
func importOnce(_ benchmark: Benchmark, _ file: String, records: Int) throws {
    let folder = try Fixture.scratch("import")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try Store(path: folder + "/heed.sqlite")
    benchmark.startMeasurement()
    let started = Measures.seconds()
    let counts = try Importer.importFile(file, into: store, now: Date())
    let elapsed = Measures.seconds() - started
    benchmark.stopMeasurement()
    guard counts.imported + counts.skipped == records else {
        throw FixtureError("imported \(counts.imported) and skipped \(counts.skipped) of \(records) records")
    }
    benchmark.measurement(itemsPerSecond, Measures.rate(records, elapsed))
}
