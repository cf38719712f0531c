// swift-tools-version:6.0
// The helpdesk builds from the Swift toolchain alone: no package dependencies (see README).
import PackageDescription

let package = Package(
    name: "helpdesk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "helpdesk", targets: ["helpdesk"]),
        .library(name: "HelpdeskCore", targets: ["HelpdeskCore"]),
        .library(name: "HelpdeskServer", targets: ["HelpdeskServer"]),
    ],
    targets: [
        .target(name: "HelpdeskCore"),
        // Release builds skip the run-time exclusivity checks in the network code: on the per-read
        // path (a class's stored properties touched on every read) they were ~24 % of the server's
        // instructions for a closed-loop ping (callgrind, docs/PERFORMANCE.md). Debug builds, and so
        // `swift test`, keep them; the compile-time checks stay on everywhere.
        .target(name: "HelpdeskServer", dependencies: ["HelpdeskCore"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .executableTarget(name: "helpdesk", dependencies: ["HelpdeskCore", "HelpdeskServer"]),
        .testTarget(name: "HelpdeskCoreTests", dependencies: ["HelpdeskCore"]),
        .testTarget(name: "HelpdeskServerTests", dependencies: ["HelpdeskServer", "HelpdeskCore"]),
    ],
    swiftLanguageModes: [.v6]
)
