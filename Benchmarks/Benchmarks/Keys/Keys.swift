import BenchSupport
import Benchmark
import Foundation
import HeedCore
import HeedUI
import Screen

/// The key loop over the store of `Fixture.items` items (a copy of it with `copy`).
typealias Session = KeySession

extension KeySession {
    convenience init(copy: Bool = false, at place: Place = .top) throws {
        try self.init(RankedStore(copy: copy), at: place)
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = KeySession.configuration
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
    for place in [KeySession.Place.top, .middle, .end] {
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
