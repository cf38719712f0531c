import Foundation
import Testing
@testable import HelpdeskCore

/// Storage-side duties: anonymous reports, the chained journal, stage clocks, erasure.
@Suite struct DutyRecordsTests {
    @Test func anonymousComplaintHoldsNothingThatIdentifiesItsSender() throws {
        let dir = Fixtures.temporaryDirectory()
        let journal = try ComplaintJournal(directory: dir)
        let draft = ComplaintDraft(category: .integrity,
                                   description: "Saya Budi NIK 3171234567890123, dimintai uang. Hubungi 0812-3456-7890 atau budi.s@contoh.go.id",
                                   contact: "0813 9999 8888", mode: .anonymous, reporter: "tg:anon-77", channel: "telegram")
        let filed = try journal.file(draft, at: Fixtures.today, due: Day(iso: "2026-12-01")!)
        let bytes = try String(contentsOfFile: dir + "/complaints.jsonl", encoding: .utf8)
        for secret in ["tg:anon-77", "telegram", "3171234567890123", "0812-3456-7890", "3456", "budi.s@contoh.go.id", "0813 9999 8888", "9999"] {
            #expect(!bytes.contains(secret), "journal holds \(secret)")
        }
        #expect(bytes.contains(filed.ticket))
        #expect(filed.pseudonym?.hasPrefix("Pelapor-") == true)
        #expect(filed.reporter == nil && filed.contact == nil)
    }

