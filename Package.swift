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
        // epoll and eventfd, which the Glibc module does not expose: glibc's own headers only.
        .target(name: "CLinux"),
        .target(name: "HelpdeskServer", dependencies: ["HelpdeskCore", "CLinux"]),
        .executableTarget(name: "helpdesk", dependencies: ["HelpdeskCore", "HelpdeskServer"]),
        .testTarget(name: "HelpdeskCoreTests", dependencies: ["HelpdeskCore"]),
        .testTarget(name: "HelpdeskServerTests", dependencies: ["HelpdeskServer", "HelpdeskCore"]),
    ],
    swiftLanguageModes: [.v6]
)
