// swift-tools-version:6.1
import PackageDescription

// The importer under libFuzzer. A package of its own because SwiftPM refuses unsafe flags in
// a dependency: build it from here (see README.md), never from the main package.
// HEED_FUZZ_SANITIZERS picks the sanitizers (default fuzzer,address; fuzzer,thread for races).
let sanitize = "-sanitize=" + (Context.environment["HEED_FUZZ_SANITIZERS"] ?? "fuzzer,address")
let package = Package(
    name: "heed-fuzz",
    dependencies: [
        .package(name: "heed", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "ImportFuzzer",
            dependencies: [
                .product(name: "HeedImport", package: "heed"),
                .product(name: "HeedCore", package: "heed"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library", sanitize])],
            linkerSettings: [.unsafeFlags([sanitize])]
        ),
    ]
)
