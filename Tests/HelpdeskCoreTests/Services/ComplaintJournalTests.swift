import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct ComplaintJournalTests {
    let due = Day(iso: "2026-11-27")!

    @Test func ticketIsOnDiskWhenFileReturns() throws {
        let dir = Fixtures.temporaryDirectory()
        let journal = try ComplaintJournal(directory: dir)
        let complaint = try journal.file(ComplaintDraft(category: .lms, description: "LMS tidak bisa dibuka sejak pagi", reporter: "tg:1"),
                                         at: Fixtures.today, due: due)
        #expect(complaint.ticket == "ADU-20261122-0001")
        let onDisk = try String(contentsOfFile: dir + "/complaints.jsonl", encoding: .utf8)
        #expect(onDisk.hasSuffix("\n"))
        #expect(onDisk.contains("\"ticket\":\"ADU-20261122-0001\""))
        let second = try journal.file(ComplaintDraft(category: .other, description: "x"), at: Fixtures.today, due: due)
        #expect(second.ticket == "ADU-20261122-0002")
    }

    @Test func replaysAfterReopeningAndContinuesTheSequence() throws {
        let dir = Fixtures.temporaryDirectory()
        do {
            let journal = try ComplaintJournal(directory: dir)
            let c = try journal.file(ComplaintDraft(category: .service, description: "Petugas tidak membalas", reporter: "u1"), at: Fixtures.today, due: due)
            try journal.update(ticket: c.ticket, status: .inProgress, note: "Sedang kami cek", at: Fixtures.today.addingTimeInterval(3600))
        }
        let reopened = try ComplaintJournal(directory: dir)
        #expect(reopened.replayProblems.isEmpty)
        let c = try #require(reopened.complaint(ticket: "ADU-20261122-0001"))
        #expect(c.status == .inProgress)
        #expect(c.latestNote == "Sedang kami cek")
        #expect(c.due == due)
        #expect(reopened.list(status: .inProgress).map(\.ticket) == ["ADU-20261122-0001"])
        #expect(reopened.list(status: .resolved).isEmpty)
        let next = try reopened.file(ComplaintDraft(category: .other, description: "y"), at: Fixtures.today, due: due)
        #expect(next.ticket == "ADU-20261122-0002")
    }

    @Test func tornLastLineIsSkippedWithAWarning() throws {
        let dir = Fixtures.temporaryDirectory()
        do {
            let journal = try ComplaintJournal(directory: dir)
            _ = try journal.file(ComplaintDraft(category: .lms, description: "first"), at: Fixtures.today, due: due)
        }
        let handle = try #require(FileHandle(forWritingAtPath: dir + "/complaints.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"v\":1,\"type\":\"filed\",\"ticket\":\"ADU-2026".utf8))
        try handle.close()
        let reopened = try ComplaintJournal(directory: dir)
        #expect(reopened.replayProblems.map(\.line) == [2])
        #expect(reopened.list().map(\.ticket) == ["ADU-20261122-0001"])
        let next = try reopened.file(ComplaintDraft(category: .lms, description: "second"), at: Fixtures.today, due: due)
        #expect(next.ticket == "ADU-20261122-0002")
        let third = try ComplaintJournal(directory: dir)
        #expect(third.replayProblems.isEmpty)
        #expect(third.list().count == 2)
    }

    @Test func anonymousReportsStoreNoIdentity() throws {
        let dir = Fixtures.temporaryDirectory()
        let journal = try ComplaintJournal(directory: dir)
        let draft = ComplaintDraft(category: .integrity, description: "Diminta uang, hubungi saya 0812 3456 7890 atau ani@mail.id",
                                   contact: "0812 3456 7890", mode: .anonymous, reporter: "tg:5512", channel: "telegram")
        let c = try journal.file(draft, at: Fixtures.today, due: due)
        #expect(c.reporter == nil && c.contact == nil && c.channel == nil)
        #expect(c.pseudonym?.hasPrefix("Pelapor-") == true)
        let onDisk = try String(contentsOfFile: dir + "/complaints.jsonl", encoding: .utf8)
        #expect(!onDisk.contains("tg:5512"))
        #expect(!onDisk.contains("7890"))
        #expect(!onDisk.contains("ani@mail.id"))
    }

    @Test func updatingAnUnknownTicketFails() throws {
        let journal = try ComplaintJournal(directory: Fixtures.temporaryDirectory())
        #expect(throws: ComplaintJournal.Failure.notFound("ADU-20261122-0099")) {
            try journal.update(ticket: "ADU-20261122-0099", status: .resolved, note: "", at: Fixtures.today)
        }
    }
}
