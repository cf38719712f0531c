import Glibc

/// Printable socket addresses: `127.0.0.1:7000`, `[::1]:7000`. Used for the readiness line, the
/// peer part of a connection's user key, and logs.
enum SocketAddress {
    static func describe(_ storage: UnsafePointer<sockaddr_storage>) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.pointee.ss_family) {
        case AF_INET:
            return storage.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                var addr = sin.pointee.sin_addr
                inet_ntop(AF_INET, &addr, &text, socklen_t(text.count))
                return "\(cText(text)):\(UInt16(bigEndian: sin.pointee.sin_port))"
            }
        case AF_INET6:
            return storage.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                var addr = sin6.pointee.sin6_addr
                inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count))
                return "[\(cText(text))]:\(UInt16(bigEndian: sin6.pointee.sin6_port))"
            }
        default:
            return "unknown"
        }
    }

    private static func cText(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Splits `HOST:PORT` as flags take it (`[::1]:8080` for IPv6); the port must be 0...65535.
    static func split(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (host, port)
    }

    /// The local address a socket is bound to, and its port.
    static func local(of fd: Int32) -> (text: String, port: Int) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard rc == 0 else { return ("unknown", 0) }
        let text = describe(&storage)
        let port = text.split(separator: ":").last.flatMap { Int($0) } ?? 0
        return (text, port)
    }

    /// Whether every address `host` resolves to is a loopback one (127.0.0.0/8 or ::1); false
    /// when it does not resolve. `helpdesk bench` refuses other targets unless told otherwise.
    static func isLoopback(host: String) -> Bool {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let info = node {
            node = info.pointee.ai_next
            guard let addr = info.pointee.ai_addr else { return false }
            if info.pointee.ai_family == AF_INET {
                let ip = addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
                if ip >> 24 != 127 { return false }
            } else if info.pointee.ai_family == AF_INET6 {
                let isLoop = addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 -> Bool in
                    withUnsafeBytes(of: sin6.pointee.sin6_addr) { raw in raw.prefix(15).allSatisfy { $0 == 0 } && raw[15] == 1 }
                }
                if !isLoop { return false }
            } else {
                return false
            }
        }
        return true
    }
}
