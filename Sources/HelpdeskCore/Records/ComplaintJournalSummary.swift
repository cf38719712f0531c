import Foundation

/// Service-level compliance of complaints, read from the complaint journal
/// (`Transcripts/complaints.jsonl`) for `helpdesk report`. The journal's schema belongs to the
/// complaints service and is provisional; everything this report assumes about it lives in this
/// one file: JSON lines with `ticket`, `type` (`filed` | `update`), `category`, `status`, `at`
/// and (on `filed`) `due` (a WIB day, `YYYY-MM-DD`), timestamps as ISO-8601; chain fields `seq`/`prev` are ignored here. A complaint is resolved once a record gives it
/// a status in `resolvedStatuses`.
public struct ComplaintJournalSummary: Sendable, Equatable {
    public static let resolvedStatuses: Set<String> = ["resolved", "closed", "selesai", "ditutup", "rejected", "ditolak"]

    /// Counts for one category (or for all).
    public struct Counts: Sendable, Equatable {
        public var filed = 0
        public var resolvedInTime = 0
        public var resolvedLate = 0
        public var openInTime = 0
        public var overdue = 0
        /// Resolved in time over resolved plus overdue (what has been decided); 1 when nothing has.
        public var complianceRate: Double {
            let decided = resolvedInTime + resolvedLate + overdue
            return decided == 0 ? 1 : Double(resolvedInTime) / Double(decided)
        }
    }

    public var all = Counts()
    public var perCategory: [String: Counts] = [:]
    public var warnings: [String] = []

    private struct Complaint {
        var category = "?"
        var filed: Date?
        var due: Date?
        var resolved: Date?
    }

    public init() {}

    /// Reads `url`; a missing file gives nil. Complaints filed outside `from...to` (dates as moments) are left out.
    public static func read(_ url: URL, from: Date, to: Date, now: Date) -> ComplaintJournalSummary? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var summary = ComplaintJournalSummary()
        var complaints: [String: Complaint] = [:]
        var order: [String] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let isTornTail = i == lines.count - 1
            guard let o = (try? JSONParser.parse(Array(line)))?.objectValue,
                  let ticket = o["ticket"]?.stringValue else {
                if !isTornTail { summary.warnings.append("\(url.path):\(i + 1): not a complaint record, skipped") }
                continue
            }
            let at = o["at"]?.stringValue.flatMap(TranscriptRecord.parseTimestamp)
            var c = complaints[ticket] ?? { order.append(ticket); return Complaint() }()
            if o["type"]?.stringValue == "filed" {
                c.category = o["category"]?.stringValue ?? c.category
                c.filed = at
                c.due = o["due"]?.stringValue.flatMap(ComplaintJournalSummary.dueMoment)
            } else if let category = o["category"]?.stringValue {
                c.category = category
            }
            if let status = o["status"]?.stringValue, resolvedStatuses.contains(status.lowercased()), c.resolved == nil {
                c.resolved = at ?? now
            }
            complaints[ticket] = c
        }
        for ticket in order {
            guard let c = complaints[ticket], let filed = c.filed, filed >= from, filed <= to else { continue }
            summary.add(c, now: now)
        }
        return summary
    }

    /// The journal writes `due` as a WIB day (`2026-11-27`): due means by the end of that day.
    /// A full timestamp is accepted too.
    static func dueMoment(_ text: String) -> Date? {
        if let n = JakartaTime.dayNumber(text) { return JakartaTime.startOfDay(n + 1) }
        return TranscriptRecord.parseTimestamp(text)
    }

    private mutating func add(_ c: Complaint, now: Date) {
        func bump(_ counts: inout Counts) {
            counts.filed += 1
            let due = c.due ?? .distantFuture
            if let resolved = c.resolved {
                if resolved <= due { counts.resolvedInTime += 1 } else { counts.resolvedLate += 1 }
            } else if now > due {
                counts.overdue += 1
            } else {
                counts.openInTime += 1
            }
        }
        bump(&all)
        bump(&perCategory[c.category, default: Counts()])
    }
}
