import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedOutbox

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, .writeSyscalls],
        timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(5), maxIterations: 1_000
    )

    // One draft appended as saving a reply does: open, exclusive lock, write, fsync, close.
    Benchmark("outbox: append a draft (fsync)", configuration: configuration) { benchmark, outbox in
        let now = Date()
        let draft = Draft(
            id: "d\(benchmark.currentIteration)", ref: Ref(platform: .mastodon, id: "1000\(benchmark.currentIteration)"),
            replyTarget: ["in_reply_to_id": "1000\(benchmark.currentIteration)", "visibility": "public"],
            author: "alice@example.social", text: "@alice@example.social Thanks! Yes, Thursday at 7 — bring them along 🙂", createdAt: now
        )
        try outbox.append([.draft(draft)])
    } setup: {
        Outbox(path: try Fixture.scratch("outbox") + "/outbox.jsonl")
    }
}
