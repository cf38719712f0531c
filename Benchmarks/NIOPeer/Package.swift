// swift-tools-version:6.0
// The benchmark peer: a minimal SwiftNIO line server that answers `PING` with `PONG`.
// Not part of the product (which has no dependencies); built only by Benchmarks/compare.sh.
import PackageDescription

let package = Package(
    name: "NIOPeer",
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(name: "NIOPeer", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
