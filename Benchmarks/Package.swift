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
        benchmark("IngestBenchmarks", data: true, products: ["RxData"]),
        benchmark("SnapshotBenchmarks", data: true, products: ["RxData"]),
        benchmark("OutlierBenchmarks", data: true, products: ["RxData", "RxStats", "RxAtlas"]),
        benchmark("BiosimilarBenchmarks", data: true, products: ["RxAtlas", "RxData"]),
        benchmark("IndicatorBenchmarks", data: false, products: ["RxStats"]),
        benchmark("MeasureBenchmarks", data: true, products: ["RxData", "RxAtlas"]),
        benchmark("BatchBenchmarks", data: false, products: ["RxBatch", "RxData", "RxSynth"]),
    ],
    swiftLanguageModes: [.v6]
)

/// A benchmark executable in `Benchmarks/<name>`: the RxAtlas products it measures, the shared
/// generated data when `data`, and the benchmark plugin.
func benchmark(_ name: String, data: Bool, products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: (data ? ["BenchmarkData"] : []) + products.map { .product(name: $0, package: "RxAtlas") }
            + [.product(name: "Benchmark", package: "benchmark")],
        path: "Benchmarks/" + name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}
