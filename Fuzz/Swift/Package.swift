// swift-tools-version: 6.0
// libFuzzer harnesses over RxData's Swift entry points; built and run by scripts/fuzz
// (`swift build -c release --sanitize=fuzzer`). Kept out of the main package so that its builds
// never need the fuzzer runtime.
import PackageDescription

let package = Package(
    name: "RxAtlasFuzz",
    dependencies: [.package(name: "RxAtlas", path: "../..")],
    targets: [
        .executableTarget(name: "FuzzSnapshot", dependencies: [.product(name: "RxData", package: "RxAtlas")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzPrescribing", dependencies: [.product(name: "RxData", package: "RxAtlas")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
