import Foundation
import Testing
@testable import HelpdeskCore

/// The journal's daily duties: unanswered follow-ups closed, old closed complaints compacted,
/// both written to the audit log, the chains still verifying.
@Suite struct ComplaintUpkeepTests {
    @Test func upkeepClosesUnansweredAndCompactsOldClosedComplaints() throws {
        let dir = Fixtures.temporaryDirectory()
        let url = URL(fileURLWithPath: dir)
        let journal = try ComplaintJournal(directory: dir)
        let duties = try DutyRecords.open(directory: url, journal: journal, pseudonym: Pseudonym(key: Array(repeating: 7, count: 32)))
        let due = Day(iso: "2026-12-31")!
        let waiting = try journal.file(ComplaintDraft(category: .lms, description: "LMS error", reporter: "u1"), at: Fixtures.date("2026-10-01"), due: due)
        try journal.update(ticket: waiting.ticket, status: .awaitingCitizen, note: "Mohon kirim tangkapan layar", at: Fixtures.date("2026-10-02"))
        let old = try journal.file(ComplaintDraft(category: .service, description: "pelayanan lambat", contact: "x@y.id", reporter: "u2"),
                                   at: Fixtures.date("2024-01-08"), due: due)
        try journal.update(ticket: old.ticket, status: .resolved, note: "sudah", at: Fixtures.date("2024-01-09"))
        let fresh = try journal.file(ComplaintDraft(category: .schedule, description: "jadwal bentrok", reporter: "u3"), at: Fixtures.today, due: due)

        let done = try duties.upkeep(now: Fixtures.today, clocks: .defaults, workingDays: WorkingDays(holidays: []), retentionDays: 730)
        #expect(done.closed == [waiting.ticket])
        #expect(done.compacted == [old.ticket])
        #expect(journal.complaint(ticket: waiting.ticket)?.status == .closed)
        #expect(journal.complaint(ticket: waiting.ticket)?.latestNote == DutyRecords.unansweredNote)
        #expect(journal.complaint(ticket: old.ticket)?.contact == ComplaintJournal.erasedMark)
        #expect(journal.complaint(ticket: fresh.ticket)?.status == .received)

        let audit = try String(contentsOfFile: dir + "/audit.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(audit.count == 2)
        #expect(audit[0].contains("\"what\":\"close_unanswered\"") && audit[0].contains(waiting.ticket))
        #expect(audit[1].contains("\"what\":\"retention\"") && audit[1].contains("complaints.jsonl"))
        #expect(try ChainVerifier().verify(directory: url).problems.isEmpty)

        // A second run the same day finds nothing more to do and writes nothing.
        let again = try duties.upkeep(now: Fixtures.today, clocks: .defaults, workingDays: WorkingDays(holidays: []), retentionDays: 730)
        #expect(again == DutyRecords.Upkeep())
        #expect(try String(contentsOfFile: dir + "/audit.jsonl", encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func aPrivacyExchangeIsRecordedWithoutUserOrText() {
        let reply = Reply(text: "Data Anda (u_1234) telah dihapus.", intent: .help, confidence: 1, lang: .id, handler: "privacy", outcome: .answered)
        let exchange = Exchange(session: "s1", channel: "telegram", user: "tg:5512", arrived: Fixtures.today, replied: Fixtures.today,
                                latencyMicros: 10, message: "hapus data saya, NIK 3171234567890123", reply: reply)
        let pseudonym = Pseudonym(key: Array(repeating: 1, count: 32))
        let r = TranscriptRecord(exchange, redactor: Redactor(), pseudonym: pseudonym)
        #expect(r.user == ComplaintJournal.erasedMark)
        #expect(r.message == TranscriptRecord.privacyMessage)
        #expect(r.reply == TranscriptRecord.privacyReply)
        #expect(!r.jsonLine().contains(pseudonym.of("tg:5512")))
        #expect(r.handler == "privacy" && r.session == "s1")
    }
}
