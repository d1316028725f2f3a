// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "bydelsmor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bydelsmor", targets: ["bydelsmor"]),
        // For the separate Benchmarks/ package (ordo-one/benchmark), which depends on this one.
        .library(name: "BydelsmorCore", targets: ["BydelsmorCore"]),
        .library(name: "BydelsmorUI", targets: ["BydelsmorUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Domain, journal, store, reports. Foundation only: never the terminal.
        .target(name: "BydelsmorCore"),
        // Panes and widgets rendered into an in-memory grid. Pure; no terminal.
        .target(name: "BydelsmorUI", dependencies: ["BydelsmorCore"]),
        // The one C module: ncursesw, wrapped by a shim.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The only Swift code that imports ncursesw.
        .target(name: "BydelsmorTerminal", dependencies: ["BydelsmorUI", "CNcursesw"]),
        .executableTarget(
            name: "bydelsmor",
            dependencies: [
                "BydelsmorCore", "BydelsmorUI", "BydelsmorTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The help in other languages than Danish, a text file a translator edits (docs/translating.md),
            // built into the program so it needs no file beside it.
            resources: [.embedInCode("Catalogue/en.txt")]
        ),
        .testTarget(
            name: "BydelsmorCoreTests",
            dependencies: ["BydelsmorCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["snapshot-layout.txt"]
        ),
        .testTarget(name: "BydelsmorUITests", dependencies: ["BydelsmorUI"], exclude: ["Screens"]),
        .testTarget(name: "EndToEndTests", dependencies: ["BydelsmorCore"], exclude: ["Fixtures"]),
    ]
)
