// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "heed",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "heed", targets: ["heed"]),
        // Libraries for the packages in Benchmarks/ and Fuzz/ (separate packages).
        .library(name: "HeedCore", targets: ["HeedCore"]),
        .library(name: "HeedStore", targets: ["HeedStore"]),
        .library(name: "HeedPostgres", targets: ["HeedPostgres"]),
        .library(name: "HeedReplies", targets: ["HeedReplies"]),
        .library(name: "HeedImport", targets: ["HeedImport"]),
        .library(name: "HeedIntake", targets: ["HeedIntake"]),
        .library(name: "HeedOutbox", targets: ["HeedOutbox"]),
        .library(name: "HeedUI", targets: ["HeedUI"]),
        .library(name: "Screen", targets: ["Screen"]),
        .library(name: "HeedFiles", targets: ["HeedFiles"]),
        .library(name: "HeedAccounts", targets: ["HeedAccounts"]),
        .library(name: "HeedConfig", targets: ["HeedConfig"]),
        .library(name: "UserFiles", targets: ["UserFiles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The team store: PostgreSQL's wire protocol, TLS and the event loops it runs on.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Tests only: reading the platforms' own conformance suites (YAML).
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // Tests only: the HTTP server of the stand-in that replays the platforms' recorded responses.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C: ncursesw and the few macros/globals Swift cannot import.
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // C: libxml2's HTML parser, for the HTML some platforms send as text.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CHTML", dependencies: ["CLibXML2"]),
        // C: libc's wcwidth under a fixed UTF-8 locale, the width ncurses lays text out by.
        .target(name: "CWidth"),
        // Files someone put in heed's config folder: read bounded, plain files only; TOML checked for depth first.
        .target(name: "UserFiles", dependencies: ["TOMLKit"]),
        // Screen buffer, keys, display width and sanitising: pure, no terminal.
        .target(name: "Screen", dependencies: ["CWidth"]),
        // Themes: the shipped ones (Themes/*.toml, built into the binary) and the user's.
        .target(name: "HeedTheme", dependencies: ["Screen", "UserFiles", "TOMLKit"], plugins: ["EmbedThemesPlugin"]),
        .executableTarget(name: "EmbedThemesTool"),
        .plugin(name: "EmbedThemesPlugin", capability: .buildTool(), dependencies: ["EmbedThemesTool"], path: "Sources/EmbedThemesPlugin"),
        // The only code that calls ncurses.
        .target(name: "Terminal", dependencies: ["CNcurses", "Screen", "HeedTheme"]),
        // The domain: mentions, ranking, durations, platform rules. Pure Swift.
        .target(name: "HeedCore"),
        // Creating files and folders exclusively and owner-only; output written through to what a path is.
        .target(name: "HeedFiles"),
        // The store's interface (no database): what the UI services, commands and imports use.
        .target(name: "HeedStorage", dependencies: ["HeedCore"]),
        // The SQLite store, the first implementation of the interface.
        .target(name: "HeedStore", dependencies: ["HeedCore", "HeedFiles", "HeedStorage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // The PostgreSQL store, for a team sharing one queue.
        .target(name: "HeedPostgres", dependencies: [
            "HeedCore", "HeedStorage", "HeedOutbox",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Readers of mention files.
        .target(name: "HeedImport", dependencies: ["HeedCore", "CHTML", .product(name: "CSV", package: "CSV.swift")]),
        // The one consumer of import events: files, the spool and fetched pages into the store.
        .target(name: "HeedIntake", dependencies: ["HeedCore", "HeedImport", "HeedStorage", "HeedConfig"]),
        // config.toml: the user's own handles and preferences.
        .target(name: "HeedConfig", dependencies: ["HeedCore", "UserFiles", "TOMLKit"]),
        // Accounts: secrets, the HTTP client, each platform's fetcher of mentions and answers, and its poster of replies.
        .target(name: "HeedAccounts", dependencies: ["HeedCore", "HeedConfig", "HeedFiles", "HeedImport", "HeedIntake", "HeedStorage", "HeedOutbox"]),
        // The outbox file of drafts.
        .target(name: "HeedOutbox", dependencies: ["HeedCore", "HeedFiles"]),
        // State, actions, reducer, key table and views.
        .target(name: "HeedUI", dependencies: ["HeedCore", "Screen"]),
        // Saving, settling and undoing replies across store and outbox; templates; store-failure wording.
        .target(name: "HeedReplies", dependencies: ["HeedCore", "HeedStorage", "HeedOutbox", "HeedUI", "UserFiles"]),
        .executableTarget(
            name: "heed",
            dependencies: [
                "HeedCore", "HeedConfig", "HeedFiles", "HeedTheme", "HeedStorage", "HeedStore", "HeedPostgres", "HeedImport", "HeedIntake", "HeedOutbox", "HeedReplies", "HeedUI", "HeedAccounts", "UserFiles", "Screen", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target may use: the base class of tests that run the binary, the
        // hermetic environment of children, ../shared, the seeded generator, temporary folders
        // and stores, posix_spawn children and a private tmux.
        .target(name: "TestSupport", dependencies: ["HeedCore", "HeedStore"], path: "Tests/TestSupport"),
        // One test target per module.
        .testTarget(name: "HeedCoreTests", dependencies: ["HeedCore", "TestSupport", "Yams"]),
        .testTarget(name: "ScreenTests", dependencies: ["Screen"]),
        .testTarget(name: "HeedThemeTests", dependencies: ["HeedTheme", "Screen", "TestSupport"]),
        // The checks every store must pass, run against each implementation by its tests.
        .target(name: "StoreConformance", dependencies: ["HeedStorage", "HeedCore"], path: "Tests/StoreConformance"),
        .testTarget(name: "HeedStoreTests", dependencies: ["HeedStore", "HeedStorage", "HeedCore", "StoreConformance", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "HeedImportTests", dependencies: ["HeedImport", "HeedIntake", "HeedStorage", "HeedCore", "HeedOutbox", "HeedConfig", "HeedStore", "TestSupport"]),
        .testTarget(name: "HeedFilesTests", dependencies: ["HeedFiles", "TestSupport"]),
        .testTarget(name: "HeedIntakeTests", dependencies: ["HeedIntake", "HeedImport", "HeedStorage", "HeedCore", "HeedConfig", "TestSupport"]),
        .testTarget(name: "HeedConfigTests", dependencies: ["HeedConfig", "HeedCore", "HeedStore"]),
        .testTarget(name: "HeedOutboxTests", dependencies: ["HeedOutbox", "HeedCore", "TestSupport"]),
        // config.toml, themes and saved replies read from files someone else may have written.
        .testTarget(name: "UserFilesTests", dependencies: ["UserFiles", "HeedConfig", "HeedTheme", "HeedReplies", "HeedUI", "HeedCore", "TOMLKit"]),
        .testTarget(name: "HeedUITests", dependencies: ["HeedUI", "HeedCore", "Screen", "HeedTheme"]),
        // A stand-in for the platforms' APIs: a local HTTP server replaying their recorded responses.
        .target(name: "StandIn", dependencies: ["FlyingFox", .product(name: "FlyingSocks", package: "FlyingFox")], path: "Tests/StandIn"),
        .testTarget(name: "HeedAccountsTests", dependencies: ["HeedAccounts", "HeedConfig", "HeedCore", "HeedStore", "HeedImport", "HeedIntake", "HeedOutbox", "StandIn", "TestSupport"]),
        // The real binary in tmux and on a pty.
        .testTarget(name: "EndToEndTests", dependencies: ["HeedCore", "heed", "TestSupport", "StandIn"]),
        // The team store: the conformance suite against PostgreSQL, first answers, presence,
        // changes heard, copies both ways, and several real heeds on one server.
        .testTarget(name: "HeedPostgresTests", dependencies: ["HeedPostgres", "HeedStore", "HeedStorage", "HeedCore", "HeedOutbox", "HeedReplies", "HeedUI",
                                                          "StoreConformance", "TestSupport", "heed"]),
        // Crashes, concurrency and hostile files, against the real binary and the store itself.
        .testTarget(name: "ReliabilityTests", dependencies: ["TestSupport", "HeedConfig", "HeedCore", "HeedFiles", "HeedStore", "HeedOutbox", "HeedReplies", "HeedUI", "heed", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
