import Foundation
import Glibc
import HelpdeskCore

/// One load-generator thread: drives its share of the connections with `poll`, keeping
/// `pipeline` requests in flight on each, and times every answer. Owned by one thread only.
final class BenchWorker: @unchecked Sendable {
    // Safe: created on the starting thread, then used only by the one thread that runs `run()`.
    private struct Conn {
        var fd: Int32
        var inbox: [UInt8] = []
        var sentAt: [ContinuousClock.Instant] = []   // FIFO of in-flight request send times
        var sentHead = 0
        var next: Int
        var awaitingBanner: Bool
        /// This connection's request lines (shared storage unless they name `{connection}`).
        var payloads: [[UInt8]]
    }

    private let options: LoadGenerator.Options
    private let indexes: [Int]
    private let measureFrom: ContinuousClock.Instant
    private let stopAt: ContinuousClock.Instant
    private let payloads: [[UInt8]]

    init(options: LoadGenerator.Options, connectionIndexes: [Int],
         measureFrom: ContinuousClock.Instant, stopAt: ContinuousClock.Instant) {
        self.options = options
        self.indexes = connectionIndexes
        self.measureFrom = measureFrom
        self.stopAt = stopAt
        self.payloads = options.requests.map { Array(($0 + "\n").utf8) }
    }

    /// The request lines for connection `i`: `{connection}` in a line becomes `i`, so each
    /// connection can be its own user and hold a conversation of its own (a complaint dialog).
    func payloads(for i: Int) -> [[UInt8]] {
        guard options.requests.contains(where: { $0.contains(LoadGenerator.connectionToken) }) else { return payloads }
        return options.requests.map { Array(($0.replacingOccurrences(of: LoadGenerator.connectionToken, with: String(i)) + "\n").utf8) }
    }

    func run() -> LoadGenerator.Result {
        var result = LoadGenerator.Result(requests: 0, errors: 0, failedConnections: 0, seconds: 0, latency: LatencyHistogram())
        var conns: [Conn] = []
        for i in indexes {
            let fd: Int32
            do {
                fd = try LoadGenerator.connect(host: options.host, port: options.port)
            } catch {
                result.failedConnections += 1
                result.firstFailure = result.firstFailure ?? "\(error)"
                continue
            }
            conns.append(Conn(fd: fd, next: options.fromStart ? 0 : i * 7919, awaitingBanner: options.expectBanner, payloads: payloads(for: i)))
        }
        defer { conns.forEach { close($0.fd) } }
        for i in conns.indices where !conns[i].awaitingBanner {
            fill(&conns[i])
        }
        let clock = ContinuousClock()
        var fds = conns.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while clock.now < stopAt, !conns.isEmpty {
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready <= 0 { continue }
            for k in fds.indices where fds[k].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { recv(conns[k].fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 {
                    let reason = n == 0 ? "closed by the server" : String(cString: strerror(errno))
                    result.firstFailure = result.firstFailure ?? "connection \(k): \(reason)"
                    result.failedConnections += 1
                    fds[k].fd = -1
                    continue
                }
                conns[k].inbox.append(contentsOf: buffer[0..<n])
                drainLines(&conns[k], &result, now: clock.now)
            }
        }
        return result
    }

    private func drainLines(_ c: inout Conn, _ result: inout LoadGenerator.Result, now: ContinuousClock.Instant) {
        var start = 0
        while let nl = c.inbox[start...].firstIndex(of: 10) {
            let line = c.inbox[start..<nl]
            start = nl + 1
            if c.awaitingBanner {
                c.awaitingBanner = false
                fill(&c)
                continue
            }
            guard c.sentHead < c.sentAt.count else { continue }   // unsolicited line (e.g. a notice)
            let sent = c.sentAt[c.sentHead]
            c.sentHead += 1
            if sent >= measureFrom && now < stopAt {
                result.requests += 1
                if isError(line) { result.errors += 1 }
                let d = now - sent
                result.latency.record(d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000)
            }
            send(&c)
        }
        if start > 0 { c.inbox.removeFirst(start) }
        if c.sentHead > 1024 {
            c.sentAt.removeFirst(c.sentHead)
            c.sentHead = 0
        }
    }

    private func isError(_ line: ArraySlice<UInt8>) -> Bool {
        let needle = Array(#""error":"#.utf8)
        guard line.count >= needle.count else { return false }
        return line.indices.dropLast(needle.count - 1).contains { i in
            line[i..<(i + needle.count)].elementsEqual(needle)
        } || line.first == UInt8(ascii: "-")   // Redis-style error reply
    }

    private func fill(_ c: inout Conn) {
        for _ in 0..<options.pipeline { send(&c) }
    }

    private func send(_ c: inout Conn) {
        let payload = c.payloads[c.next % c.payloads.count]
        c.next += 1
        c.sentAt.append(ContinuousClock().now)
        var offset = 0
        while offset < payload.count {
            let n = payload.withUnsafeBytes { Glibc.send(c.fd, $0.baseAddress! + offset, payload.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }
}
