import Foundation

/// The journal's daily duties, run by the server once at start and then every 24 hours:
/// complaints whose follow-up the citizen left unanswered past the `close_unanswered` clock are
/// closed (with a note the citizen sees), and closed complaints older than the retention period
/// lose their personal fields (`ComplaintJournal.compact`). Each run that changes something
/// writes a `rewrite` entry to the audit log naming the tickets (never a person) and, for
/// compaction, the journal's lines and old and new chain heads.
extension DutyRecords {
    /// What one run did.
    public struct Upkeep: Sendable, Equatable {
        public var closed: [String] = []
        public var compacted: [String] = []
    }

    public static let unansweredNote = "Ditutup otomatis: tidak ada tanggapan dari pelapor. / Closed: no reply from the reporter."

    /// Runs both duties on the eraser's journal; `retentionDays` nil keeps closed complaints whole.
    public func upkeep(now: Date, clocks: ComplaintClocks, workingDays: WorkingDays, retentionDays: Int?) throws(RecordsError) -> Upkeep {
        guard let journal = eraser.journal else { return Upkeep() }
        var done = Upkeep()
        do {
            done.closed = try journal.closeUnanswered(now: now, clocks: clocks, workingDays: workingDays, note: Self.unansweredNote).map(\.ticket)
        } catch {
            throw RecordsError("closing unanswered complaints: \(error.description)")
        }
        if !done.closed.isEmpty {
            try audit.rewrite(who: "helpdesk", what: "close_unanswered", subject: done.closed.joined(separator: ","), changes: [], at: now)
        }
        if let retentionDays {
            let erasure: ComplaintJournal.Erasure
            do {
                erasure = try journal.compact(closedBefore: now.addingTimeInterval(-Double(retentionDays) * 86_400))
            } catch {
                throw RecordsError("journal retention: \(error.description)")
            }
            done.compacted = erasure.erased
            if let change = erasure.change {
                try audit.rewrite(who: "helpdesk", what: "retention", subject: "\(erasure.erased.count) complaints",
                                  changes: [change], at: now)
            }
        }
        return done
    }
}
