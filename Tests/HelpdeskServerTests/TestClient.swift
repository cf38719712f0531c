import Foundation
import Glibc
@testable import HelpdeskServer
import HelpdeskCore

struct TestClientError: Error, CustomStringConvertible {
    var description: String
}

/// A blocking loopback client for the tests: a 10-second receive timeout so nothing hangs forever,
/// and line reading over its own buffer.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeoutSeconds: Int = 10) throws {
        fd = try connectLoopback(port: port, timeoutSeconds: timeoutSeconds)
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestClientError(description: "send failed: errno \(errno)") }
            offset += n
        }
    }

    /// The next line without its `\n`; nil at end of stream; throws after the receive timeout.
    func readLine() throws -> String? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeFirst(nl + 1)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return nil }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return nil }
                throw TestClientError(description: "receive timed out or failed: errno \(errno)")
            }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    func expectLine() throws -> String {
        guard let line = try readLine() else { throw TestClientError(description: "connection closed early") }
        return line
    }

    /// Reads a JSON reply line and parses it.
    func readJSON() throws -> JSONValue {
        try JSONParser.parse(try expectLine())
    }
}

/// A server on an ephemeral port for one test; `stop()` shuts it down and waits.
struct RunningServer {
    let server: Server
    let port: Int

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }, responder: any Responder = EchoResponder()) throws {
        var c = ServerConfiguration()
        c.port = 0
        configure(&c)
        server = Server(configuration: c, responder: responder)
        port = try server.start()
    }

    /// A connected client that has already read the banner.
    func client() throws -> TestClient {
        let client = try TestClient(port: port)
        _ = try client.expectLine()
        return client
    }

    func stop() {
        server.shutdown()
        server.waitUntilStopped()
    }
}

/// A blocking IPv4 loopback socket with a receive timeout, so no test waits forever; shared by
/// the line-protocol and HTTP test clients.
func connectLoopback(port: Int, timeoutSeconds: Int = 10, receiveBuffer: Int32? = nil) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    if var size = receiveBuffer {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
    var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = UInt16(port).bigEndian
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let rc = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard rc == 0 else {
        Glibc.close(fd)
        throw TestClientError(description: "connect failed: errno \(errno)")
    }
    return fd
}

/// Sends `bytes` on `fd` from another thread (the server may stop reading part-way) and returns
/// a semaphore signalled when the send has finished or failed.
func sendInBackground(_ fd: Int32, _ bytes: [UInt8]) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            offset += n
        }
        done.signal()
    }
    return done
}

/// Reads `fd` until the stream ends: the bytes, and how it ended (0 for a clean end of stream,
/// else the errno, e.g. ECONNRESET for a reset).
func readToEnd(_ fd: Int32) -> (bytes: [UInt8], end: Int32) {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { bytes.append(contentsOf: chunk[..<n]); continue }
        if n < 0, errno == EINTR { continue }
        return (bytes, n == 0 ? 0 : errno)
    }
}
