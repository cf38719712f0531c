import Dispatch
import Glibc
import HelpdeskCore
import Synchronization

/// One client socket and everything mutable about it: framer, protocol session and output
/// buffer. All of it is touched only on the thread of the `EventLoop` the connection was given
/// (checked with `assertInLoop` in debug builds): the loop calls `readable` when the socket has
/// input, the replies of one read are encoded into the loop's shared buffer and sent with one
/// `send`, and only output the socket did not take stays with the connection. Reads stop above
/// the output high-water mark and resume below the low one; the loop watches for writability
/// only while output is pending. Calls from other threads become tasks on the loop.
///
/// `@unchecked Sendable`: the only state read from other threads is `lastActivity` and
/// `closingSince` (atomics) and the immutable `let`s; everything else is confined to the loop.
final class Connection: EventLoopHandler, @unchecked Sendable {
    let fd: Int32
    let number: Int
    let peer: String
    private let loop: EventLoop
    /// Uptime nanoseconds of the last input (read by the server's idle sweep).
    let lastActivity = Atomic<UInt64>(0)
    /// Uptime nanoseconds when closing began, 0 while open (read by the sweep to cut slow drains).
    let closingSince = Atomic<UInt64>(0)

    private let configuration: ServerConfiguration
    private let onClosed: @Sendable (Connection) -> Void
    private var session: ProtocolSession
    private var framer: LineFramer
    /// What the loop watches the socket for.
    private var reading = true
    private var writing = false
    private var out: [UInt8] = []
    private var outStart = 0
    private var events: [FramedEvent] = []
    private var eventIndex = 0
    private var arrival = Arrival()
    private var state = State.open
    /// The peer has ended its side (a read returned end of stream): nothing more can arrive.
    private var peerFinished = false
    /// Bytes read and thrown away while lingering.
    private var discarded = 0
    /// A reply is held until its records are on disk (a complaint's ticket, a supervisor's update
    /// or audited access): nothing more is answered or read meanwhile, so replies keep their
    /// order; the loop serves other connections.
    private var awaitingDisk = false
    /// Shutdown's goodbye, said once the held reply and the lines after it are answered.
    private var finishing: String?

    /// `closing`: the last lines are being sent. `lingering`: all of it is with the kernel and
    /// FIN is sent; the socket is read only to be drained until the peer hangs up.
    private enum State { case open, closing, lingering, closed }


    init(fd: Int32, number: Int, peer: String, loop: EventLoop, configuration: ServerConfiguration, responder: any Responder,
         recorder: any ExchangeRecording, router: CommandRouter, relay: (any ConversationRelay)? = nil,
         onClosed: @escaping @Sendable (Connection) -> Void) {
        self.fd = fd
        self.number = number
        self.peer = peer
        self.configuration = configuration
        self.onClosed = onClosed
        self.loop = loop
        let outlet = ConnectionOutlet(number: number)
        let context = ConnectionContext(connectionUser: "tcp:\(peer)#\(number)", peer: peer, connectionNumber: number,
                                        outlet: outlet)
        var session = ProtocolSession(context: context, configuration: configuration, responder: responder,
                                      recorder: recorder, router: router, relay: relay)
        session.awaitsDurability = true
        self.session = session
        self.framer = LineFramer(maxLineBytes: configuration.maxLineBytes)
        lastActivity.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        outlet.connection = self
    }

    /// Sends the banner and starts reading. Call once, from any thread.
    func start() {
        loop.execute { [self] in
            guard loop.register(fd, self) else { return teardown() }
            borrowOutput()
            ReplyEncoder.human(ServerPhrases.banner, into: &out)
            flush()
        }
    }

    /// Says `line` (if any), stops reading, and closes once the output has drained. Any thread.
    func close(saying line: String?) {
        loop.execute { [self] in beginClosing(saying: line) }
    }

    /// For graceful shutdown: answers the lines already received, then says goodbye and closes.
    func finish(saying line: String) {
        loop.execute { [self] in
            guard state == .open else { return }
            if awaitingDisk { finishing = line } else { finishRemaining(saying: line) }
        }
    }

    private func finishRemaining(saying line: String) {
        while eventIndex < events.count, state == .open {
            if step() == .awaitingDurability {
                finishing = line
                awaitDisk()
                return flush()
            }
        }
        beginClosing(saying: line)
    }

