import Dispatch
import Foundation
import Synchronization

/// The transcript writer's own thread. It sleeps until `signal()` (a full batch is waiting) or
/// until `interval` has passed without one, then calls `work` with `timedOut` saying which.
///
/// A thread of its own rather than a Dispatch queue and timer, so that it can run as
/// `SCHED_BATCH` (`BatchScheduling`): its wakeup never preempts an event loop in the middle of
/// answering. It gets its share of the CPU when a loop yields, between two rounds of replies,
/// instead of cutting into one: measured on the 2 cores, removing the writer altogether moved the
/// closed-loop exchange's p99 by ~15 % (docs/PERFORMANCE.md), and most of that was its wakeups.
/// Named `transcripts` (`top -H`, `/proc/PID/task/*/comm`).
final class FlushThread: Sendable {
    /// What the thread and its owner share (the thread holds it, not the owner).
    private final class State: Sendable {
        let wake = DispatchSemaphore(value: 0)
        let stopping = Atomic<Bool>(false)
        let exited = DispatchSemaphore(value: 0)
        /// The thread's scheduling policy once it runs (for tests), -1 before.
        let policy = Atomic<Int32>(-1)
    }

    private let state = State()

    /// Starts the thread. `work` must not call `stop()`.
    init(name: String, interval: Double, work: @escaping @Sendable (_ timedOut: Bool) -> Void) {
        let thread = Thread { [state] in
            Thread.current.name = name   // named from its own thread, so the kernel's name is set too
            BatchScheduling.enterForCurrentThread()
            state.policy.store(BatchScheduling.currentPolicy(), ordering: .releasing)
            while !state.stopping.load(ordering: .acquiring) {
                let timedOut = state.wake.wait(timeout: .now() + interval) == .timedOut
                if state.stopping.load(ordering: .acquiring) { break }
                work(timedOut)
            }
            state.exited.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Wakes the thread for a round of `work` (from any thread; cheap when it is already awake).
    func signal() { state.wake.signal() }

    /// Asks the thread to exit after its current round, and waits for it when `waiting` (never
    /// from the thread itself).
    func stop(waiting: Bool) {
        guard !state.stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        state.wake.signal()
        if waiting { state.exited.wait() }
    }

    /// The scheduling policy the thread runs with, once it has started (`nil` before).
    var runningPolicy: Int32? {
        let p = state.policy.load(ordering: .acquiring)
        return p < 0 ? nil : p
    }
}
