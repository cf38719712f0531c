import Foundation
import Testing
@testable import HelpdeskCore

/// Conversation-side duties: the privacy notice, data-rights requests, the survey.
@Suite struct DeskDutiesTests {
    static func deskWithDuties() throws -> (Desk, String, Pseudonym) {
        let dir = Fixtures.temporaryDirectory()
        let journal = try ComplaintJournal(directory: dir)
        let pseudonym = Pseudonym(key: Array("desk-duties-key-0123456789".utf8))
        let duties = try DutyRecords.open(directory: URL(fileURLWithPath: dir), journal: journal, pseudonym: pseudonym)
        let desk = try Desk(classifier: KeywordClassifier(), sources: .init(dataDirectory: Fixtures.dataDirectory, repliesDirectory: Fixtures.repliesDirectory),
                            journal: journal, duties: duties)
        return (desk, dir, pseudonym)
    }

    @Test func privacyNoticeComesWithTheFirstReplyOnly() throws {
        let desk = try Fixtures.desk()
        var chat = Chat(desk)
        #expect(chat.send("halo").text.contains("Info privasi"))
        #expect(!chat.send("bantuan").text.contains("Info privasi"))
        var english = Chat(desk, user: "tg:en")
        #expect(english.send("hello, help please").text.contains("Privacy: this conversation is recorded"))
    }

    @Test func dataAccessRequestListsWhatIsHeld() throws {
        let (desk, _, pseudonym) = try Self.deskWithDuties()
        let c = try desk.journal.file(ComplaintDraft(category: .lms, description: "LMS error terus", mode: .confidential, reporter: "tg:5512"),
                                      at: Fixtures.today, due: Day(iso: "2026-11-25")!)
        var chat = Chat(desk)
        chat.send("halo")
        let reply = chat.send("data apa yang kalian simpan tentang saya")
        #expect(reply.intent == .help)
        #expect(reply.handler == "privacy")
        #expect(reply.text.contains(c.ticket))
        #expect(reply.text.contains("rahasia"))
        #expect(reply.text.contains(pseudonym.of("tg:5512")))
    }

    @Test func eraseRequestWithAnOpenComplaintIsQueued() throws {
        let (desk, dir, _) = try Self.deskWithDuties()
        let c = try desk.journal.file(ComplaintDraft(category: .lms, description: "LMS error terus", reporter: "tg:5512"),
                                      at: Fixtures.today, due: Day(iso: "2026-11-25")!)
        var chat = Chat(desk)
        let reply = chat.send("tolong hapus data saya")
        #expect(reply.handler == "privacy")
        #expect(reply.text.contains(c.ticket))
        #expect(desk.erasures.pending.map(\.openTickets) == [[c.ticket]])
        #expect(desk.journal.complaint(ticket: c.ticket)?.description == "LMS error terus")
        // Closed later: the request now goes through at once.
        try desk.journal.update(ticket: c.ticket, status: .resolved, note: "", at: Fixtures.today.addingTimeInterval(600))
        let done = chat.send("delete my data")
        #expect(done.text.contains("1"))
        #expect(desk.erasures.pending.isEmpty)
        let bytes = try String(contentsOfFile: dir + "/complaints.jsonl", encoding: .utf8)
        #expect(!bytes.contains("LMS error terus") && !bytes.contains("tg:5512"))
    }

    /// The queue cannot be saved (here a folder stands where its temporary file must go): the
    /// citizen is told the request was not saved and asked to repeat it, not that a supervisor
    /// has it, because a restart would forget it.
    @Test func anEraseRequestThatCannotBeSavedIsNotCalledQueued() throws {
        let (desk, dir, _) = try Self.deskWithDuties()
        try FileManager.default.createDirectory(atPath: dir + "/" + ErasureQueue.fileName + ".tmp", withIntermediateDirectories: true)
        let c = try desk.journal.file(ComplaintDraft(category: .lms, description: "LMS error terus", reporter: "tg:5512"),
                                      at: Fixtures.today, due: Day(iso: "2026-11-25")!)
        var chat = Chat(desk)
        let reply = chat.send("tolong hapus data saya")
        #expect(reply.handler == "privacy")
        #expect(reply.text.contains("belum dapat kami simpan"))
        #expect(!reply.text.contains("teruskan ke petugas"))
        #expect(!reply.text.contains(c.ticket))
        #expect(desk.erasures.pending.map(\.openTickets) == [[c.ticket]], "still listed for supervisors until a restart")
        var english = Chat(desk, user: "tg:en")
        _ = try desk.journal.file(ComplaintDraft(category: .lms, description: "LMS keeps failing", reporter: "tg:en"),
                                  at: Fixtures.today, due: Day(iso: "2026-11-25")!)
        english.send("hello, help please")
        #expect(english.send("please delete my data").text.contains("could not be saved"))
    }

    @Test func surveyAnswerIsRecordedAndAppearsInTheReport() throws {
        let (desk, dir, _) = try Self.deskWithDuties()
        var chat = Chat(desk)
        chat.send("jadwal angkatan 3")
        let thanks = chat.send("terima kasih")
        #expect(thanks.text.contains("1-4"))
        let answer = chat.send("4 sangat membantu")
        #expect(answer.handler == "survey")
        #expect(answer.text.contains("4/4"))
        // Asked once per conversation.
        #expect(!chat.send("terima kasih").text.contains("1-4"))

        let report = TranscriptReport.build(directory: URL(fileURLWithPath: dir), from: "2026-11-01", to: "2026-11-30", now: Fixtures.today)
        let s = try #require(report.surveys)
        #expect(s.perService["schedule"]?.answers == 1)
        #expect(s.perMonth["2026-11"]?.index == 100)
        #expect(ReportText.render(report).contains("service schedule"))
        #expect(ReportJSON.render(report).contains("\"per_service\":{\"schedule\":{\"answers\":1"))
        #expect(ReportHTML.render(report).contains("Satisfaction survey"))
        let bytes = try String(contentsOfFile: dir + "/surveys.jsonl", encoding: .utf8)
        #expect(!bytes.contains("tg:5512"))
        #expect(try ChainVerifier().verify(directory: URL(fileURLWithPath: dir)).problems.isEmpty)
    }

    @Test func surveyDoesNotTrapAnyone() throws {
        let (desk, _, _) = try Self.deskWithDuties()
        var chat = Chat(desk)
        #expect(chat.send("makasih").text.contains("1-4"))
        let next = chat.send("kapan jadwal angkatan 3?")
        #expect(next.handler == "schedule")
        #expect(SurveyAnswer.parse("12 orang") == nil)
        #expect(SurveyAnswer.parse("3. cukup") == SurveyAnswer(score: 3, comment: "cukup"))
        #expect(SurveyAnswer.parse("5") == nil)
    }
}