    /// Appends one pushed line (an event, a staff member's words) between replies, on this
    /// connection's loop; dropped and counted on `outlet` when the output is backed up past the
    /// high-water mark or the connection is no longer open. Any thread.
    func push(_ line: String, outlet: ConnectionOutlet) {
        loop.execute { [self] in
            guard state == .open, pendingOutput <= configuration.outputHighWater else {
                outlet.dropped.add(1, ordering: .relaxed)
                return
            }
            borrowOutput()
            ReplyEncoder.human(line, into: &out)
            flush()
        }
    }

    /// Cuts the connection at once (a drain that took too long, or the end of shutdown). Any thread.
    func abort() {
        loop.execute { [self] in teardown() }
    }

    // MARK: - Reading

    func readable() {
        loop.assertInLoop()
        if state == .lingering { return discardInput() }
        guard state == .open, eventIndex == events.count else { return }
        let buffer = loop.readBuffer
        let result = Socket.read(fd, into: buffer)
        if case .done(let n) = result {
            arrival = Arrival()
            borrowEvents()
            events.removeAll(keepingCapacity: true)
            eventIndex = 0
            Self.frame(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), with: &framer, into: &events)
        }
        switch result {
        case .done:
            lastActivity.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            process()
        case .wouldBlock:
            return
        case .closed:
            // The peer finished sending; whatever it still reads gets answered, the partial line is dropped.
            peerFinished = true
            beginClosing(saying: nil)
        case .failed:
            teardown()
        }
    }

    /// Handles a bounded number of pending lines, then yields so other connections get a turn.
    private func process() {
        loop.assertInLoop()
        if eventIndex < events.count, state == .open, !awaitingDisk {
            borrowOutput()
            switch Self.answer(&events, from: &eventIndex, session: &session, arrival: arrival, into: &out,
                               keeping: outStart, upTo: configuration.outputHighWater) {
            case .close: beginClosing(saying: nil)
            case .awaitingDurability: awaitDisk()
            case .keepOpen: break
            }
        }
        returnEventsIfDone()
        flush()
        guard state == .open else { return }
        if awaitingDisk { return suspendReading() }
        if eventIndex < events.count {
            suspendReading()
            if pendingOutput <= configuration.outputHighWater {
                loop.execute { [self] in process() }
            }
        } else if pendingOutput > configuration.outputHighWater {
            suspendReading()
        } else if pendingOutput <= configuration.outputLowWater {
            resumeReading()
        }
    }

    private func step() -> Disposition {
        let event = events[eventIndex]
        eventIndex += 1
        borrowOutput()
        let disposition = session.handle(event, arrival: arrival, into: &out)
        if disposition == .close { beginClosing(saying: nil) }
        return disposition
    }

    /// Holds the connection until the session's held reply has its records on disk; the loop
    /// serves its other connections meanwhile.
    private func awaitDisk() {
        let pending = session.awaitedDurability
        guard !pending.isEmpty else { return }
        awaitingDisk = true
        suspendReading()
        PendingSync.whenAll(pending) { [self] durable in
            loop.execute { [self] in diskAnswered(durable) }
        }
    }

    /// Sends the held reply (or, if the record did not reach the disk, the reply saying so) and
    /// goes on with the lines after it. A connection closed meanwhile still records the exchange.
    private func diskAnswered(_ durable: [Bool]) {
        awaitingDisk = false
        guard state == .open else {
            var unsent: [UInt8] = []
            return session.resolveDurability(durable, into: &unsent)
        }
        borrowOutput()
        session.resolveDurability(durable, into: &out)
        if let line = finishing {
            finishing = nil
            return finishRemaining(saying: line)
        }
        process()
    }

    private func suspendReading() {
        guard reading else { return }
        reading = false
        loop.watch(fd, read: false, write: writing)
    }

    private func resumeReading() {
        guard !reading, state == .open else { return }
        reading = true
        loop.watch(fd, read: true, write: writing)
    }

    // MARK: - Writing

    private var pendingOutput: Int { out.count - outStart }

    /// Writes as much as the socket takes; keeps the rest and waits for writability only then.
    private func flush() {
        loop.assertInLoop()
        guard state != .closed else { return }
        while outStart < out.count {
            let result = out.withUnsafeBytes { Socket.send(fd, UnsafeRawBufferPointer(rebasing: $0[outStart...])) }
            switch result {
            case .done(let n): outStart += n
            case .wouldBlock:
                if outStart > 64 * 1024 {
                    out.removeFirst(outStart)
                    outStart = 0
                }
                resumeWriting()
                return
            case .closed, .failed:
                teardown()
                return
            }
        }
        outStart = 0
        returnOutput()
        suspendWriting()
        if state == .closing { linger() }
    }

    func writable() {
        loop.assertInLoop()
        guard state != .closed else { return }
        flush()
        guard state == .open, !awaitingDisk, pendingOutput <= configuration.outputLowWater else { return }
        if eventIndex < events.count {
            process()
        } else {
            resumeReading()
        }
    }

    private func resumeWriting() {
        guard !writing else { return }
        writing = true
        loop.watch(fd, read: reading, write: true)
    }

    private func suspendWriting() {
        guard writing else { return }
        writing = false
        loop.watch(fd, read: reading, write: false)
    }

    // MARK: - Buffers lent by the loop

    /// Takes the loop's output buffer when this connection has none (nothing pending).
    private func borrowOutput() {
        if out.capacity == 0, loop.output.capacity > 0 { swap(&out, &loop.output) }
    }

    /// Called when `out` has drained: the loop keeps the larger of the two buffers, the
    /// connection keeps none (an idle connection holds no output capacity).
    private func returnOutput() {
        guard out.capacity > 0 else { return }
        out.removeAll(keepingCapacity: true)
        if out.capacity <= 64 * 1024, loop.output.capacity < out.capacity { swap(&out, &loop.output) }
        out = []
    }

    private func borrowEvents() {
        if events.capacity == 0, loop.events.capacity > 0 { swap(&events, &loop.events) }
    }

    /// Gives the events buffer back once every line of the read has been handled.
    private func returnEventsIfDone() {
        guard eventIndex == events.count, events.capacity > 0 else { return }
        events.removeAll(keepingCapacity: true)
        eventIndex = 0
        if events.capacity <= 4096, loop.events.capacity < events.capacity { swap(&events, &loop.events) }
        events = []
    }

    // MARK: - Closing

    private func beginClosing(saying line: String?) {
        loop.assertInLoop()
        guard state == .open else { return }
        if let line {
            borrowOutput()
            ReplyEncoder.human(line, into: &out)
        }
        state = .closing
        closingSince.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        suspendReading()
        events = []
        eventIndex = 0
        flush()
    }

    /// Called once the last output is with the kernel: the `LingeringClose` (the sweep still cuts
    /// it after `closeGrace`). Without it, the last replies to a client that pipelined lines
    /// behind a `/quit`, was cut off for errors or was still typing at shutdown were lost
    /// whenever its receive window was full.
    private func linger() {
        if peerFinished { return teardown() }
        shutdown(fd, Int32(SHUT_WR))
        state = .lingering
        reading = true
        loop.watch(fd, read: true, write: false)
        discardInput()
        if state == .lingering { closeWhenQuiet(seen: discarded) }
    }

    private func discardInput() {
        while state == .lingering {
            switch Socket.read(fd, into: loop.readBuffer) {
            case .done(let n):
                discarded += n
                if discarded > LingeringClose.limit { return teardown() }
            case .wouldBlock:
                return
            case .closed, .failed:
                return teardown()
            }
        }
    }

    /// Closes after `LingeringClose.quiet` if nothing arrived since `seen` bytes were discarded, else looks again.
    private func closeWhenQuiet(seen: Int) {
        DispatchQueue.global().asyncAfter(deadline: .now() + LingeringClose.quiet) { [self] in
            loop.execute { [self] in
                guard state == .lingering else { return }
                if discarded == seen { teardown() } else { closeWhenQuiet(seen: discarded) }
            }
        }
    }

    /// Stops watching the socket and closes it (FIN first, so what was sent is delivered).
    private func teardown() {
        loop.assertInLoop()
        guard state != .closed else { return }
        state = .closed
        loop.deregister(fd)
        shutdown(fd, Int32(SHUT_WR))
        Glibc.close(fd)
        out = []
        events = []
        session.end()
        onClosed(self)
    }
}
