// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cxm",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CXMAdvisor", targets: ["CXMAdvisor"]),
        .library(name: "CXMRules", targets: ["CXMRules"]),
        .executable(name: "cxm", targets: ["cxm"]),
    ],
    targets: [
        // The rule language and engine, with its generic presentation layer for advisory rule
        // bases (steps, priorities, headline, chart, matrix). Knows nothing about CXM.
        .target(name: "CXMRules"),
        // The CXM advisor: the bundled rule base and the ways people use it.
        .target(name: "CXMAdvisor", dependencies: ["CXMRules"], plugins: ["EmbedRules"]),
        // The command line: argument parsing, terminal I/O, exit codes. A release build on Linux
        // links the Swift runtime and Foundation into the executable (the libraries stay as they
        // are): loading and relocating 19 shared libraries took a cold `cxm assess` 13 M
        // instructions and a third of its time. The archives Foundation's own shared libraries
        // would bring, in the order they need each other (the archives of Swift 6.3.1's Linux
        // toolchain; the binary grows from 15 MB to 86 MB, most of it ICU's tables).
        .executableTarget(name: "cxm", dependencies: ["CXMAdvisor"], linkerSettings: [
            .unsafeFlags(["-static-stdlib"] + ["CoreFoundation", "_FoundationCShims", "_FoundationCollections", "_FoundationICU"]
                            .flatMap { ["-Xlinker", "-l\($0)"] },
                         .when(platforms: [.linux], configuration: .release)),
        ]),
        // Build tooling: embeds rules/ into CXMAdvisor at build time, so the two never differ.
        .executableTarget(name: "embed-rules"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["embed-rules"]),
        // Release-build benchmark: `swift run -c release cxm-bench`.
        .executableTarget(name: "cxm-bench", dependencies: ["CXMAdvisor", "AllocationCounter", "TestSupport"], path: "Benchmarks/cxm-bench"),
        // Counts the benchmark's heap allocations (glibc only), for its allocation figure.
        .target(name: "AllocationCounter", path: "Benchmarks/AllocationCounter"),
        // What the tests and the benchmark share (a seeded random generator, CPU time); no product's API.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CXMRulesTests", dependencies: ["CXMRules", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CXMAdvisorTests", dependencies: ["CXMAdvisor", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "cxmTests", dependencies: ["cxm"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
