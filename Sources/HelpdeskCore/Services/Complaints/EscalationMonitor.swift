import Foundation
import Synchronization

/// Pushes overdue complaints to supervisors once: the server polls `overdue(now:)` (every
/// minute) and sends a line to each logged-in supervisor for every complaint it returns. A
/// complaint is reported again only when it becomes overdue in a new stage (verified late, then
/// its follow-up late too). The clocks and working days are read through `schedule` at each
/// poll, so a reload of `Data/` applies at once.
public final class EscalationMonitor: Sendable {
    private let journal: ComplaintJournal
    private let schedule: @Sendable () -> (ComplaintClocks, WorkingDays)
    private let reported = Mutex<Set<String>>([])

    public init(journal: ComplaintJournal, schedule: @escaping @Sendable () -> (ComplaintClocks, WorkingDays)) {
        self.journal = journal
        self.schedule = schedule
    }

    /// Watches the desk's journal with the clocks and holidays of the data it serves.
    public convenience init(desk: Desk) {
        self.init(journal: desk.journal) { [weak desk] in
            let data = desk?.serviceData ?? .empty
            return (data.complaintClocks, data.workingDays)
        }
    }

    /// The complaints that became overdue since the last call (each stage reported once).
    public func overdue(now: Date) -> [Complaint] {
        overdueDeadlines(now: now).map(\.complaint)
    }

    /// As `overdue(now:)`, with the stage and deadlines for the pushed line.
    public func overdueDeadlines(now: Date) -> [ComplaintDeadline] {
        let (clocks, days) = schedule()
        let late = journal.deadlines(now: now, clocks: clocks, workingDays: days).filter(\.overdue)
        return reported.withLock { seen in
            late.filter { seen.insert($0.complaint.ticket + "#" + $0.stage.rawValue).inserted }
        }
    }
}
