// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "StableStructures",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StableStructures", targets: ["StableStructures"]),
        .library(name: "StableQL", targets: ["StableQL"]),
        .library(name: "Candid", targets: ["Candid"]),
        .executable(name: "stable-repl", targets: ["stable-repl"]),
        .executable(name: "stable-bench", targets: ["stable-bench"]),
        .executable(name: "stableql-bench", targets: ["stableql-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // A WebAssembly engine, to run the example canister in tests.
        .package(url: "https://github.com/swiftwasm/WasmKit", .upToNextMinor(from: "0.4.2")),
        // `swift package generate-documentation --target StableStructures` (the DocC catalog).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The library: no Foundation, typed throws, buildable with Embedded Swift.
        .target(
            name: "StableStructures",
            swiftSettings: [.enableExperimentalFeature("Extern")]
        ),
        // Candid values, types, binary and text formats: no Foundation, typed throws.
        .target(name: "Candid"),
        // libedit, used by the interactive shell only.
        .systemLibrary(
            name: "CEditLine",
            path: "Sources/CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(name: "StableQL", dependencies: ["StableStructures", "Candid"]),
        .executableTarget(
            name: "stable-repl",
            dependencies: [
                "StableQL",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic inputs and golden-file access shared by tests and benchmarks.
        .target(name: "StableTestSupport", dependencies: ["StableStructures", "Candid"]),
        // Writes the demo canister snapshot folder of the inspect-canister tutorial.
        .executableTarget(name: "demo-snapshot", dependencies: ["StableStructures", "StableTestSupport"]),
        .executableTarget(
            name: "stable-bench",
            dependencies: ["StableStructures", "StableTestSupport"]
        ),
        // The interpreter's overhead (apart: StableQL's optimised build is slow).
        .executableTarget(
            name: "stableql-bench",
            dependencies: ["StableQL", "StableStructures", "StableTestSupport"]
        ),
        .testTarget(
            name: "StableStructuresTests",
            dependencies: ["StableStructures", "StableTestSupport"]
        ),
        .testTarget(
            name: "StableQLTests",
            dependencies: ["StableQL", "StableStructures", "StableTestSupport"],
            // The script corpus is read from the source tree, not bundled.
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "CandidTests",
            dependencies: ["Candid"]
        ),
        .testTarget(
            name: "CanisterTests",
            dependencies: [
                "StableStructures",
                "StableTestSupport",
                .product(name: "WasmKit", package: "WasmKit"),
            ]
        ),
        .testTarget(
            name: "StableReplTests",
            dependencies: ["StableStructures", "StableTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
