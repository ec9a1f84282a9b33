// swift-tools-version: 6.1
// Package benchmarks for RxAtlas (ordo-one/benchmark): ingest, the snapshot store, the statistics core, the measure engine,
// biosimilars and outliers.
// Run with `swift package benchmark` from this directory (see README.md).
import PackageDescription

let package = Package(
    name: "RxAtlasBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "RxAtlas", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkData",
            dependencies: [
                .product(name: "RxData", package: "RxAtlas"),
                .product(name: "RxSynth", package: "RxAtlas"),
            ],
            path: "Sources/BenchmarkData"
        ),
        .executableTarget(
            name: "IngestBenchmarks",
            dependencies: [
                "BenchmarkData",
                .product(name: "RxData", package: "RxAtlas"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/IngestBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SnapshotBenchmarks",
            dependencies: [
                "BenchmarkData",
                .product(name: "RxData", package: "RxAtlas"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SnapshotBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "OutlierBenchmarks",
            dependencies: [
                "BenchmarkData",
                .product(name: "RxData", package: "RxAtlas"),
                .product(name: "RxStats", package: "RxAtlas"),
                .product(name: "RxAtlas", package: "RxAtlas"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/OutlierBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BiosimilarBenchmarks",
            dependencies: [
                "BenchmarkData",
                .product(name: "RxAtlas", package: "RxAtlas"),
                .product(name: "RxData", package: "RxAtlas"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/BiosimilarBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "IndicatorBenchmarks",
            dependencies: [
                .product(name: "RxStats", package: "RxAtlas"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/IndicatorBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MeasureBenchmarks",
            dependencies: [
                "BenchmarkData",
                .product(name: "RxData", package: "RxAtlas"),
                .product(name: "RxAtlas", package: "RxAtlas"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MeasureBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BatchBenchmarks",
            dependencies: [
                .product(name: "RxBatch", package: "RxAtlas"),
                .product(name: "RxData", package: "RxAtlas"),
                .product(name: "RxSynth", package: "RxAtlas"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/BatchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
