import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedStore
import HeedUI

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds, warmupIterations: 10, maxDuration: .seconds(3), maxIterations: 2_000
    )
    let size = Fixture.items
    let page = QueueState.pageSize

    Benchmark("rank \(size): first page", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.page(.first(page)))
    } setup: {
        try RankedStore()
    }

    Benchmark("rank \(size): page after the middle item", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.page(.after(ranked.middle.key, page)))
    } setup: {
        try RankedStore()
    }

    Benchmark("rank \(size): page before the middle item", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.page(.before(ranked.middle.key, page)))
    } setup: {
        try RankedStore()
    }

    Benchmark("rank \(size): last page", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.page(.last(page)))
    } setup: {
        try RankedStore()
    }

    // The header: waiting count (a trigger-maintained counter) and the oldest (one index step).
    Benchmark("rank \(size): summary (waiting count and oldest)", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.summary())
    } setup: {
        try RankedStore()
    }

    // What putting the cursor back on an item costs (undo): an index count up to its place.
    Benchmark("rank \(size): rank(of:) the middle item", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.rank(of: ranked.middle.key))
    } setup: {
        try RankedStore()
    }

    Benchmark("rank \(size): item(ref) by platform and id", configuration: configuration) { _, ranked in
        blackHole(try ranked.store.item(ranked.middle.mention.ref))
    } setup: {
        try RankedStore()
    }

    searchAndStatsBenchmarks(configuration)
    targetsBenchmarks(configuration)
}
