import CLinux
import Foundation
import Glibc
import HelpdeskCore
import Synchronization

/// What an event loop calls when a registered descriptor is ready. Called on the loop's thread.
protocol EventLoopHandler: AnyObject {
    /// Readable, or the peer hung up or the socket has an error (a read then says which).
    func readable()
    /// Writable (only while write interest is on).
    func writable()
}

/// One thread running `epoll_wait` over its connections' sockets, and the scratch buffers those
/// connections share. A connection lives on one loop for its whole life; its reads, replies and
/// writes all happen on the loop's thread, so a ready socket is served by the thread that waited
/// for it: no hand-off from an event thread to a worker per read (the cost Dispatch sources had,
/// measured in docs/PERFORMANCE.md). Work from other threads (a pushed line, a close) arrives as
/// a task through `execute`, which wakes the loop with an eventfd.
///
/// The scratch buffers are lent to one connection at a time while it encodes or frames (they
/// come back when its output has drained), so an idle connection holds no buffer of its own.
///
/// `@unchecked Sendable`: `handlers`, `output`, `events`, `readBuffer` and the thread's locals are touched only
/// on the loop's thread (checked with `assertInLoop` in debug builds); `tasks` is a `Mutex`.
final class EventLoop: @unchecked Sendable {
    let index: Int
    /// Output bytes lent to the connection being served; empty whenever it is here.
    var output: [UInt8] = []
    /// Framed lines lent to the connection being served; empty whenever it is here.
    var events: [FramedEvent] = []
    /// Where the connection being served reads its socket into (framed at once, never kept):
    /// one per loop, so a read does not allocate.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: EventLoop.readSize, alignment: 16)
    static let readSize = 32 * 1024

    private let epoll: Int32
    private let wakeFD: Int32
    private let tasks = Mutex<Tasks>(Tasks())
    /// Handlers by descriptor number (descriptors are small, dense integers).
    private var handlers: [EventLoopHandler?] = []
    /// The loop thread's `pthread_self()`, 0 until it runs (read by `inLoop` from any thread).
    private let thread = Atomic<UInt>(0)
    private let started = Atomic<Bool>(false)

    private struct Tasks {
        var pending: [@Sendable () -> Void] = []
        var stopping = false
    }

    private static let batch = 256
    private static let wakeTag: UInt64 = .max

    init(index: Int) {
        self.index = index
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        precondition(epoll >= 0 && wakeFD >= 0, "epoll/eventfd: \(String(cString: strerror(errno)))")
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = Self.wakeTag
        epoll_ctl(epoll, EPOLL_CTL_ADD, wakeFD, &event)
        output.reserveCapacity(16 * 1024)
        events.reserveCapacity(64)
    }

    deinit {
        close(epoll)
        close(wakeFD)
        readBuffer.deallocate()
    }

