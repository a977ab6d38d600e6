// swift-tools-version:6.0
//
// lab-scope: an example of embedding ThresholdKit in another Swift program. It reads a CSV of labs,
// builds LabProfile values in Swift (no YAML), evaluates them against the built-in rule packs, and
// prints who is in scope of which pack.
//
//   swift run --package-path Examples/embedding lab-scope                  # the bundled labs.csv
//   swift run --package-path Examples/embedding lab-scope my-labs.csv --as-of 2027-01-01

import PackageDescription

// SwiftPM names a local package by its folder (the checkout's name), not by the name in its
// manifest; with a URL dependency this would simply be "threshold".
let thresholdPackage =
    Context.packageDirectory.split(separator: "/").dropLast(2).last.map { $0.lowercased() } ?? "threshold"

let package = Package(
    name: "lab-scope",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Threshold itself, two folders up. In your own package, depend on its repository instead:
        //   .package(url: "https://github.com/<owner>/threshold", from: "0.1.0")
        .package(path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "lab-scope",
            dependencies: [.product(name: "ThresholdKit", package: thresholdPackage)],
            resources: [.copy("labs.csv")]
        )
    ]
)
