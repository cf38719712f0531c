import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct DeskConversationTests {
    @Test func greetingHelpThanksGoodbyeInBothLanguages() throws {
        var chat = Chat(try Fixtures.desk())
        #expect(chat.send("halo").text.hasPrefix("Selamat datang"))
        #expect(chat.send("bantuan").text.contains("REG-2026-00042"))
        #expect(chat.send("makasih").text.hasPrefix("Sama-sama"))
        #expect(chat.send("hello").text.hasPrefix("Welcome"))
        #expect(chat.send("thanks").text.hasPrefix("You're welcome"))
        #expect(chat.send("bye").intent == .goodbye)
    }

    @Test func outOfScopePointsToTheRightAgency() throws {
        var chat = Chat(try Fixtures.desk())
        #expect(chat.send("cara bikin KTP gimana?").text.contains("Dukcapil"))
        #expect(chat.send("bayar pajak dimana").text.contains("DJP"))
        let unclear = chat.send("qwerty asdf")
        #expect(unclear.outcome == .fallback)
    }

    @Test func handoffQueuesWhenSupervisorsAreOnline() throws {
        var chat = Chat(try Fixtures.desk(online: 1))
        let r = chat.send("saya mau bicara dengan petugas")
        #expect(r.outcome == .handedOff)
        #expect(r.text.contains("antrean nomor 1"))
        #expect(chat.desk.handoff.pending().map(\.user) == ["tg:5512"])
    }

    @Test func handoffOfflineGivesOfficeHours() throws {
        var chat = Chat(try Fixtures.desk(online: 0))
        let r = chat.send("petugas")
        #expect(r.text.contains("Senin-Jumat 08.00-16.00 WIB"))
        #expect(chat.desk.handoff.pending().isEmpty)
        #expect(HandoffQueue.isOfficeHours(Fixtures.date("2026-11-23", hour: 9)))
        #expect(!HandoffQueue.isOfficeHours(Fixtures.date("2026-11-22", hour: 9)))
    }

    @Test func idleSessionExpiresWithANewID() throws {
        var chat = Chat(try Fixtures.desk())
        let first = chat.send("halo")
        chat.send("saya mau mengadu")
        let same = chat.send("halo")
        #expect(same.session == first.session)
        chat.now = chat.now.addingTimeInterval(31 * 60)
        let later = chat.send("1")
        #expect(later.session != first.session)
        #expect(!later.text.contains("Ceritakan"))
    }

    @Test func languageFollowsTheUserUnlessPinned() throws {
        let desk = try Fixtures.desk()
        var chat = Chat(desk)
        chat.send("hello")
        #expect(desk.language(of: chat.user) == .en)
        desk.setLanguage(.id, of: chat.user)
        #expect(chat.send("hello").text.hasPrefix("Selamat datang"))
        desk.endConversation(of: chat.user)
        #expect(desk.language(of: chat.user) == .id)
    }

    @Test func reloadKeepsTheLastGoodDataOnError() throws {
        let dir = Fixtures.temporaryDirectory()
        for name in ["cohorts.csv", "participants.csv", "holidays.csv"] {
            try FileManager.default.copyItem(atPath: Fixtures.dataDirectory + "/" + name, toPath: dir + "/" + name)
        }
        let desk = try Desk(classifier: KeywordClassifier(), sources: .init(dataDirectory: dir, repliesDirectory: Fixtures.repliesDirectory),
                            journal: ComplaintJournal(directory: Fixtures.temporaryDirectory()))
        try "program,cohort,start\n\"broken,1,2026-01-01\n".write(toFile: dir + "/cohorts.csv", atomically: true, encoding: .utf8)
        let problems = desk.reload()
        #expect(problems.map(\.description) == ["\(dir)/cohorts.csv:2: quoted field is never closed"])
        var chat = Chat(desk)
        #expect(chat.send("kapan PKA angkatan 3?").text.contains("2 November 2026"))
        try "program,cohort,start,end,mode,location\nPKA,3,2027-05-03,2027-08-27,online,Jakarta\n".write(toFile: dir + "/cohorts.csv", atomically: true, encoding: .utf8)
        try "registration_id,nip,name,program,cohort,status\n".write(toFile: dir + "/participants.csv", atomically: true, encoding: .utf8)
        #expect(desk.reload().isEmpty)
        #expect(chat.send("kapan PKA angkatan 3?").text.contains("3 Mei 2027"))
    }

    @Test func concurrentUsersDoNotCorruptSessions() async throws {
        let desk = try Fixtures.desk()
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask {
                    var chat = Chat(desk, user: "u\(i)")
                    chat.send("saya mau mengadu")
                    let r = chat.send("2")
                    return r.text.contains("Ceritakan")
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
