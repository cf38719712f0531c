import Foundation
import Glibc
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// The server listens on IPv6 too: `::1` serves IPv6 clients, and the `::` wildcard also takes
/// IPv4 clients (IPV6_V6ONLY off), as the README's `--host ::` promises.
@Suite struct IPv6Tests {
    @Test func ipv6LoopbackServesAnIPv6Client() throws {
        let running = try RunningServer { $0.host = "::1" }
        defer { running.stop() }
        let fd = try LoadGenerator.connect(host: "::1", port: running.port)
        defer { close(fd) }
        var tv = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let request = Array(#"{"id":6,"cmd":"ping"}"#.utf8) + [10]
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.filter({ $0 == 10 }).count < 2 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            received += buffer[0..<n]
        }
        let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)   // the banner, then the answer
        #expect(lines.last == #"{"id":6,"ok":true}"#)
    }

    @Test func ipv6WildcardAlsoTakesIPv4Clients() throws {
        let running = try RunningServer { $0.host = "::" }
        defer { running.stop() }
        let client = try running.client()
        try client.send(#"{"id":4,"cmd":"ping"}"# + "\n")
        #expect(try client.expectLine() == #"{"id":4,"ok":true}"#)
    }
}
