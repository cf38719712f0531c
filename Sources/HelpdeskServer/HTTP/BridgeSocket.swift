import Glibc

/// The few POSIX socket calls the bridge needs (listen, accept, non-blocking connect, read,
/// send), with `errno` read right after each call and EINTR retried. It exists because the
/// line server's socket layer was not yet available when the bridge was built; it keeps
/// distinct names so both can live in one module until the integrator folds them together.
enum BridgeSocket {
    enum IO {
        case done(Int)
        case wouldBlock
        case closed
        case failed(Int32)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Splits `host:port` (`[::1]:8080` for IPv6); the port must be 0...65535.
    static func split(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (host, port)
    }

    private static func resolve<T>(_ host: String, _ port: Int, passive: Bool,
                                   _ body: (UnsafeMutablePointer<addrinfo>) -> Result<T, Failure>) -> Result<T, Failure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = (passive ? AI_PASSIVE : 0) | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            return .failure(Failure(description: "cannot resolve \(host): \(String(cString: gai_strerror(rc)))"))
        }
        defer { freeaddrinfo(list) }
        var last = Failure(description: "no usable address for \(host)")
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let info = node {
            node = info.pointee.ai_next
            switch body(info) {
            case .success(let v): return .success(v)
            case .failure(let f): last = f
            }
        }
        return .failure(last)
    }

    /// A non-blocking listening socket bound to `host:port` with SO_REUSEADDR.
    static func listen(host: String, port: Int, backlog: Int32 = 511) throws(Failure) -> Int32 {
        try resolve(host, port, passive: true) { info -> Result<Int32, Failure> in
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { return .failure(Failure(description: "socket: \(errorText(errno))")) }
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                let e = errno
                close(fd)
                return .failure(Failure(description: "cannot listen on \(host):\(port): \(errorText(e))"))
            }
            guard Glibc.listen(fd, backlog) == 0 else {
                let e = errno
                close(fd)
                return .failure(Failure(description: "cannot listen on \(host):\(port): \(errorText(e))"))
            }
            prepare(fd)
            return .success(fd)
        }.get()
    }

    /// Starts a non-blocking connect; the socket becomes writable when it has finished
    /// (then `pendingError` tells whether it succeeded).
    static func startConnect(host: String, port: Int) throws(Failure) -> Int32 {
        try resolve(host, port, passive: false) { info -> Result<Int32, Failure> in
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { return .failure(Failure(description: "socket: \(errorText(errno))")) }
            prepare(fd)
            var rc: Int32
            repeat { rc = connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) } while rc != 0 && errno == EINTR
            if rc == 0 || errno == EINPROGRESS { return .success(fd) }
            let e = errno
            close(fd)
            return .failure(Failure(description: "connect \(host):\(port): \(errorText(e))"))
        }.get()
    }

    /// The error a non-blocking connect finished with (0 when it succeeded).
    static func pendingError(_ fd: Int32) -> Int32 {
        var err: Int32 = 0
        var len = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 else { return errno }
        return err
    }

    static func prepare(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    static func accept(_ listener: Int32) -> IO {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                prepare(fd)
                return .done(Int(fd))
            }
            let e = errno
            switch e {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(e)
            }
        }
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IO {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 { return .done(n) }
            if n == 0 { return .closed }
            let e = errno
            switch e {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case ECONNRESET: return .closed
            default: return .failed(e)
            }
        }
    }

    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> IO {
        while true {
            let n = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return .done(n) }
            let e = errno
            switch e {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EPIPE, ECONNRESET: return .closed
            default: return .failed(e)
            }
        }
    }

    /// The port a socket is bound to.
    static func localPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard rc == 0 else { return 0 }
        return withUnsafePointer(to: &storage) { p -> Int in
            if Int32(p.pointee.ss_family) == AF_INET6 {
                return p.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return p.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }
}
