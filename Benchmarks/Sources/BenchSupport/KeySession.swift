import Benchmark
import Foundation
import HeedCore
import HeedUI
import Screen

/// A launched screen (100×30) over a ranked store, kept between a benchmark's iterations: the
/// key loop, and where the cursor started.
public final class KeySession: @unchecked Sendable {
    public var loop: KeyLoop
    public let ranked: RankedStore

    /// How the key benchmarks measure: time, mallocs and peak memory, up to 3 s or 1,000 keys.
    nonisolated(unsafe) public static let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(3), maxIterations: 1_000
    )

    /// Where the cursor starts.
    public enum Place: String { case top, middle, end }

    /// The screen over `ranked`, the cursor put at `place` first.
    public init(_ ranked: RankedStore, at place: Place = .top) throws {
        self.ranked = ranked
        loop = KeyLoop(services: .queue(store: ranked.store))
        switch place {
        case .top: break
        case .middle: loop.run(.focus(ranked.middle.mention.ref))
        case .end: loop.press(.character("G"))
        }
        guard loop.state.queue.selected != nil else { throw FixtureError("no item selected after launch") }
    }

    /// A key that must not fail: the loop reports store errors in the status line.
    public func press(_ key: Key) throws {
        blackHole(loop.press(key))
        if let status = loop.state.status, status.isError { throw FixtureError("\(key.label): \(status.text)") }
    }
}
