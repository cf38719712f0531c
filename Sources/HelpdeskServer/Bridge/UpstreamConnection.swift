import Dispatch
import Glibc
import Synchronization

/// Why a request to the upstream server failed; every case becomes 502 except `saturated` (503).
public enum UpstreamFailure: Error, Sendable, Equatable {
    /// No connection is up (the server is down or restarting; back-off in progress).
    case unavailable
    /// The connection broke with this request in flight.
    case disconnected
    /// The server sent something that is not a reply to this request.
    case protocolError
    /// No reply within the upstream timeout.
    case timeout
    /// Too many requests are already waiting for the server.
    case saturated
}

/// One persistent line-protocol connection to the helpdesk server. Requests are pipelined:
/// each is written at once and its completion queued; replies arrive in request order and are
/// matched to the head of the queue by their echoed `id`. When the connection breaks (the
/// server restarts), every request in flight fails with `.disconnected` and the connection
/// reconnects with exponential back-off (50 ms doubling to 2 s), discarding the banner line
/// each new connection starts with.
///
/// `@unchecked Sendable`: mutable state is touched only on `queue`; what the pool reads from
/// other threads (`isReady`, `inFlight`) is atomic.
final class UpstreamConnection: @unchecked Sendable {
    typealias Completion = @Sendable (Result<UpstreamCodec.Reply, UpstreamFailure>) -> Void

    private struct Pending {
        var id: String
        var sent: ContinuousClock.Instant
        var completion: Completion
    }

    let host: String
    let port: Int
    private let timeout: Double
    private let queue: DispatchQueue
    private let ready = Atomic<Bool>(false)
    private let waiting = Atomic<Int>(0)
    private var stream: SocketStream?
    private var connectSource: DispatchSourceWrite?
    private var connectingFD: Int32 = -1
    private var connectFailed = false
    private var pending: [Pending] = []
    private var pendingHead = 0
    private var line: [UInt8] = []
    private var sawBanner = false
    private var backoff = 0.05
    private var stopped = false
    private var watchdog: DispatchSourceTimer?

    init(host: String, port: Int, timeout: Double, index: Int) {
        self.host = host
        self.port = port
        self.timeout = timeout
        queue = DispatchQueue(label: "helpdesk.bridge.upstream.\(index)")
    }

    var isReady: Bool { ready.load(ordering: .relaxed) }
    var inFlight: Int { waiting.load(ordering: .relaxed) }

    func start() {
        queue.async { [self] in
            let t = DispatchSource.makeTimerSource(queue: queue)
            t.setEventHandler { [weak self] in self?.checkTimeouts() }
            t.schedule(deadline: .now() + 0.5, repeating: 0.5)
            t.resume()
            watchdog = t
            connect()
        }
    }

    func stop() {
        queue.async { [self] in
            stopped = true
            watchdog?.cancel()
            stream?.close()
        }
    }

    /// Sends one request line; `completion` runs on this connection's queue.
    func send(id: String, line bytes: [UInt8], completion: @escaping Completion) {
        waiting.add(1, ordering: .relaxed)
        queue.async { [self] in
            guard let stream, !stream.isClosed, isReady else {
                waiting.subtract(1, ordering: .relaxed)
                completion(.failure(.unavailable))
                return
            }
            pending.append(Pending(id: id, sent: .now, completion: completion))
            stream.write(bytes)
        }
    }

    private func connect() {
        guard !stopped else { return }
        let fd: Int32
        do {
            fd = try Socket.connect(host: host, port: port)
        } catch {
            retryLater()
            return
        }
        connectingFD = fd
        let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.connectFinished() }
        // The descriptor of a failed connect is closed only once this source has cancelled.
        source.setCancelHandler { [weak self] in
            if self?.connectFailed ?? true { Glibc.close(fd) }
        }
        connectSource = source
        source.resume()
    }

    private func connectFinished() {
        guard let source = connectSource else { return }
        connectSource = nil
        let fd = connectingFD
        connectingFD = -1
        let error = Socket.pendingError(fd)
        connectFailed = error != 0
        source.cancel()
        if connectFailed {
            retryLater()
            return
        }
        let s = SocketStream(fd: fd, queue: queue)
        s.onBytes = { [unowned self] bytes in self.received(bytes) }
        s.onClose = { [unowned self] in self.lost() }
        stream = s
        sawBanner = false
        line.removeAll()
        s.start()
        if stopped { s.close() }
    }

    private func retryLater() {
        guard !stopped else { return }
        let delay = backoff
        backoff = min(backoff * 2, 2)
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in self?.connect() }
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        for (i, b) in bytes.enumerated() where b == 10 {
            line.append(contentsOf: bytes[start..<i])
            start = i + 1
            if line.last == 13 { line.removeLast() }
            handleLine(line)
            line.removeAll(keepingCapacity: true)
            if stream?.isClosed ?? true { return }
        }
        line.append(contentsOf: bytes[start...])
        if line.count > 1 << 20 { stream?.close() }
    }

    private func handleLine(_ text: [UInt8]) {
        guard sawBanner else {
            sawBanner = true
            backoff = 0.05
            ready.store(true, ordering: .relaxed)
            return
        }
        guard pendingHead < pending.count else { return }  // an unsolicited line: ignore it
        let head = pending[pendingHead]
        guard let reply = UpstreamCodec.reply(text), reply.id == head.id else {
            stream?.close()  // out of step: fail everything in flight and reconnect
            return
        }
        pendingHead += 1
        if pendingHead > 64 && pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        waiting.subtract(1, ordering: .relaxed)
        head.completion(.success(reply))
    }

    /// When the oldest request has waited past the timeout, drop the connection: the server is
    /// stuck, and every reply behind it would be late too.
    private func checkTimeouts() {
        guard pendingHead < pending.count else { return }
        let age = ContinuousClock.now - pending[pendingHead].sent
        if age > .milliseconds(Int(timeout * 1000)) { fail(.timeout) }
    }

    private func fail(_ reason: UpstreamFailure) {
        let failed = pending[pendingHead...]
        pending.removeAll()
        pendingHead = 0
        waiting.subtract(failed.count, ordering: .relaxed)
        ready.store(false, ordering: .relaxed)
        stream?.close()
        for p in failed { p.completion(.failure(reason)) }
    }

    private func lost() {
        ready.store(false, ordering: .relaxed)
        stream = nil
        if pendingHead < pending.count { fail(.disconnected) }
        retryLater()
    }
}
