import CLinux
import Foundation
import Glibc
import HelpdeskCore

/// One load-generator thread: drives its share of the connections with `epoll`, keeping
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
        // SCHED_BATCH: on a machine the generator shares with the server under test, each reply
        // otherwise wakes a generator thread that preempts the server right after its `send` (perf:
        // ~6 % of the server's samples in the scheduler, there), costing the server two context
        // switches per reply that remote clients never cause.
        if options.batchScheduling { BatchScheduling.enterForCurrentThread() }
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
        // epoll rather than poll: with 25+ sockets per thread, poll's per-call scan of every
        // socket was a sixth of the load generator's CPU, taken from the server under test.
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { return result }
        defer { close(epoll) }
        for k in conns.indices {
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.u64 = UInt64(k)
            epoll_ctl(epoll, EPOLL_CTL_ADD, conns[k].fd, &event)
        }
        var ready = [epoll_event](repeating: epoll_event(), count: max(1, conns.count))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var open = conns.count
        while clock.now < stopAt, open > 0 {
            let count = epoll_wait(epoll, &ready, Int32(ready.count), 100)
            if count <= 0 { continue }
            for r in 0..<Int(count) {
                let k = Int(ready[r].data.u64)
                let n = buffer.withUnsafeMutableBytes { recv(conns[k].fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 {
                    let reason = n == 0 ? "closed by the server" : String(cString: strerror(errno))
                    result.firstFailure = result.firstFailure ?? "connection \(k): \(reason)"
                    result.failedConnections += 1
                    epoll_ctl(epoll, EPOLL_CTL_DEL, conns[k].fd, nil)
                    open -= 1
                    continue
                }
                let now = clock.now
                if conns[k].inbox.isEmpty {
                    // the usual case: whole replies in one read, timed straight from the buffer
                    let used = buffer.withUnsafeBufferPointer { answer(UnsafeBufferPointer(rebasing: $0[0..<n]), &conns[k], &result, now: now) }
                    if used < n { conns[k].inbox.append(contentsOf: buffer[used..<n]) }
                } else {
                    var inbox: [UInt8] = []
                    swap(&inbox, &conns[k].inbox)   // taken out, so that `answer` may change the connection
                    inbox.append(contentsOf: buffer[0..<n])
                    let used = inbox.withUnsafeBufferPointer { answer($0, &conns[k], &result, now: now) }
                    inbox.removeFirst(used)
                    swap(&inbox, &conns[k].inbox)
                }
            }
        }
        return result
    }

    /// Times each complete reply line in `bytes` and sends the next request for it; returns how
    /// many bytes the complete lines took (the rest is a partial line for the inbox). Lines are
    /// found with `memchr` and checked for an error without copying: at tens of
    /// thousands of replies a second, the load generator's work per reply is CPU that the server
    /// under test, on the same cores, does not get.
    private func answer(_ bytes: UnsafeBufferPointer<UInt8>, _ c: inout Conn, _ result: inout LoadGenerator.Result,
                        now: ContinuousClock.Instant) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var start = 0
        while start < bytes.count, let nl = memchr(base + start, 10, bytes.count - start) {
            let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
            defer { start = end + 1 }
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
                if Self.isError(UnsafeBufferPointer(rebasing: bytes[start..<end])) { result.errors += 1 }
                let d = now - sent
                result.latency.record(d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000)
            }
            send(&c)
        }
        if c.sentHead > 1024 {
            c.sentAt.removeFirst(c.sentHead)
            c.sentHead = 0
        }
        return start
    }

    private static let errorKey = Array(#""error":"#.utf8)

    /// Whether a reply line is an error: a JSON reply with an `"error":` key, or a Redis-style `-`.
    static func isError(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.first == UInt8(ascii: "-") { return true }
        let key = errorKey
        let m = key.count
        guard line.count >= m, let base = line.baseAddress else { return false }
        var i = 0
        while i <= line.count - m {
            guard let hit = memchr(base + i, Int32(key[0]), line.count - m + 1 - i) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, key, m) == 0 { return true }
            i = at + 1
        }
        return false
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
