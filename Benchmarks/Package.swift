// swift-tools-version: 6.1
// The benchmarks, apart from the app so that building bydelsmor never pulls them in. Run them with
// scripts/bench (or `swift package --package-path Benchmarks benchmark`); figures in docs/performance.md.
import PackageDescription

let package = Package(
    name: "bydelsmor-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "bydelsmor", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "BydelsmorBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BydelsmorCore", package: "bydelsmor"),
                .product(name: "BydelsmorUI", package: "bydelsmor"),
            ],
            path: "Benchmarks/BydelsmorBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
