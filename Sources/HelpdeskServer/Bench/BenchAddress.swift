import Foundation
import Glibc

/// A resolved IPv4 or IPv6 server address for the load generator, with the loopback test
/// `helpdesk bench` uses to refuse remote targets unless `--allow-remote` is given.
public struct BenchAddress: Sendable, CustomStringConvertible {
    let family: Int32
    let storage: sockaddr_storage
    let length: socklen_t
    public let description: String

    public var isLoopback: Bool {
        var copy = storage
        return withUnsafeBytes(of: &copy) { raw in
            if family == AF_INET {
                let sin = raw.load(as: sockaddr_in.self)
                return UInt32(bigEndian: sin.sin_addr.s_addr) >> 24 == 127
            }
            let sin6 = raw.load(as: sockaddr_in6.self)
            var loop = in6addr_loopback
            return memcmp(&loop, withUnsafeBytes(of: sin6.sin6_addr) { $0.baseAddress! }, 16) == 0
        }
    }

    public static func resolve(host: String, port: Int) throws -> BenchAddress {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw LoadGenerator.RuntimeError("cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var storage = sockaddr_storage()
        memcpy(&storage, first.pointee.ai_addr, Int(first.pointee.ai_addrlen))
        let shown = first.pointee.ai_family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
        return BenchAddress(family: first.pointee.ai_family, storage: storage, length: first.pointee.ai_addrlen, description: shown)
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var copy = storage
        return withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
