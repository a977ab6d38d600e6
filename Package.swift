// swift-tools-version:6.0
//
// Threshold — which mandatory third-party risk assessments does an AI developer owe?
//
// Dependencies run one way:
//   ThresholdPlatform (the C library), CYAML (libyaml) → ThresholdYAML → ThresholdKit (domain,
//   evaluation, reports, audit) → threshold (CLI)
// Only ThresholdYAML imports CYAML, and not publicly.

import PackageDescription

let package = Package(
    name: "Threshold",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ThresholdKit", targets: ["ThresholdKit"]),
        .executable(name: "threshold", targets: ["threshold"]),
        .executable(name: "threshold-bench", targets: ["threshold-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Documentation only: `swift package generate-documentation --target ThresholdKit`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The platform layer: the C library (Glibc or Darwin, named in one file), I/O errors, the
        // one lock, the one file reader. Below ThresholdYAML, which reads files with it.
        .target(
            name: "ThresholdPlatform"
        ),
        .target(
            name: "ThresholdYAML",
            dependencies: ["CYAML", "ThresholdPlatform"]
        ),
        .target(
            name: "ThresholdKit",
            dependencies: ["ThresholdYAML", "ThresholdPlatform"],
            plugins: ["EmbedRulePacks"]
        ),
        // Rules/*.yaml are compiled into ThresholdKit as string literals, so that the `threshold`
        // binary works with no files beside it. The plugin runs `threshold-embed` at build time.
        .executableTarget(
            name: "threshold-embed",
            path: "Sources/threshold-embed"
        ),
        .plugin(
            name: "EmbedRulePacks",
            capability: .buildTool(),
            dependencies: ["threshold-embed"],
            path: "Sources/EmbedRulePacks"
        ),
        .executableTarget(
            name: "threshold",
            dependencies: [
                "ThresholdKit",
                "ThresholdPlatform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Counts the benchmark's allocations (threshold-bench --pieces) by defining malloc in its
        // executable; nothing else links it.
        .target(
            name: "CAllocationCount"
        ),
        .executableTarget(
            name: "threshold-bench",
            dependencies: ["ThresholdKit", "ThresholdYAML", "ThresholdPlatform", "CAllocationCount"],
            // The log of the performance rounds.
            exclude: ["README.md"]
        ),
        .testTarget(
            name: "ThresholdYAMLTests",
            dependencies: ["ThresholdYAML"]
        ),
        // Test helpers both test targets use (the package root, an iCalendar reader, a seeded random
        // number generator); only tests depend on it.
        .target(
            name: "ThresholdTestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ThresholdKitTests",
            dependencies: ["ThresholdKit", "ThresholdTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ThresholdCLITests",
            dependencies: ["ThresholdKit", "ThresholdTestSupport"],
            exclude: ["Golden"]
        ),
    ]
)
