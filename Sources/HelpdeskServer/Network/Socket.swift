import Glibc

/// The thin layer over POSIX socket calls the network code needs, with errno read right after
/// each call and EINTR retried. Everything else in the server speaks in these results, never in
/// raw return codes.
enum Socket {
    enum IOResult {
        case done(Int)
        case wouldBlock
        case closed
        case failed(Int32)
    }

    /// Ignores SIGPIPE process-wide: a peer that goes away is a normal disconnect, not a signal.
    static func ignoreSIGPIPE() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// A non-blocking listening socket for `host:port` (IPv4 or IPv6 literal, or a name), with
    /// SO_REUSEADDR; IPv6 wildcard listeners also accept IPv4.
    static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> Int32 {
        try firstWorking(host: host, port: port, passive: true, what: "listen") { info in
            let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
            if fd < 0 { return .failure(SocketError("socket")) }
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            if info.ai_family == AF_INET6 {
                var off: Int32 = 0
                setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &off, socklen_t(MemoryLayout<Int32>.size))
            }
            guard bind(fd, info.ai_addr, info.ai_addrlen) == 0 else {
                let error = SocketError("bind \(host):\(port)")
                close(fd)
                return .failure(error)
            }
            guard Glibc.listen(fd, backlog) == 0 else {
                let error = SocketError("listen \(host):\(port)")
                close(fd)
                return .failure(error)
            }
            prepare(fd)
            return .success(fd)
        }
    }

    /// Resolves `host:port` and tries each address in turn until `attempt` returns a descriptor;
    /// throws the resolver's error, or the last attempt's.
    private static func firstWorking(host: String, port: Int, passive: Bool, what: String,
                                     _ attempt: (addrinfo) -> Result<Int32, SocketError>) throws(SocketError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = (passive ? AI_PASSIVE : 0) | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let gai = getaddrinfo(host, String(port), &hints, &list)
        guard gai == 0, let first = list else {
            throw SocketError("resolve \(host): \(String(cString: gai_strerror(gai)))", code: 0)
        }
        defer { freeaddrinfo(list) }
        var lastError = SocketError("\(what) \(host):\(port)", code: EADDRNOTAVAIL)
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let info = node {
            node = info.pointee.ai_next
            switch attempt(info.pointee) {
            case .success(let fd): return fd
            case .failure(let error): lastError = error
            }
        }
        throw lastError
    }

    /// Non-blocking and close-on-exec (so a spawned process never inherits client sockets).
    static func prepare(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    static func setNoDelay(_ fd: Int32) {
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    enum AcceptResult {
        case accepted(fd: Int32, peer: String)
        case wouldBlock
        case failed(Int32)
    }

    static func accept(_ listener: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(listener, $0, &length) }
            }
            if fd >= 0 {
                prepare(fd)
                setNoDelay(fd)
                return .accepted(fd: fd, peer: SocketAddress.describe(&storage))
            }
            let e = errno
            switch e {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(e)
            }
        }
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 { return .done(n) }
            if n == 0 { return .closed }
            let e = errno
            switch e {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(e)
            }
        }
    }

    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            let n = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return .done(n) }
            let e = errno
            switch e {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(e)
            }
        }
    }

    /// Starts a non-blocking connect to `host:port` (a literal or a name; each resolved address is
    /// tried in turn). The socket becomes writable when the connect has finished; `pendingError`
    /// then says whether it succeeded.
    static func connect(host: String, port: Int) throws(SocketError) -> Int32 {
        try firstWorking(host: host, port: port, passive: false, what: "connect") { info in
            let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
            if fd < 0 { return .failure(SocketError("socket")) }
            prepare(fd)
            setNoDelay(fd)
            var rc: Int32
            repeat { rc = Glibc.connect(fd, info.ai_addr, info.ai_addrlen) } while rc != 0 && errno == EINTR
            if rc == 0 || errno == EINPROGRESS { return .success(fd) }
            let error = SocketError("connect \(host):\(port)")
            close(fd)
            return .failure(error)
        }
    }

    /// The error a non-blocking connect finished with (0 when it succeeded).
    static func pendingError(_ fd: Int32) -> Int32 {
        var err: Int32 = 0
        var len = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 else { return errno }
        return err
    }

    /// Best effort for a client refused with a ready-made answer (an HTTP 503): send, then close.
    static func refuse(_ fd: Int32, bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(fd, $0) }
        shutdown(fd, Int32(SHUT_WR))
        close(fd)
    }

    /// Best effort for a client we refuse: one line on a fresh socket (its buffer is empty, so the
    /// line fits), then close.
    static func refuse(_ fd: Int32, line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        _ = bytes.withUnsafeBytes { send(fd, $0) }
        shutdown(fd, Int32(SHUT_WR))
        close(fd)
    }
}
