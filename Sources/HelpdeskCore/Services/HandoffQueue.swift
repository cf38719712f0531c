import Foundation
import Synchronization

/// People waiting to talk to a human. The desk enqueues a request when someone asks for a
/// person; supervisors (through another part's protocol wiring) take them in order. How many
/// supervisors are online is injected, so tests and the server decide it.
public final class HandoffQueue: Sendable {
    public struct Request: Sendable, Equatable {
        public var user: String
        public var session: String
        public var text: String
        public var at: Date
    }

    private let waiting = Mutex<[Request]>([])
    private let online: @Sendable () -> Int

    public init(supervisorsOnline: @escaping @Sendable () -> Int = { 0 }) {
        self.online = supervisorsOnline
    }

    public var supervisorsOnline: Int { online() }

    /// Queues `request` (once per user) and returns its 1-based position.
    public func enqueue(_ request: Request) -> Int {
        waiting.withLock { list in
            if let i = list.firstIndex(where: { $0.user == request.user }) { return i + 1 }
            list.append(request)
            return list.count
        }
    }

    public func pending() -> [Request] { waiting.withLock { $0 } }

    /// The longest-waiting request, removed from the queue.
    public func take() -> Request? {
        waiting.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    public func remove(user: String) {
        waiting.withLock { $0.removeAll { $0.user == user } }
    }

    /// Office hours: Monday to Friday, 08:00 to 16:00 WIB.
    public static func isOfficeHours(_ date: Date) -> Bool {
        let day = Day(date)
        let secondsIntoDay = (date.timeIntervalSince1970 + Day.wibOffset) - Double(day.ordinal) * 86_400
        return !day.isWeekend && secondsIntoDay >= 8 * 3600 && secondsIntoDay < 16 * 3600
    }
}
