import Foundation
import Glibc
import HelpdeskCore

/// The closed-loop load generator behind `helpdesk bench`: it opens `connections` client
/// sockets, keeps `pipeline` requests in flight on each, and measures, per request, the time
/// from sending it to reading its one-line answer. Each worker thread drives its share of the
/// connections with `poll`, so a few threads can keep a thousand connections busy without
/// a thread each. Time-bounded by construction: it stops after warm-up plus duration.
public final class LoadGenerator: Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 7000
        public var connections = 50
        public var idleConnections = 0
        public var pipeline = 1
        public var warmup: Double = 1
        public var duration: Double = 5
        public var threads = 2
        /// Run the generator's threads as `SCHED_BATCH`: woken by a reply, they wait for a free
        /// core instead of preempting the server under test (see `BenchWorker.run`).
        public var batchScheduling = true
        /// Lines to send, cycled; each connection starts at a different offset (or at the first
        /// line with `fromStart`). `{connection}` in a line is replaced by the connection's number.
        public var requests: [String] = [#"{"id":1,"cmd":"ping"}"#]
        public var fromStart = false
        /// Read one line (the banner) after connecting, before sending anything.
        public var expectBanner = true
        public init() {}
    }

    public struct Result: Sendable {
        public var requests: Int
        public var errors: Int
        public var failedConnections: Int
        public var seconds: Double
        public var latency: LatencyHistogram
        /// Why the first failed connection failed (connect error, or how the server ended it).
        public var firstFailure: String? = nil
        public var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
    }

    /// Replaced, in each request line, by the number of the connection that sends it.
    public static let connectionToken = "{connection}"

    let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func run() throws -> Result {
        var idle: [Int32] = []
        defer { idle.forEach { close($0) } }
        for _ in 0..<options.idleConnections {
            idle.append(try Self.connect(host: options.host, port: options.port))
        }
        let clock = ContinuousClock()
        let start = clock.now
        let measureFrom = start + .milliseconds(Int64(options.warmup * 1000))
        let stopAt = measureFrom + .milliseconds(Int64(options.duration * 1000))
        let threads = max(1, min(options.threads, options.connections))
        let results = LockedResults()
        let group = DispatchGroup()
        for t in 0..<threads {
            let share = Array(stride(from: t, to: options.connections, by: threads))
            let worker = BenchWorker(options: options, connectionIndexes: share,
                                measureFrom: measureFrom, stopAt: stopAt)
            group.enter()
            Thread.detachNewThread {
                results.add(worker.run())
                group.leave()
            }
        }
        group.wait()
        var total = results.merged()
        total.seconds = options.duration
        return total
    }

    /// Whether `host` is a loopback address (the command refuses others without `--allow-remote`).
    public static func isLoopback(host: String) -> Bool { SocketAddress.isLoopback(host: host) }

    /// A connected, blocking client socket (the workers `poll` for replies and write requests whole).
    static func connect(host: String, port: Int) throws -> Int32 {
        let fd: Int32
        do {
            fd = try Socket.connect(host: host, port: port)
        } catch {
            throw RuntimeError(error.description)
        }
        var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&pfd, 1, 10_000)
        let failure = ready <= 0 ? ETIMEDOUT : Socket.pendingError(fd)
        guard failure == 0 else {
            close(fd)
            throw RuntimeError("connect \(host):\(port): \(String(cString: strerror(failure)))")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// A failure the command prints as one line.
    public struct RuntimeError: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }
}

/// Collects each worker's result under a lock.
private final class LockedResults: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var parts: [LoadGenerator.Result] = []

    func add(_ r: LoadGenerator.Result) {
        lock.lock(); parts.append(r); lock.unlock()
    }

    func merged() -> LoadGenerator.Result {
        lock.lock(); defer { lock.unlock() }
        var total = LoadGenerator.Result(requests: 0, errors: 0, failedConnections: 0, seconds: 0, latency: LatencyHistogram())
        for p in parts {
            total.requests += p.requests
            total.errors += p.errors
            total.failedConnections += p.failedConnections
            total.firstFailure = total.firstFailure ?? p.firstFailure
            total.latency.merge(p.latency)
        }
        return total
    }
}
