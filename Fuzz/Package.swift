// swift-tools-version:6.1
import PackageDescription

// The importer, config.toml, themes and templates under libFuzzer. A package of its own because SwiftPM refuses unsafe flags in
// a dependency: build it from here (see README.md), never from the main package.
// HEED_FUZZ_SANITIZERS picks the sanitizers (default fuzzer,address; fuzzer,thread for races).
let sanitize = "-sanitize=" + (Context.environment["HEED_FUZZ_SANITIZERS"] ?? "fuzzer,address")
/// A libFuzzer executable over some of heed's libraries.
func fuzzer(_ name: String, _ products: [String], also: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "heed") } + also,
        swiftSettings: [.unsafeFlags(["-parse-as-library", sanitize])],
        linkerSettings: [.unsafeFlags([sanitize])]
    )
}

let package = Package(
    name: "heed-fuzz",
    dependencies: [
        .package(name: "heed", path: ".."),
        // The theme fuzzer compiles heed's theme files itself (below): it needs their TOML library.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        fuzzer("ImportFuzzer", ["HeedImport", "HeedCore"]),
        fuzzer("ConfigFuzzer", ["HeedConfig"]),
        // HeedTheme embeds the shipped themes with a build plugin whose tool cannot be linked
        // with libFuzzer (two mains), so this fuzzer compiles the theme files itself (symbolic
        // links into ../Sources/HeedTheme) with no shipped themes.
        fuzzer("ThemeFuzzer", ["Screen", "UserFiles"], also: [.product(name: "TOMLKit", package: "TOMLKit")]),
        fuzzer("TemplateFuzzer", ["HeedUI"]),
    ]
)
