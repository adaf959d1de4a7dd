import Benchmark
import HeedCore

/// The composer counts on every key: a full reply with links, CJK and emoji, per platform.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(2), maxIterations: 10_000
    )
    let replies: [(name: String, text: String)] = [
        ("links", String(String(repeating: "see example.com and https://example.com/a?b=1 ok ", count: 6).prefix(280))),
        ("CJK and emoji", String(String(repeating: "日本語のテキスト😀 http://example.jp/ ", count: 10).prefix(280))),
        ("mentions", String(String(repeating: "@alice@example.social see https://example.com/x. ", count: 6).prefix(280))),
    ]
    for platform in [Platform.x, .mastodon, .bluesky] {
        for reply in replies {
            Benchmark("count a 280-character reply: \(platform.rawValue), \(reply.name)", configuration: configuration) { benchmark in
                for _ in benchmark.scaledIterations { blackHole(ReplyRules.length(of: reply.text, on: platform)) }
            }
        }
    }
}
