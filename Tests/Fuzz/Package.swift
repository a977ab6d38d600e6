// swift-tools-version:6.0
//
// libFuzzer targets for Threshold's hostile-input surface. Not part of the main package: build and
// run them with `Tests/Fuzz/run.sh` (see Tests/Fuzz/README.md). Each target is an executable whose
// only entry point is `LLVMFuzzerTestOneInput`; libFuzzer (linked in by `-sanitize=fuzzer`)
// supplies `main`.

import PackageDescription

// SwiftPM names a local package by its folder (the checkout's name), not by its manifest's name.
let thresholdPackage =
    Context.packageDirectory.split(separator: "/").dropLast(2).last.map { $0.lowercased() } ?? "threshold"

let fuzzTargets = ["FuzzYAML", "FuzzQuantity", "FuzzProfile", "FuzzRulePack", "FuzzEvaluate"]

let package = Package(
    name: "ThresholdFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../..")
    ],
    targets: [
        // The declaration of libFuzzer's LLVMFuzzerRunDriver, for the targets' `main`.
        .target(name: "FuzzDriver")
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzDriver", .product(name: "ThresholdKit", package: thresholdPackage)],
                // Only the fuzz targets link libFuzzer: it brings its own `main`, which a build tool of
                // the main package (threshold-embed) must not get. The libraries below them are
                // instrumented for coverage and ASan by the flags run.sh passes to every module.
                swiftSettings: [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])],
                linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
            )
        }
)
