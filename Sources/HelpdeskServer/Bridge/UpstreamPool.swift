import Synchronization

/// A small pool of persistent connections to the helpdesk server. It exists to spread webhook
/// traffic over a few pipelined connections, to fail fast (502) while every connection is down
/// and backing off, and to shed load (503) when more than `maxWaiting` requests are already
/// waiting for the server, instead of queueing without bound.
public final class UpstreamPool: Sendable {
    private let connections: [UpstreamConnection]
    private let maxWaiting: Int
    private let nextID = Atomic<Int>(0)
    private let metrics: BridgeMetrics

    public init(host: String, port: Int, connections count: Int, timeout: Double, maxWaiting: Int, metrics: BridgeMetrics) {
        connections = (0..<max(1, count)).map { UpstreamConnection(host: host, port: port, timeout: timeout, index: $0) }
        self.maxWaiting = maxWaiting
        self.metrics = metrics
    }

    public func start() { connections.forEach { $0.start() } }
    public func stop() { connections.forEach { $0.stop() } }

    public var readyCount: Int { connections.filter(\.isReady).count }
    public var waitingCount: Int { connections.reduce(0) { $0 + $1.inFlight } }

    /// Forwards a message; `completion` gets the reply and the id it was sent under.
    public func send(_ message: InboundMessage,
                     completion: @escaping @Sendable (Result<UpstreamCodec.Reply, UpstreamFailure>, String) -> Void) {
        let id = "b\(nextID.add(1, ordering: .relaxed).newValue)"
        forward(id: id, line: UpstreamCodec.messageLine(id: id, message), user: message.user) { completion($0, id) }
    }

    /// Sends `{"cmd":"ping"}`: success when the server answers `ok:true`.
    public func ping(completion: @escaping @Sendable (Result<UpstreamCodec.Reply, UpstreamFailure>) -> Void) {
        let id = "b\(nextID.add(1, ordering: .relaxed).newValue)"
        forward(id: id, line: UpstreamCodec.pingLine(id: id), completion: completion)
    }

    private func forward(id: String, line: [UInt8], user: String? = nil,
                         completion: @escaping @Sendable (Result<UpstreamCodec.Reply, UpstreamFailure>) -> Void) {
        guard let connection = user.flatMap(home) ?? pick() else {
            metrics.error("upstream_unavailable")
            completion(.failure(.unavailable))
            return
        }
        if waitingCount >= maxWaiting {
            metrics.error("saturated")
            completion(.failure(.saturated))
            return
        }
        let metrics = self.metrics
        let start = ContinuousClock.now
        connection.send(id: id, line: line) { result in
            switch result {
            case .success:
                let d = ContinuousClock.now - start
                metrics.upstreamLatency(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
            case .failure(let f):
                metrics.error("upstream_\(f)")
            }
            completion(result)
        }
    }

    /// The connection a user's messages always travel on while it is up, so that two messages
    /// of one person sent in quick succession reach the desk, and are answered, in order (the
    /// server answers each connection in order, but two connections in parallel). A stable hash
    /// (FNV-1a), not `hashValue`, which changes from run to run.
    func home(_ user: String) -> UpstreamConnection? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in user.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let c = connections[Int(hash % UInt64(connections.count))]
        return c.isReady ? c : nil
    }

    /// The ready connection with the fewest requests in flight, or nil when none is ready.
    private func pick() -> UpstreamConnection? {
        var best: UpstreamConnection?
        let offset = nextID.load(ordering: .relaxed)
        for i in 0..<connections.count {
            let c = connections[(i + offset) % connections.count]
            guard c.isReady else { continue }
            if best == nil || c.inFlight < best!.inFlight { best = c }
        }
        return best
    }
}
