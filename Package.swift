// swift-tools-version:6.0
// The helpdesk builds from the Swift toolchain alone: no package dependencies (see README).
import PackageDescription

/// Release builds leave out the run-time exclusivity checks (every access to a class's stored
/// property calls into the runtime: about a third of the user-space instructions of a `ping`).
/// Debug builds, and so `swift test`, keep them, so an overlapping access still traps there.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "helpdesk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "helpdesk", targets: ["helpdesk"]),
        .library(name: "HelpdeskCore", targets: ["HelpdeskCore"]),
        .library(name: "HelpdeskServer", targets: ["HelpdeskServer"]),
    ],
    targets: [
        .target(name: "HelpdeskCore", dependencies: ["CSHA256"], swiftSettings: releaseSettings),
        // SHA-256 blocks with the x86 SHA extensions (chosen at run time by CPUID; the portable
        // Swift block function otherwise): compiler and glibc headers only, no flags.
        .target(name: "CSHA256"),
        // epoll and eventfd, which the Glibc module does not expose: glibc's own headers only.
        .target(name: "CLinux"),
        .target(name: "HelpdeskServer", dependencies: ["HelpdeskCore", "CLinux"], swiftSettings: releaseSettings),
        .executableTarget(name: "helpdesk", dependencies: ["HelpdeskCore", "HelpdeskServer"]),
        .testTarget(name: "HelpdeskCoreTests", dependencies: ["HelpdeskCore"]),
        .testTarget(name: "HelpdeskServerTests", dependencies: ["HelpdeskServer", "HelpdeskCore"]),
    ],
    swiftLanguageModes: [.v6]
)
