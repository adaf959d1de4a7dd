import BenchSupport
import Benchmark
import Foundation

/// Search, filter and stats over the store of `Fixture.items` items.
///
/// The place for the benchmarks of `Store`'s search / filter and stats queries (issue 7's
/// "search or filter → results ≤ 50 ms"): add them here, one `Benchmark` per query, opening the
/// store with `try RankedStore()` in `setup:` as the rank benchmarks do. Suggested: search for a
/// word found in many items, for a rare word, for an author handle; filter by one platform (first
/// page and a page in the middle); `heed stats` figures over the whole store and `--since 7d`.
func searchAndStatsBenchmarks(_ configuration: Benchmark.Configuration) {
    // Nothing yet: the search, filter and stats APIs are not in the store yet.
}
