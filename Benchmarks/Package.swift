// swift-tools-version:6.1
import PackageDescription

// The benchmark suite, a package of its own so that the main package's `swift test` never
// builds it. Run from this folder: `swift package benchmark` (see README.md).
let package = Package(
    name: "heed-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "heed", path: ".."),
    ],
    targets: [
        // What the benchmarks share: the cached store fixture, the import path, the key loop.
        .target(
            name: "BenchSupport",
            dependencies: [
                .product(name: "HeedCore", package: "heed"),
                .product(name: "HeedStore", package: "heed"),
                .product(name: "HeedPostgres", package: "heed"),
                .product(name: "HeedReplies", package: "heed"),
                .product(name: "HeedImport", package: "heed"),
                .product(name: "HeedIntake", package: "heed"),
                .product(name: "HeedOutbox", package: "heed"),
                .product(name: "HeedUI", package: "heed"),
                .product(name: "Screen", package: "heed"),
                .product(name: "Benchmark", package: "benchmark"),
            ]
        ),
        .executableTarget(
            name: "Import",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Import",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Rank",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Rank",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Keys",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Keys",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Counting",
            dependencies: [.product(name: "HeedCore", package: "heed"), .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Counting",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Team",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Team",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Ten simulated triagers on one team store for a minute (a program, not a benchmark).
        .executableTarget(name: "TeamTriage", dependencies: ["BenchSupport"], path: "Sources/TeamTriage"),
        .executableTarget(
            name: "OutboxAppend",
            dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/OutboxAppend",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
