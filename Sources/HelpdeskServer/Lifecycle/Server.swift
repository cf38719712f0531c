import Dispatch
import Foundation
import Glibc
import HelpdeskCore
import Synchronization

/// The line-protocol server as one object with a small lifecycle: `start` (bind, announce
/// `listening on HOST:PORT`), `shutdown` (stop accepting, answer what is in flight, tell people
/// the service is going down, flush the recorder) and `waitUntilStopped`. It owns the table of
/// live connections (a `Mutex`), the connection limit and the idle sweep; each connection does
/// its own work on its event loop's thread.
///
/// `@unchecked Sendable`: mutable fields are either in `Mutex`es/atomics or touched only on `queue`.
public final class Server: @unchecked Sendable {
    public let configuration: ServerConfiguration
    private let responder: any Responder
    private let recorder: any ExchangeRecording
    private let router: CommandRouter
    private let relay: (any ConversationRelay)?
    private let onReload: @Sendable () -> Void
    private let queue = DispatchQueue(label: "helpdesk.server")
    private let loops = EventLoopGroup()
    private let connections = Mutex<[Int: Connection]>([:])
    private let nextNumber = Atomic<Int>(1)
    private let stopping = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    private var listener: Listener?
    private var timers: [DispatchSourceTimer] = []
    private var signalSources: [DispatchSourceSignal] = []
    private var finished = false

    public init(configuration: ServerConfiguration, responder: any Responder,
                recorder: any ExchangeRecording = DiscardingRecorder(), router: CommandRouter = CommandRouter(),
                relay: (any ConversationRelay)? = nil, onReload: @escaping @Sendable () -> Void = {}) {
        self.relay = relay
        self.configuration = configuration
        self.responder = responder
        self.recorder = recorder
        self.router = router
        self.onReload = onReload
    }

    /// The port actually bound (the kernel's choice with port 0); nil before `start`.
    public var port: Int? { queue.sync { listener?.port } }

    public var connectionCount: Int { connections.withLock { $0.count } }

    /// Binds and starts serving; logs `listening on HOST:PORT`. With `handleSignals`, SIGINT and
    /// SIGTERM shut down gracefully and SIGHUP calls `onReload` (the CLI sets it; tests do not).
    @discardableResult
    public func start(handleSignals: Bool = false) throws(SocketError) -> Int {
        Socket.ignoreSIGPIPE()
        let listener = try Listener(host: configuration.host, port: configuration.port,
                                    backlog: configuration.listenBacklog) { [self] fd, peer in accept(fd, peer) }
        queue.sync {
            self.listener = listener
            let sweep = min(1, max(0.05, configuration.idleTimeout / 4))
            timers.append(repeating(every: sweep) { [self] in sweepIdle() })
            if handleSignals { installSignals() }
        }
        loops.start()
        listener.start()
        Log.info("listening on \(listener.address)")
        return listener.port
    }

    /// Begins a graceful shutdown (idempotent, any thread); `waitUntilStopped` returns when done.
    public func shutdown() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        queue.async { [self] in
            Log.info("shutting down: \(connectionCount) connection(s) open")
            listener?.stop()
            let open = connections.withLock { Array($0.values) }
            for connection in open { connection.finish(saying: ServerPhrases.shuttingDown) }
            checkFinished()
            queue.asyncAfter(deadline: .now() + configuration.closeGrace) { [self] in
                let stragglers = connections.withLock { Array($0.values) }
                for connection in stragglers { connection.abort() }
                queue.asyncAfter(deadline: .now() + 0.5) { [self] in finish() }
            }
        }
    }

    /// Blocks the calling thread until shutdown has completed.
    public func waitUntilStopped() {
        stopped.wait()
        stopped.signal()
    }

    private func accept(_ fd: Int32, _ peer: String) {
        if stopping.load(ordering: .relaxed) {
            Socket.refuse(fd, line: ServerPhrases.shuttingDown)
            return
        }
        let number = nextNumber.add(1, ordering: .relaxed).oldValue
        let connection = Connection(fd: fd, number: number, peer: peer, loop: loops.nextLoop(), configuration: configuration,
                                    responder: responder, recorder: recorder, router: router, relay: relay) { [self] c in closed(c) }
        let admitted = connections.withLock { table -> Bool in
            guard table.count < configuration.maxConnections else { return false }
            table[number] = connection
            return true
        }
        guard admitted else {
            Log.debug("refused \(peer): \(configuration.maxConnections) connections open")
            Socket.refuse(fd, line: ServerPhrases.busy)
            return
        }
        connection.start()
    }

    private func closed(_ connection: Connection) {
        _ = connections.withLock { $0.removeValue(forKey: connection.number) }
        if stopping.load(ordering: .relaxed) {
            queue.async { [self] in checkFinished() }
        }
    }

    private func checkFinished() {
        if connectionCount == 0 { finish() }
    }

    private func finish() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !finished else { return }
        finished = true
        for timer in timers { timer.cancel() }
        loops.stop()
        recorder.flush()
        Log.info("stopped")
        stopped.signal()
    }

    /// Closes connections idle past the timeout, and cuts closing ones that would not drain.
    private func sweepIdle() {
        let now = DispatchTime.now().uptimeNanoseconds
        let idle = UInt64(configuration.idleTimeout * 1e9)
        let grace = UInt64(configuration.closeGrace * 1e9)
        let open = connections.withLock { Array($0.values) }
        // A connection may record activity after `now` was read: its instant is then later than
        // `now`, and `now &- instant` would wrap to a huge "idle time" and close a busy client
        // (the ramp-up failures of `bench --idle 10000`). `elapsed` is 0 in that case.
        func elapsed(since instant: UInt64) -> UInt64 { Self.elapsed(from: instant, to: now) }
        for connection in open {
            let closing = connection.closingSince.load(ordering: .relaxed)
            if closing != 0 {
                if elapsed(since: closing) > grace { connection.abort() }
            } else if elapsed(since: connection.lastActivity.load(ordering: .relaxed)) > idle {
                connection.close(saying: ServerPhrases.idle)
            }
        }
    }

    /// Nanoseconds from `instant` to `now`; 0 when `instant` is the later one (never wraps).
    static func elapsed(from instant: UInt64, to now: UInt64) -> UInt64 {
        instant < now ? now - instant : 0
    }

    private func repeating(every seconds: Double, _ body: @escaping @Sendable () -> Void) -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + seconds, repeating: seconds, leeway: .milliseconds(20))
        timer.setEventHandler(handler: body)
        timer.resume()
        return timer
    }

    private func installSignals() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                if sig == SIGHUP {
                    Log.info("reload requested")
                    onReload()
                } else {
                    Log.info("received \(sig == SIGINT ? "SIGINT" : "SIGTERM")")
                    shutdown()
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
