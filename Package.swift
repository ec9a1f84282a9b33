// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "RxAtlas",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RxData", targets: ["RxData"]),
        .library(name: "RxStats", targets: ["RxStats"]),
        .library(name: "RxSynth", targets: ["RxSynth"]),
        .library(name: "RxAtlas", targets: ["RxAtlas"]),
        .library(name: "RxReport", targets: ["RxReport"]),
        .library(name: "RxBatch", targets: ["RxBatch"]),
        .library(name: "RxServe", targets: ["RxServe"]),
        .library(name: "RxDMD", targets: ["RxDMD"]),
        .executable(name: "rxatlas", targets: ["rxatlas"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .systemLibrary(name: "CRmath", path: "Sources/CRmath"),
        .systemLibrary(name: "CGzip", path: "Sources/CGzip"),
        .target(name: "CRxScan"),
        .target(
            name: "RxData",
            dependencies: ["CGzip", "CRxScan", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["README.md"]
        ),
        .target(name: "RxStats", dependencies: ["CLapack", "CRmath"], exclude: ["README.md"]),
        .target(name: "RxReference", dependencies: ["RxData"], exclude: ["README.md"], resources: [.copy("reference")]),
        .target(name: "RxSynth", dependencies: ["RxData", "RxReference"], exclude: ["README.md"]),
        .target(
            name: "RxAtlas",
            dependencies: ["RxData", "RxStats", "RxReference", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"]
        ),
        .target(
            name: "RxReport",
            dependencies: ["RxData", "RxStats", "RxAtlas", "RxReference", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["README.md"]
        ),
        .target(
            name: "RxBatch",
            dependencies: ["RxData", "RxStats", "RxAtlas", "RxReport", "RxReference", .product(name: "TOMLKit", package: "TOMLKit")],
            exclude: ["README.md"]
        ),
        .target(
            name: "RxDMD",
            dependencies: ["RxData", "RxAtlas", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["README.md"]
        ),
        .target(
            name: "RxServe",
            dependencies: ["RxData", "RxAtlas", "RxReport", "RxReference", .product(name: "Hummingbird", package: "hummingbird")],
            exclude: ["README.md"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "rxatlas",
            dependencies: [
                "RxData", "RxStats", "RxSynth", "RxAtlas", "RxReport", "RxBatch", "RxReference", "RxServe", "RxDMD",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        .testTarget(name: "RxDataTests", dependencies: ["RxData", "RxSynth"]),
        .testTarget(name: "RxStatsTests", dependencies: ["RxStats"]),
        .testTarget(name: "RxAtlasTests", dependencies: ["RxAtlas", "RxData", "RxStats", "RxReference"]),
        .testTarget(name: "RxReferenceTests", dependencies: ["RxReference", "RxData"]),
        .testTarget(name: "RxSynthTests", dependencies: ["RxSynth", "RxData"]),
        .testTarget(name: "RxBatchTests", dependencies: ["RxBatch", "RxAtlas", "RxData", "RxSynth"]),
        .testTarget(name: "RxReportTests", dependencies: ["RxReport", "RxAtlas", "RxData", "RxStats", "RxReference"]),
        .testTarget(name: "RxServeTests", dependencies: ["RxServe", "RxAtlas", "RxData", "RxReference",
                                                        .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "RxDMDTests", dependencies: ["RxDMD", "RxAtlas", "RxData"]),
        .testTarget(name: "rxatlasTests", dependencies: ["rxatlas", "RxData"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
