import Dispatch
import Foundation
import Synchronization

/// One of a small fixed set of serial queues that run the line connections (one per core), and
/// the scratch buffers its connections share. Before, every connection had its own serial queue
/// on Dispatch's overcommit pool, so 50 busy clients meant ~100 threads and a thread hand-off per
/// read; now a connection's read source fires on its loop's queue, a loop drains many
/// connections' events on one thread in a row, and the thread count stays at the core count.
/// The scratch buffers are lent to one connection at a time while it encodes or frames (they
/// come back when its output has drained), so an idle connection holds no buffer of its own.
///
/// `@unchecked Sendable`: `output` and `events` are touched only on `queue` (every user is a
/// connection handler running there, checked with `dispatchPrecondition`).
final class EventLoop: @unchecked Sendable {
    let queue: DispatchQueue
    /// Output bytes lent to the connection being served; empty whenever it is here.
    var output: [UInt8] = []
    /// Framed lines lent to the connection being served; empty whenever it is here.
    var events: [FramedEvent] = []

    init(index: Int) {
        // No target: the default overcommit pool. A serial queue uses at most one thread anyway,
        // and the non-overcommit `.global()` pool is the one Swift concurrency (and the tests'
        // blocking waits) run on; when those block its few threads, loops targeting it starve.
        queue = DispatchQueue(label: "helpdesk.loop.\(index)")
        output.reserveCapacity(16 * 1024)
        events.reserveCapacity(64)
    }
}

/// The server's event loops, handed out round-robin to new connections. Immutable after init.
final class EventLoopGroup: Sendable {
    let loops: [EventLoop]
    private let next = Atomic<Int>(0)

    init(count: Int = ProcessInfo.processInfo.activeProcessorCount) {
        loops = (0..<max(1, count)).map(EventLoop.init(index:))
    }

    func nextLoop() -> EventLoop {
        loops[next.add(1, ordering: .relaxed).oldValue % loops.count]
    }
}
