import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Group commit for an append-only file: writers append at once and get a `PendingSync`; one
/// `fsync` on the syncer's own queue then makes every line written before it durable, however
/// many there were, and tells each waiter. So a burst of complaints costs one disk flush, not one
/// each, and an event loop never blocks on the disk: it holds the reply (the ticket) until its
/// line is durable and serves its other connections meanwhile.
///
/// The owner writes to its own copy of the descriptor (writes and a concurrent `fsync` are fine);
/// the syncer closes it on `deinit` or when it is replaced. A failed
/// `fsync` is final: Linux may have dropped the dirty pages, so a retry could report success for
/// data that never reached the disk. Every waiter not yet durable is told `false`, and so is
/// every later one, until the file is reopened (`replaceDescriptor`) or the server restarts.
public final class FileSyncer: Sendable {
    public let path: String
    private let sync: @Sendable (Int32) -> Int32
    private let state: Mutex<State>
    /// Held while the descriptor is synced, closed or replaced (never while `state` is held).
    private let descriptor: Mutex<Int32>
    private let queue: DispatchQueue

    private struct State {
        var written: UInt64 = 0
        var synced: UInt64 = 0
        var failed = false
        var running = false
        var waiters: [(position: UInt64, notify: @Sendable (Bool) -> Void)] = []
    }

    /// `sync` is `fsync` except in tests, which hold it or make it fail.
    public init(fd: Int32, path: String, sync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) {
        self.path = path
        self.sync = sync
        self.state = Mutex(State())
        self.descriptor = Mutex(fd)
        self.queue = DispatchQueue(label: "helpdesk.sync.\(path)")
    }

    deinit {
        descriptor.withLock { fd in if fd >= 0 { close(fd) } }
    }

    /// Whether an `fsync` failed: nothing more should be written (see the type's comment).
    public var failed: Bool { state.withLock { $0.failed } }

    /// Marks one more write as done: it is durable once the returned position is synced.
    public func wrote() -> PendingSync {
        PendingSync(syncer: self, position: state.withLock { s in s.written += 1; return s.written })
    }

    /// Calls `notify(true)` once `pending` is on disk, `notify(false)` if its sync failed; at once
    /// (on this thread) when that is already known, else later on the syncer's queue.
    public func whenDurable(_ pending: PendingSync, _ notify: @escaping @Sendable (Bool) -> Void) {
        enum Now { case durable, failed, later(startRound: Bool) }
        let now: Now = state.withLock { s in
            if pending.position <= s.synced { return .durable }
            if s.failed { return .failed }
            s.waiters.append((pending.position, notify))
            defer { s.running = true }
            return .later(startRound: !s.running)
        }
        switch now {
        case .durable: notify(true)
        case .failed: notify(false)
        case .later(let start): if start { queue.async { self.rounds() } }
        }
    }

    /// Blocks until `pending` is durable (true) or its sync failed (false): for callers with no
    /// event loop to go back to (tests, tools, the synchronous filing API).
    public func wait(_ pending: PendingSync) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex(false)
        whenDurable(pending) { ok in
            result.withLock { $0 = ok }
            done.signal()
        }
        done.wait()
        return result.withLock { $0 }
    }

    /// Closes the descriptor and puts `reopen()`'s in its place, for a file the caller has just
    /// rewritten and synced whole (the journal's erasure): everything written before is durable
    /// then, and a past failure is cleared, unless `reopen` fails (-1). Call with the writers'
    /// lock held, and write to the returned descriptor from then on.
    public func replaceDescriptor(_ reopen: () -> Int32) -> Int32 {
        descriptor.withLock { fd in
            close(fd)
            fd = reopen()
            let ok = fd >= 0
            for w in settle(syncedUpTo: state.withLock { $0.written }, ok: ok, clearFailure: ok) { w.notify(w.ok) }
            return fd
        }
    }

    /// Sync rounds until no waiter is left: each takes every write so far.
    private func rounds() {
        while true {
            let target: UInt64? = state.withLock { s in
                guard !s.waiters.isEmpty, !s.failed else { s.running = false; return nil }
                return s.written
            }
            guard let target else { return }
            let ok = descriptor.withLock { fd in sync(fd) == 0 }
            if !ok { Log.error("\(path): fsync failed: \(String(cString: strerror(errno))); no more records are accepted") }
            for w in settle(syncedUpTo: target, ok: ok, clearFailure: false) { w.notify(w.ok) }
        }
    }

    /// Records a round's result and takes out the waiters it answers.
    private func settle(syncedUpTo target: UInt64, ok: Bool, clearFailure: Bool) -> [(notify: @Sendable (Bool) -> Void, ok: Bool)] {
        state.withLock { s in
            var ready: [(notify: @Sendable (Bool) -> Void, ok: Bool)] = []
            if ok {
                s.synced = max(s.synced, target)
            } else {
                s.failed = true
            }
            var kept: [(position: UInt64, notify: @Sendable (Bool) -> Void)] = []
            for w in s.waiters {
                if w.position <= s.synced { ready.append((w.notify, true)) }
                else if s.failed { ready.append((w.notify, false)) }
                else { kept.append(w) }
            }
            s.waiters = kept
            if clearFailure { s.failed = false }
            return ready
        }
    }
}

/// A write that is on its way to disk: where it stands in its file's order of writes.
public struct PendingSync: Sendable, Equatable {
    public let syncer: FileSyncer
    public let position: UInt64

    public static func == (a: PendingSync, b: PendingSync) -> Bool { a.syncer === b.syncer && a.position == b.position }

    /// See `FileSyncer.whenDurable`.
    public func whenDurable(_ notify: @escaping @Sendable (Bool) -> Void) { syncer.whenDurable(self, notify) }

    /// See `FileSyncer.wait`.
    public func wait() -> Bool { syncer.wait(self) }
}

extension PendingSync {
    /// Calls `notify` once with each of `pending`'s outcomes (in order; true: durable) when the
    /// last of them is known: at once when all are known already, else on a syncer's queue.
    public static func whenAll(_ pending: [PendingSync], _ notify: @escaping @Sendable ([Bool]) -> Void) {
        guard !pending.isEmpty else { return notify([]) }
        let gathered = Mutex((left: pending.count, results: [Bool](repeating: false, count: pending.count)))
        for (i, p) in pending.enumerated() {
            p.whenDurable { ok in
                let done: [Bool]? = gathered.withLock { g in
                    g.results[i] = ok
                    g.left -= 1
                    return g.left == 0 ? g.results : nil
                }
                if let done { notify(done) }
            }
        }
    }
}
