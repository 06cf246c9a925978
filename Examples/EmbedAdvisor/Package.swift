// swift-tools-version: 6.1
// An example of another package using the CXMAdvisor library: `swift run --package-path
// Examples/EmbedAdvisor embed-advisor PROFILE.json` from the repository root.
import PackageDescription

let package = Package(
    name: "EmbedAdvisor",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "cxm", path: "../..")],
    targets: [
        .executableTarget(name: "embed-advisor", dependencies: [.product(name: "CXMAdvisor", package: "cxm")]),
    ],
    swiftLanguageModes: [.v6]
)
