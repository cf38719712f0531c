import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct CSVReaderTests {
    @Test func readsQuotedCommasNewlinesAndDoubledQuotes() throws {
        let text = "\u{FEFF}Name,Note\r\n\"Siti, S.Sos.\",\"line one\r\nline two\"\r\nBudi,\"he said \"\"hi\"\"\"\r\n\r\n\r\n"
        let table = try CSVReader.parse(text, path: "x.csv").get()
        #expect(table.header == ["Name", "Note"])
        #expect(table.rows.count == 2)
        #expect(table.value("name", in: table.rows[0]) == "Siti, S.Sos.")
        #expect(table.value("NOTE", in: table.rows[0]) == "line one\r\nline two")
        #expect(table.value("note", in: table.rows[1]) == "he said \"hi\"")
        #expect(table.rows[1].line == 4)
    }

    @Test func reportsUnclosedQuoteWithItsLine() {
        let result = CSVReader.parse("a,b\n1,2\n3,\"open\n", path: "Data/x.csv")
        guard case .failure(let problem) = result else { Issue.record("expected a failure"); return }
        #expect(problem.description == "Data/x.csv:3: quoted field is never closed")
    }

    @Test func reportsStrayQuote() {
        guard case .failure(let problem) = CSVReader.parse("a,b\n1,x\"y\n", path: "p.csv") else { Issue.record("expected a failure"); return }
        #expect(problem.line == 2)
    }

    @Test func shippedDataLoadsWithoutProblems() throws {
        let (data, problems) = ServiceData.load(directory: Fixtures.dataDirectory)
        #expect(problems.map(\.description) == [])
        let loaded = try #require(data)
        #expect(loaded.participantsByID.count >= 55)
        #expect(Set(loaded.participantsByID.values.map(\.status)) == Set(Participant.Status.allCases))
        let pka = loaded.programNames.first { $0.canonical == "Pelatihan Kepemimpinan Administrator" }
        #expect(pka?.aliases.contains("PKA") == true)
        #expect(loaded.cohorts.contains { $0.program.contains("Bersih, Melayani, dan Responsif") && $0.cohort == 3 && $0.start == Day(iso: "2021-08-26") })
        #expect(ServiceData.validate(directory: Fixtures.dataDirectory).isEmpty)
        #expect(ReplyBook.validate(directory: Fixtures.repliesDirectory).map(\.description) == [])
    }

    @Test func badRowsAreReportedAsPathLineAndSkipped() throws {
        let dir = Fixtures.temporaryDirectory()
        try "Program,Cohort,Start,End,Mode,Location\nPKA,1,2026-02-09,2026-06-05,blended,Jakarta\nPKA,2,2026-13-01,2026-06-05,blended,Jakarta\n"
            .write(toFile: dir + "/cohorts.csv", atomically: true, encoding: .utf8)
        try "registration_id,nip,name,program,cohort,status\nREG-2026-00001,197306172011111906,Budi,PKA,1,maybe\n"
            .write(toFile: dir + "/participants.csv", atomically: true, encoding: .utf8)
        try "date,name\n2026-12-25,Natal\n".write(toFile: dir + "/holidays.csv", atomically: true, encoding: .utf8)
        let (data, problems) = ServiceData.load(directory: dir)
        #expect(problems.map(\.description) == [
            "\(dir)/cohorts.csv:3: start '2026-13-01' is not a date YYYY-MM-DD",
            "\(dir)/participants.csv:2: status 'maybe' is not one of submitted, verified, accepted, waitlisted, rejected",
        ])
        #expect(data?.cohorts.count == 1)
    }

    @Test func missingFileAndMissingColumnAreProblems() throws {
        let dir = Fixtures.temporaryDirectory()
        try "program,cohort\nPKA,1\n".write(toFile: dir + "/cohorts.csv", atomically: true, encoding: .utf8)
        let (data, problems) = ServiceData.load(directory: dir)
        #expect(data == nil)
        #expect(problems.contains { $0.description == "\(dir)/cohorts.csv:1: missing column 'start' in header" })
        #expect(problems.contains { $0.path.hasSuffix("participants.csv") && $0.message == "cannot read file" })
    }

    @Test func replyBookReportsMissingKeysAndFallsBack() throws {
        let dir = Fixtures.temporaryDirectory()
        try "# comment\ngreeting: Halo {name}\nthanks: Sama-sama\nbogus line\n".write(toFile: dir + "/id.txt", atomically: true, encoding: .utf8)
        try "greeting: Hello {name}\n".write(toFile: dir + "/en.txt", atomically: true, encoding: .utf8)
        let (book, problems) = ReplyBook.load(directory: dir)
        #expect(book?.text(.greeting, .en, ["name": "Ani"]) == "Hello Ani")
        #expect(book?.text(.thanks, .en) == "Sama-sama")
        #expect(problems.contains { $0.description == "\(dir)/id.txt:4: expected 'key: text'" })
        #expect(problems.contains { $0.description == "\(dir)/id.txt:3: key 'thanks' has no text in en.txt (falls back to id)" })
    }
}
