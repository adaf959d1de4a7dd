import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedUI
import Screen

/// The key loop over the store of `Fixture.items` items, kept between iterations.
final class Session: @unchecked Sendable {
    var loop: KeyLoop
    let ranked: RankedStore

    /// A launched screen (100×30) over the store; `at` puts the cursor somewhere first.
    init(copy: Bool = false, at place: Place = .top) throws {
        ranked = try RankedStore(copy: copy)
        loop = KeyLoop(services: .queue(store: ranked.store))
        switch place {
        case .top: break
        case .middle: loop.run(.focus(ranked.middle.mention.ref))
        case .end: loop.press(.character("G"))
        }
        guard loop.state.queue.selected != nil else { throw FixtureError("no item selected after launch") }
    }

    /// Where the cursor starts.
    enum Place: String { case top, middle, end }

    /// A key that must not fail: the loop reports store errors in the status line.
    func press(_ key: Key) throws {
        blackHole(loop.press(key))
        if let status = loop.state.status, status.isError { throw FixtureError("\(key.label): \(status.text)") }
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(3), maxIterations: 1_000
    )
    let size = Fixture.items

    // Moving: each iteration is one key from where the last one left the cursor.
    Benchmark("key \(size): j (next)", configuration: configuration) { _, session in
        try session.press(.character("j"))
    } setup: {
        try Session()
    }

    Benchmark("key \(size): k (previous), from the middle", configuration: configuration) { _, session in
        try session.press(.character("k"))
    } setup: {
        try Session(at: .middle)
    }

    Benchmark("key \(size): PgDn", configuration: configuration) { _, session in
        try session.press(.pageDown)
    } setup: {
        try Session()
    }

    // Jumps: the other end is reached first, unmeasured.
    Benchmark("key \(size): G (last), from the top", configuration: configuration) { benchmark, session in
        try session.press(.character("g"))
        benchmark.startMeasurement()
        try session.press(.character("G"))
    } setup: {
        try Session()
    }

    Benchmark("key \(size): g (first), from the end", configuration: configuration) { benchmark, session in
        try session.press(.character("G"))
        benchmark.startMeasurement()
        try session.press(.character("g"))
    } setup: {
        try Session()
    }

    // Acknowledge and undo change the store: a copy of it, and each a is undone (or each u
    // follows an a), unmeasured, so every iteration starts from the same queue.
    for place in [Session.Place.top, .middle, .end] {
        Benchmark("key \(size): a (acknowledge) at the \(place.rawValue)", configuration: configuration) { benchmark, session in
            try session.press(.character("a"))
            benchmark.stopMeasurement()
            try session.press(.character("u"))
        } setup: {
            try Session(copy: true, at: place)
        }

        Benchmark("key \(size): u (undo) at the \(place.rawValue)", configuration: configuration) { benchmark, session in
            try session.press(.character("a"))
            benchmark.startMeasurement()
            try session.press(.character("u"))
        } setup: {
            try Session(copy: true, at: place)
        }
    }
}
