import Dispatch
import Glibc
import HelpdeskCore
import Synchronization

/// The bridge's listening socket: accepts clients (a bounded number per wake-up, so a flood
/// cannot starve the connections already open), refuses them with 503 past `maxConnections`,
/// and tracks open connections so shutdown can drain them.
///
/// `@unchecked Sendable`: `source` is a `let` set up in `init` (Dispatch sources are
/// thread-safe to resume, suspend and cancel); the connection table sits behind a `Mutex`.
public final class HTTPListener: @unchecked Sendable {
    public let port: Int
    private let fd: Int32
    private let queue = DispatchQueue(label: "helpdesk.bridge.accept")
    private let handler: any HTTPHandling
    private let limits: HTTPLimits
    private let state = Mutex(State())
    private let source: DispatchSourceRead

    private struct State {
        var connections: [ObjectIdentifier: HTTPConnection] = [:]
        var stopped = false
    }

    public init(host: String, port: Int, handler: any HTTPHandling, limits: HTTPLimits) throws {
        do {
            fd = try BridgeSocket.listen(host: host, port: port)
        } catch {
            throw error
        }
        self.port = BridgeSocket.localPort(fd)
        self.handler = handler
        self.limits = limits
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
    }

    public var openConnections: Int { state.withLock { $0.connections.count } }

    public func start() {
        let fd = self.fd
        source.setEventHandler { [weak self] in self?.acceptSome() }
        source.setCancelHandler { Glibc.close(fd) }
        source.resume()
    }

    private func acceptSome() {
        for _ in 0..<64 {
            switch BridgeSocket.accept(fd) {
            case .done(let n):
                admit(Int32(n))
            case .wouldBlock, .closed:
                return
            case .failed(let e):
                if e == EMFILE || e == ENFILE {
                    Log.warning("bridge: accept: \(BridgeSocket.errorText(e)); pausing accepts for 100 ms")
                    source.suspend()
                    queue.asyncAfter(deadline: .now() + 0.1) { [weak self] in self?.source.resume() }
                }
                return
            }
        }
    }

    private func admit(_ client: Int32) {
        let full = state.withLock { $0.stopped || $0.connections.count >= limits.maxConnections }
        if full {
            let bytes = HTTPResponse.error(503, code: "too_many_connections", message: "the bridge is at its connection limit").encode(keepAlive: false)
            _ = bytes.withUnsafeBytes { BridgeSocket.send(client, $0) }
            Glibc.close(client)
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

    /// Stops accepting and asks every open connection to finish its request and close.
    public func stop() {
        let open = state.withLock { s -> [HTTPConnection] in
            s.stopped = true
            return Array(s.connections.values)
        }
        source.cancel()
        for c in open { c.drain() }
    }
}
