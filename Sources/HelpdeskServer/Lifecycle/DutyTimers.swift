import Dispatch
import Foundation
import Synchronization

/// The helpdesk's periodic duties (the escalation check every minute, the journal's daily
/// upkeep) as Dispatch timers on one utility queue, off every connection's event loop. The handlers
/// are `@Sendable` closures created in a method of this nonisolated class, so Dispatch may run
/// them on its own thread; `cancel()` stops them all (at shutdown).
final class DutyTimers: Sendable {
    private let queue = DispatchQueue(label: "helpdesk.duties", qos: .utility)
    /// Dispatch sources are thread-safe objects (resume/cancel may be called from any thread),
    /// but the Swift overlay does not mark them `Sendable`; this box only carries one to `cancel()`.
    private final class Box: @unchecked Sendable {
        let timer: DispatchSourceTimer
        init(_ timer: DispatchSourceTimer) { self.timer = timer }
    }

    private let timers = Mutex<[Box]>([])

    /// Runs `body` every `seconds` (at once too, when `now`); a non-positive interval runs nothing.
    func every(_ seconds: Double, now: Bool = false, _ body: @escaping @Sendable () -> Void) {
        guard seconds > 0, seconds.isFinite else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let interval = DispatchTimeInterval.milliseconds(max(1, Int(seconds * 1000)))
        timer.schedule(deadline: now ? .now() : .now() + interval, repeating: interval, leeway: .milliseconds(50))
        timer.setEventHandler(handler: body)
        timers.withLock { $0.append(Box(timer)) }
        timer.resume()
    }

    func cancel() {
        let all = timers.withLock { list -> [Box] in
            let taken = list
            list.removeAll()
            return taken
        }
        for box in all { box.timer.cancel() }
    }
}
