import Foundation
import HelpdeskCore

/// Overdue complaints pushed to every logged-in supervisor, once per complaint and stage (the
/// `EscalationMonitor` remembers what it reported): `{"event":"escalation","ticket":…,"stage":…,
/// "stage_due":…,"resolution_due":…,…}` on JSON connections, a readable `ESCALATION …` line for
/// supervisors at a terminal. Only the ticket, category, status and dates: no personal data.
extension SupervisorHub {
    /// Pushes one line per deadline to every supervisor online; returns the lines pushed.
    @discardableResult
    public func escalate(_ deadlines: [ComplaintDeadline]) -> Int {
        guard !deadlines.isEmpty else { return 0 }
        let targets = state.withLock { s in s.seats.values.compactMap { seat in seat.outlet.map { ($0, seat.human) } } }
        var pushed = 0
        for d in deadlines {
            let json = SupervisorJSON.event("escalation", [
                ("ticket", .string(d.complaint.ticket)), ("category", .string(d.complaint.category.rawValue)),
                ("status", .string(d.complaint.status.rawValue)), ("stage", .string(d.stage.rawValue)),
                ("stage_due", SupervisorJSON.string(d.stageDue?.description)),
                ("resolution_due", .string(d.resolutionDue.description)), ("filed", SupervisorJSON.time(d.complaint.filed)),
            ])
            let text = SupervisorText.escalationLine(d)
            for (outlet, human) in targets {
                outlet.push(human ? text : json)
                pushed += 1
            }
        }
        return pushed
    }
}

extension SupervisorText {
    /// `ESCALATION ADU-20261122-0007 overdue (lms, received): verification due 2026-11-25; resolve by 2027-02-19`.
    static func escalationLine(_ d: ComplaintDeadline) -> String {
        let c = d.complaint
        let stage = d.stageDue.map { "\(d.stage.rawValue) due \($0.description)" } ?? d.stage.rawValue
        return "ESCALATION \(c.ticket) overdue (\(c.category.rawValue), \(c.status.rawValue)): \(stage); resolve by \(d.resolutionDue.description)"
    }
}
