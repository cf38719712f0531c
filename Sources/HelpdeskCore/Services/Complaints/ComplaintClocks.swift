import Foundation

/// The stage clocks of a complaint in working days, after the national complaint system's
/// (SP4N-LAPOR!) rules: verified within 3 working days of filing, followed up within 5 working
/// days of verification, closed 10 working days after a follow-up the citizen does not answer,
/// and resolved within 60 working days of a complete report. Each is configurable in
/// `Data/complaint_clocks.csv` (`stage`, `working_days`, with stages `verification`,
/// `follow_up`, `close_unanswered`, `resolution`); a missing file keeps the defaults.
public struct ComplaintClocks: Sendable, Equatable {
    public var verification = 3
    public var followUp = 5
    public var closeUnanswered = 10
    public var resolution = 60

    public static let defaults = ComplaintClocks()
    public static let stages = ["verification", "follow_up", "close_unanswered", "resolution"]

    public init() {}

    public init(verification: Int, followUp: Int, closeUnanswered: Int, resolution: Int) {
        self.verification = verification
        self.followUp = followUp
        self.closeUnanswered = closeUnanswered
        self.resolution = resolution
    }

    /// Reads overrides from a table; unknown stages and bad numbers are problems, the rest applies.
    static func parse(_ table: CSVTable) -> (ComplaintClocks, [Problem]) {
        var clocks = ComplaintClocks.defaults
        var problems = table.missingColumns(["stage", "working_days"])
        guard problems.isEmpty else { return (clocks, problems) }
        for row in table.rows {
            let stage = table.value("stage", in: row).lowercased()
            guard let days = Int(table.value("working_days", in: row)), (1...365).contains(days) else {
                problems.append(Problem(path: table.path, line: row.line, message: "working_days must be a whole number from 1 to 365"))
                continue
            }
            switch stage {
            case "verification": clocks.verification = days
            case "follow_up": clocks.followUp = days
            case "close_unanswered": clocks.closeUnanswered = days
            case "resolution": clocks.resolution = days
            default:
                problems.append(Problem(path: table.path, line: row.line, message: "unknown stage '\(stage)' (expected one of \(stages.joined(separator: ", ")))"))
            }
        }
        return (clocks, problems)
    }
}

/// Where a complaint stands against its clocks: the current stage, the day that stage is due,
/// the resolution deadline, and whether either has passed. What supervisors see first.
public struct ComplaintDeadline: Sendable, Equatable {
    public enum Stage: String, Sendable, Equatable {
        /// Filed, not yet verified (status `received`).
        case verification
        /// Verified, waiting for a follow-up (status `in_progress`).
        case followUp = "follow_up"
        /// A follow-up waits for the citizen (status `awaiting_citizen`); due = when it is closed.
        case closeUnanswered = "close_unanswered"
        /// Resolved, rejected or closed: no clock runs.
        case done
    }

    public var complaint: Complaint
    public var stage: Stage
    /// The last day of the current stage (nil when done).
    public var stageDue: Day?
    /// The last day to resolve the complaint (filing + `resolution` working days).
    public var resolutionDue: Day
    /// Past `stageDue` or `resolutionDue` on `today` while still open.
    public var overdue: Bool

    /// The deadline of `c` on `today`. A stage starts on the day of the status change that began it.
    public static func of(_ c: Complaint, clocks: ComplaintClocks, workingDays: WorkingDays, today: Day) -> ComplaintDeadline {
        let filed = Day(c.filed)
        let resolutionDue = workingDays.adding(clocks.resolution, to: filed)
        let stageStart = Day(c.updates.last(where: { $0.status == c.status })?.at ?? c.filed)
        let stage: Stage
        let due: Day?
        switch c.status {
        case .received:
            stage = .verification
            due = workingDays.adding(clocks.verification, to: filed)
        case .inProgress:
            stage = .followUp
            let verified = c.updates.first(where: { $0.status == .inProgress }).map { Day($0.at) } ?? stageStart
            due = workingDays.adding(clocks.followUp, to: verified)
        case .awaitingCitizen:
            stage = .closeUnanswered
            due = workingDays.adding(clocks.closeUnanswered, to: stageStart)
        case .resolved, .rejected, .closed:
            stage = .done
            due = nil
        }
        let overdue = stage != .done && (today > resolutionDue || due.map { today > $0 } ?? false)
        return ComplaintDeadline(complaint: c, stage: stage, stageDue: due, resolutionDue: resolutionDue, overdue: overdue)
    }
}

extension ComplaintJournal {
    /// Open complaints with their deadlines for supervisors: overdue first (oldest deadline
    /// first), then the rest by their next deadline. Closed ones are left out unless `includeDone`.
    public func deadlines(now: Date, clocks: ComplaintClocks, workingDays: WorkingDays, includeDone: Bool = false) -> [ComplaintDeadline] {
        let today = Day(now)
        let all = list().map { ComplaintDeadline.of($0, clocks: clocks, workingDays: workingDays, today: today) }
        return all.filter { includeDone || $0.stage != .done }.sorted { a, b in
            if a.overdue != b.overdue { return a.overdue }
            let da = min(a.stageDue ?? a.resolutionDue, a.resolutionDue)
            let db = min(b.stageDue ?? b.resolutionDue, b.resolutionDue)
            return da != db ? da < db : a.complaint.ticket < b.complaint.ticket
        }
    }

    /// Closes complaints whose follow-up the citizen left unanswered past `closeUnanswered`
    /// working days (status `closed`, journaled); returns them.
    @discardableResult
    public func closeUnanswered(now: Date, clocks: ComplaintClocks, workingDays: WorkingDays, note: String) throws(Failure) -> [Complaint] {
        var closed: [Complaint] = []
        for d in deadlines(now: now, clocks: clocks, workingDays: workingDays) where d.stage == .closeUnanswered && d.overdue {
            closed.append(try update(ticket: d.complaint.ticket, status: .closed, note: note, at: now))
        }
        return closed
    }
}
