// swift-tools-version:6.1
import PackageDescription

// The importer, config.toml, themes and templates under libFuzzer. A package of its own because SwiftPM refuses unsafe flags in
// a dependency: build it from here (see README.md), never from the main package.
// HEED_FUZZ_SANITIZERS picks the sanitizers (default fuzzer,address; fuzzer,thread for races).
let sanitize = "-sanitize=" + (Context.environment["HEED_FUZZ_SANITIZERS"] ?? "fuzzer,address")
let package = Package(
    name: "heed-fuzz",
    dependencies: [
        .package(name: "heed", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(
            name: "ConfigFuzzer",
            dependencies: ["FuzzSupport", .product(name: "HeedConfig", package: "heed")],
            swiftSettings: [.unsafeFlags(["-parse-as-library", sanitize])],
            linkerSettings: [.unsafeFlags([sanitize])]
        ),
        .executableTarget(
            name: "ThemeFuzzer",
            dependencies: ["FuzzSupport", .product(name: "HeedTheme", package: "heed"), .product(name: "Screen", package: "heed")],
            swiftSettings: [.unsafeFlags(["-parse-as-library", sanitize])],
            linkerSettings: [.unsafeFlags([sanitize])]
        ),
        .executableTarget(
            name: "TemplateFuzzer",
            dependencies: ["FuzzSupport", .product(name: "HeedUI", package: "heed")],
            swiftSettings: [.unsafeFlags(["-parse-as-library", sanitize])],
            linkerSettings: [.unsafeFlags([sanitize])]
        ),
        .executableTarget(
            name: "ImportFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "HeedImport", package: "heed"),
                .product(name: "HeedCore", package: "heed"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library", sanitize])],
            linkerSettings: [.unsafeFlags([sanitize])]
        ),
    ]
)