    @Test func tamperedJournalLineIsFoundByTheVerifier() throws {
        let dir = Fixtures.temporaryDirectory()
        do {
            let journal = try ComplaintJournal(directory: dir)
            let c = try journal.file(ComplaintDraft(category: .lms, description: "LMS tidak bisa dibuka", reporter: "u1"), at: Fixtures.today, due: Day(iso: "2026-11-25")!)
            try journal.update(ticket: c.ticket, status: .inProgress, note: "Dicek", at: Fixtures.today.addingTimeInterval(60))
        }
        // The chain resumes after a restart.
        let reopened = try ComplaintJournal(directory: dir)
        _ = try reopened.file(ComplaintDraft(category: .other, description: "lain"), at: Fixtures.today, due: Day(iso: "2026-11-25")!)
        let url = URL(fileURLWithPath: dir)
        let clean = try ChainVerifier().verify(directory: url)
        #expect(clean.problems.isEmpty)
        #expect(clean.records == 3)
        let path = dir + "/complaints.jsonl"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "LMS tidak bisa dibuka", with: "LMS lancar saja").write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try ChainVerifier().verify(directory: url)
        #expect(broken.problems.count == 1)
        #expect(broken.problems.first?.hasPrefix(path + ":1:") == true)
    }

    @Test func stageClocksSkipWeekendsAndHolidays() throws {
        // Filed Friday 2026-11-20; Tuesday 24th a holiday: 3 working days = Mon 23, Wed 25, Thu 26.
        let days = WorkingDays(holidays: [Day(iso: "2026-11-24")!])
        let filed = Fixtures.date("2026-11-20")
        let c = Complaint(ticket: "ADU-20261120-0001", filed: filed, category: .service, mode: .normal, description: "x",
                          contact: nil, reporter: nil, pseudonym: nil, channel: nil, lang: .id, due: Day(iso: "2026-11-27")!,
                          status: .received, updates: [])
        let clocks = ComplaintClocks.defaults
        let onTime = ComplaintDeadline.of(c, clocks: clocks, workingDays: days, today: Day(iso: "2026-11-26")!)
        #expect(onTime.stage == .verification)
        #expect(onTime.stageDue == Day(iso: "2026-11-26"))
        #expect(!onTime.overdue)
        #expect(ComplaintDeadline.of(c, clocks: clocks, workingDays: days, today: Day(iso: "2026-11-27")!).overdue)
        // Verified Thursday 26th: follow-up within 5 working days = Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 Dec.
        var verified = c
        verified.status = .inProgress
        verified.updates = [.init(status: .inProgress, note: "", at: Fixtures.date("2026-11-26"))]
        #expect(ComplaintDeadline.of(verified, clocks: clocks, workingDays: days, today: Day(iso: "2026-11-27")!).stageDue == Day(iso: "2026-12-03"))
        // Configurable: a file overriding one stage.
        let csv = Fixtures.temporaryDirectory() + "/complaint_clocks.csv"
        try "stage,working_days\nverification,1\nfollow_up,x\n".write(toFile: csv, atomically: true, encoding: .utf8)
        guard case .success(let table) = CSVReader.read(path: csv) else { Issue.record("csv"); return }
        let (parsed, problems) = ComplaintClocks.parse(table)
        #expect(parsed.verification == 1 && parsed.followUp == 5)
        #expect(problems.map(\.line) == [3])
    }

    @Test func overdueComplaintsComeFirstAndArePushedOnce() throws {
        let journal = try ComplaintJournal(directory: Fixtures.temporaryDirectory())
        let due = Day(iso: "2026-12-31")!
        let old = try journal.file(ComplaintDraft(category: .lms, description: "lama"), at: Fixtures.date("2026-11-02"), due: due)
        let fresh = try journal.file(ComplaintDraft(category: .lms, description: "baru"), at: Fixtures.date("2026-11-20"), due: due)
        let days = WorkingDays(holidays: [])
        let now = Fixtures.date("2026-11-23")
        let list = journal.deadlines(now: now, clocks: .defaults, workingDays: days)
        #expect(list.map(\.complaint.ticket) == [old.ticket, fresh.ticket])
        #expect(list.map(\.overdue) == [true, false])
        let monitor = EscalationMonitor(journal: journal) { (ComplaintClocks.defaults, days) }
        #expect(monitor.overdue(now: now).map(\.ticket) == [old.ticket])
        #expect(monitor.overdue(now: now.addingTimeInterval(60)).isEmpty)
        // Verified late, then its follow-up late too: reported again for the new stage.
        try journal.update(ticket: old.ticket, status: .inProgress, note: "", at: Fixtures.date("2026-11-05"))
        #expect(monitor.overdue(now: Fixtures.date("2026-12-01")).map(\.ticket) == [old.ticket, fresh.ticket])
    }

    @Test func erasureReachesEveryFileAndKeepsTheChainsValid() throws {
        let dir = Fixtures.temporaryDirectory()
        let url = URL(fileURLWithPath: dir)
        let pseudonym = Pseudonym(key: Array("test-key-0123456789abcdef".utf8))
        let writer = try TranscriptWriter(configuration: .init(directory: url, retentionDays: nil, autoFlush: false), pseudonym: pseudonym)
        let user = "tg:erase-me", other = "tg:stays"
        writer.record(exchange("keluhan pribadi saya tentang asrama", user: user, at: Fixtures.date("2026-11-20")))
        writer.record(exchange("jadwal angkatan 3", user: other, at: Fixtures.date("2026-11-20", hour: 11)))
        writer.record(exchange("nomor saya 081298765432 keluhan pribadi", user: user, at: Fixtures.date("2026-11-21")))
        writer.record(exchange("jadwal angkatan 4", user: other, at: Fixtures.date("2026-11-22")))
        writer.flush()
        let journal = try ComplaintJournal(directory: dir)
        let c = try journal.file(ComplaintDraft(category: .service, description: "keluhan pribadi saya tentang asrama", contact: "081298765432",
                                                reporter: user, channel: "telegram"), at: Fixtures.date("2026-11-20"), due: Day(iso: "2026-11-27")!)
        try journal.update(ticket: c.ticket, status: .resolved, note: "Sudah kami hubungi Bapak Andi", at: Fixtures.date("2026-11-21"))
        let audit = try AuditLog(directory: url)
        let eraser = PersonalDataEraser(transcripts: url, journal: journal, audit: audit, writer: writer)
        #expect(eraser.transcriptLines(of: pseudonym.of(user)) == 2)

        let result = try eraser.erase(user: user, pseudonym: pseudonym.of(user), who: "citizen", at: Fixtures.today)
        #expect(result.transcriptLines == 2)
        #expect(result.erasedComplaints == [c.ticket])
        #expect(result.openComplaints.isEmpty)
        // The writer goes on after the rewrite, on the rewritten chain.
        writer.record(exchange("jadwal angkatan 5", user: other, at: Fixtures.date("2026-11-22", hour: 12)))
        writer.flush()

        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") {
            let bytes = try #require(FileManager.default.contents(atPath: dir + "/" + name))
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in ["keluhan pribadi", "081298765432", pseudonym.of(user), user, "Bapak Andi"] {
                #expect(!text.contains(secret), "\(name) still holds \(secret)")
            }
        }
        #expect(eraser.transcriptLines(of: pseudonym.of(other)) == 3)
        let verified = try ChainVerifier().verify(directory: url)
        #expect(verified.problems.isEmpty, "\(verified.problems)")
        let auditText = try String(contentsOfFile: dir + "/audit.jsonl", encoding: .utf8)
        #expect(auditText.contains("\"what\":\"erase\""))
        #expect(auditText.contains("transcript-2026-11-20.jsonl") && auditText.contains("complaints.jsonl"))
        #expect(journal.complaint(ticket: c.ticket)?.description == ComplaintJournal.erasedMark)
    }

    @Test func retentionErasesOnlyOldClosedComplaints() throws {
        let journal = try ComplaintJournal(directory: Fixtures.temporaryDirectory())
        let due = Day(iso: "2026-12-31")!
        let closed = try journal.file(ComplaintDraft(category: .lms, description: "lama sekali", contact: "a@b.id", reporter: "u1"), at: Fixtures.date("2026-01-05"), due: due)
        try journal.update(ticket: closed.ticket, status: .resolved, note: "beres", at: Fixtures.date("2026-01-06"))
        let open = try journal.file(ComplaintDraft(category: .lms, description: "masih jalan", reporter: "u2"), at: Fixtures.date("2026-01-05"), due: due)
        let done = try journal.compact(closedBefore: Fixtures.date("2026-06-01"))
        #expect(done.erased == [closed.ticket])
        #expect(journal.complaint(ticket: closed.ticket)?.contact == ComplaintJournal.erasedMark)
        #expect(journal.complaint(ticket: open.ticket)?.description == "masih jalan")
        let reopened = try ComplaintJournal(directory: (journal.path as NSString).deletingLastPathComponent)
        #expect(reopened.replayProblems.isEmpty)
        #expect(reopened.complaint(ticket: closed.ticket)?.description == ComplaintJournal.erasedMark)
    }
}
