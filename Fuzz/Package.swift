// swift-tools-version:6.1
import PackageDescription

// The importer, config.toml, themes and templates under libFuzzer. A package of its own because SwiftPM refuses unsafe flags in
// a dependency: build it from here (see README.md), never from the main package.
// HEED_FUZZ_SANITIZERS picks the sanitizers (default fuzzer,address; fuzzer,thread for races).
let sanitize = "-sanitize=" + (Context.environment["HEED_FUZZ_SANITIZERS"] ?? "fuzzer,address")
/// A libFuzzer executable over some of heed's libraries.
func fuzzer(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "heed") },
        swiftSettings: [.unsafeFlags(["-parse-as-library", sanitize])],
        linkerSettings: [.unsafeFlags([sanitize])]
    )
}

let package = Package(
    name: "heed-fuzz",
    dependencies: [
        .package(name: "heed", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        fuzzer("ImportFuzzer", ["HeedImport", "HeedCore"]),
        fuzzer("ConfigFuzzer", ["HeedConfig"]),
        fuzzer("ThemeFuzzer", ["HeedTheme", "Screen"]),
        fuzzer("TemplateFuzzer", ["HeedUI"]),
    ]
)
