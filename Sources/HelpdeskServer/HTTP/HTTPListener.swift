import Dispatch
import Glibc
import HelpdeskCore
import Synchronization

/// The bridge's listening side: the network layer's `Listener` accepts clients (a bounded
/// number per wake-up, backing off when out of descriptors); this type admits them, refusing
/// with 503 past `maxConnections`, and tracks open connections so shutdown can drain them.
///
/// `Sendable` without `@unchecked`: the listener is immutable after `init` and the connection
/// table (`Admission`) sits behind a `Mutex`.
public final class HTTPListener: Sendable {
    public let port: Int
    private let listener: Listener
    private let admission: Admission

    /// The open connections and whether the bridge is stopping, shared with the accept queue.
    private final class Admission: Sendable {
        let handler: any HTTPHandling
        let limits: HTTPLimits
        let state = Mutex(State())

        struct State {
            var connections: [ObjectIdentifier: HTTPConnection] = [:]
            var stopped = false
        }

        init(handler: any HTTPHandling, limits: HTTPLimits) {
            self.handler = handler
            self.limits = limits
        }

        func admit(_ client: Int32) {
            let full = state.withLock { $0.stopped || $0.connections.count >= limits.maxConnections }
            if full {
                let bytes = HTTPResponse.error(503, code: "too_many_connections", message: "the bridge is at its connection limit").encode(keepAlive: false)
                Socket.refuse(client, bytes: bytes)
                handler.refused(status: 503, code: "too_many_connections")
                return
            }
            let box = Mutex<ObjectIdentifier?>(nil)
            let connection = HTTPConnection(fd: client, handler: handler, limits: limits) { [weak self] in
                guard let id = box.withLock({ $0 }) else { return }
                _ = self?.state.withLock { $0.connections.removeValue(forKey: id) }
            }
            let id = ObjectIdentifier(connection)
            box.withLock { $0 = id }
            state.withLock { $0.connections[id] = connection }
            connection.start()
        }
    }

    public init(host: String, port: Int, handler: any HTTPHandling, limits: HTTPLimits) throws(SocketError) {
        let admission = Admission(handler: handler, limits: limits)
        listener = try Listener(host: host, port: port, backlog: 511) { fd, _ in admission.admit(fd) }
        self.admission = admission
        self.port = listener.port
    }

    public var openConnections: Int { admission.state.withLock { $0.connections.count } }

    public func start() { listener.start() }

    /// Stops accepting and asks every open connection to finish its request and close.
    public func stop() {
        let open = admission.state.withLock { s -> [HTTPConnection] in
            s.stopped = true
            return Array(s.connections.values)
        }
        listener.stop()
        for c in open { c.drain() }
    }
}
