import Foundation
import HeedCore

extension SeededRandom {
    /// The variable that replays a randomised test: `HEED_TEST_SEED=N swift test --filter NAME`.
    public static let seedVariable = "HEED_TEST_SEED"

    /// The generator of a randomised test named `name`: seeded by `HEED_TEST_SEED` when it is
    /// set, else by `seed` (a test whose values are fixed), else by a new seed each run. Prints
    /// the seed and the command that replays it, so a failure can be repeated.
    public static func forTest(_ name: String, seed fixed: UInt64? = nil) -> SeededRandom {
        let given = ProcessInfo.processInfo.environment[seedVariable].flatMap { UInt64($0) }
        let seed = given ?? fixed ?? UInt64.random(in: 0...UInt64.max)
        print("\(name): seed \(seed) (replay: \(seedVariable)=\(seed) swift test --filter \(name))")
        return SeededRandom(seed: seed)
    }
}