    /// Starts the loop's thread (idempotent). The thread keeps the loop alive until `stop`.
    func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let box = Unmanaged.passRetained(self)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 1 << 20)
        var id = pthread_t()
        let rc = pthread_create(&id, &attributes, { raw in
            let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
            loop.run()
            return nil
        }, box.toOpaque())
        pthread_attr_destroy(&attributes)
        precondition(rc == 0, "pthread_create: \(rc)")
        pthread_detach(id)
    }

    /// Asks the thread to finish the tasks already queued and exit; later tasks are dropped. Any thread.
    func stop() {
        tasks.withLock { $0.stopping = true }
        wake()
    }

    /// Runs `task` on the loop's thread, after the events being handled; once `stop` has been
    /// called, drops it (the loop's connections are gone by then). Any thread.
    func execute(_ task: @escaping @Sendable () -> Void) {
        let first = tasks.withLock { tasks -> Bool in
            guard !tasks.stopping else { return false }
            tasks.pending.append(task)
            return tasks.pending.count == 1
        }
        if first { wake() }
    }

    var inLoop: Bool {
        pthread_equal(pthread_self(), thread.load(ordering: .acquiring)) != 0
    }

    func assertInLoop() {
        assert(inLoop, "called off the event loop's thread")
    }

    // MARK: - Registrations (loop thread only)

    /// Watches `fd` for reading (level-triggered) and calls `handler` when it is ready; false
    /// (with the reason logged) when the kernel refuses, e.g. out of memory.
    func register(_ fd: Int32, _ handler: EventLoopHandler) -> Bool {
        assertInLoop()
        var event = epoll_event()
        event.events = Self.mask(read: true, write: false)
        event.data.u64 = UInt64(fd)
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) == 0 else {
            Log.error("event loop \(index): cannot watch socket \(fd): \(String(cString: strerror(errno)))")
            return false
        }
        if handlers.count <= Int(fd) { handlers += Array(repeating: nil, count: Int(fd) + 1 - handlers.count + 64) }
        handlers[Int(fd)] = handler
        return true
    }

    /// Changes what `fd` is watched for.
    func watch(_ fd: Int32, read: Bool, write: Bool) {
        assertInLoop()
        var event = epoll_event()
        event.events = Self.mask(read: read, write: write)
        event.data.u64 = UInt64(fd)
        epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
    }

    /// Stops watching `fd`; call before closing it.
    func deregister(_ fd: Int32) {
        assertInLoop()
        epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil)
        if Int(fd) < handlers.count { handlers[Int(fd)] = nil }
    }

    private static func mask(read: Bool, write: Bool) -> UInt32 {
        (read ? EPOLLIN.rawValue | EPOLLRDHUP.rawValue : 0) | (write ? EPOLLOUT.rawValue : 0)
    }

    // MARK: - The loop

    private func wake() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    private func run() {
        thread.store(pthread_self(), ordering: .releasing)
        let ready = UnsafeMutablePointer<epoll_event>.allocate(capacity: Self.batch)
        defer { ready.deallocate() }
        var running: [@Sendable () -> Void] = []
        while true {
            let n = epoll_wait(epoll, ready, Int32(Self.batch), -1)
            if n < 0 {
                if errno == EINTR { continue }
                Log.error("epoll_wait: \(String(cString: strerror(errno))); event loop \(index) stops")
                return
            }
            for i in 0..<Int(n) {
                let event = ready[i]
                let tag = event.data.u64
                if tag == Self.wakeTag {
                    var count: UInt64 = 0
                    _ = Glibc.read(wakeFD, &count, 8)
                    continue
                }
                let fd = Int(tag)
                // A handler earlier in this batch may have closed this descriptor.
                guard fd < handlers.count, let handler = handlers[fd] else { continue }
                let flags = event.events
                if flags & EPOLLOUT.rawValue != 0 { handler.writable() }
                if flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0,
                   Int(fd) < handlers.count, handlers[fd] === handler {
                    handler.readable()
                }
            }
            let stopping = tasks.withLock { tasks -> Bool in
                swap(&running, &tasks.pending)
                return tasks.stopping
            }
            for task in running { task() }
            running.removeAll(keepingCapacity: true)
            // Let other runnable threads on this core go before polling again. Without it a busy
            // loop never blocks (another socket is always ready) and runs to the end of its
            // scheduler slice while the peers it answers (here the load generator; in service a
            // proxy or the bridge on the same small machine) wait a whole slice: measured on the 2
            // cores, the closed-loop ping's p99 went 4-7 ms -> 0.4-0.7 ms and the pipelined ping
            // 221k -> 357k req/s (docs/PERFORMANCE.md). With nothing else runnable it returns at once.
            if n > 0 { sched_yield() }
            if stopping, tasks.withLock({ $0.pending.isEmpty }) {
                handlers = []
                return
            }
        }
    }
}

/// The server's event loops, one per core, handed out round-robin to new connections.
final class EventLoopGroup: Sendable {
    let loops: [EventLoop]
    private let next = Atomic<Int>(0)

    init(count: Int = ProcessInfo.processInfo.activeProcessorCount) {
        loops = (0..<max(1, count)).map(EventLoop.init(index:))
    }

    func start() { for loop in loops { loop.start() } }

    func stop() { for loop in loops { loop.stop() } }

    func nextLoop() -> EventLoop {
        loops[next.add(1, ordering: .relaxed).oldValue % loops.count]
    }
}
