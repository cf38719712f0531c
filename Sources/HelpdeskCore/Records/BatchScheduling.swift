#if canImport(Glibc)
import Glibc
#endif

/// Linux's `SCHED_BATCH` scheduling policy for a thread: the same share of the CPU as any normal
/// thread, but its wakeups never preempt the thread that is running. For threads whose work is
/// throughput, not latency: the transcript writer, whose batches would otherwise interrupt an
/// event loop in the middle of answering (`FlushThread`), and the load generator, whose threads
/// would otherwise preempt the server they measure after every reply (`helpdesk bench`).
public enum BatchScheduling {
    /// The policy's number (not exported by the Glibc module).
    public static let policy: Int32 = 3

    /// Puts the calling thread in `SCHED_BATCH`; true when the kernel agreed. Best effort: a
    /// kernel without the policy leaves the thread as it was.
    @discardableResult
    public static func enterForCurrentThread() -> Bool {
        var param = sched_param()
        param.sched_priority = 0
        return pthread_setschedparam(pthread_self(), policy, &param) == 0
    }

    /// The calling thread's scheduling policy (`SCHED_OTHER` is 0).
    public static func currentPolicy() -> Int32 {
        var policy: Int32 = 0
        var param = sched_param()
        pthread_getschedparam(pthread_self(), &policy, &param)
        return policy
    }
}
