import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct DeskScheduleRegistrationTests {
    @Test func scheduleByCohortNumberInIndonesian() throws {
        var chat = Chat(try Fixtures.desk())
        let r = chat.send("kapan jadwal PKA angkatan 3 mulai?")
        #expect(r.intent == .scheduleQuery && r.handler == "schedule" && r.lang == .id)
        #expect(r.text.contains("Pelatihan Kepemimpinan Administrator angkatan 3 dimulai 2 November 2026"))
        #expect(!r.session.isEmpty)
    }

    @Test func nextPKAInEnglish() throws {
        var chat = Chat(try Fixtures.desk())
        let r = chat.send("when is the next PKA?")
        #expect(r.lang == .en)
        #expect(r.text.contains("Pelatihan Kepemimpinan Administrator cohort 4 starts on 14 December 2026"))
    }

    @Test func thisMonthListsSeveralAndUntilWhen() throws {
        var chat = Chat(try Fixtures.desk())
        let month = chat.send("jadwal pelatihan bulan ini apa saja?")
        #expect(month.text.hasPrefix("Jadwal yang cocok:"))
        #expect(month.text.contains("angkatan 3: 2 November 2026"))
        #expect(month.text.contains("Pelatihan Dasar CPNS angkatan 7"))
        let until = chat.send("revolusi mental angkatan 4 sampai kapan?")
        #expect(until.text.contains("berlangsung sampai 29 Januari 2027"))
    }

    @Test func entitiesFromTheEngineAreUsed() throws {
        let month = Classification(intent: .scheduleQuery, confidence: 0.95,
                                   entities: [Entity(kind: .month, value: "2026-03", text: "Maret")], lang: .id)
        var chat = Chat(try Fixtures.desk(classifier: KeywordClassifier(exact: ["ada pelatihan maret?": month])))
        let r = chat.send("ada pelatihan maret?")
        #expect(r.text.contains("Pelatihan Kepemimpinan Administrator angkatan 1 dimulai 9 Februari 2026"))
    }

    @Test func nothingMatchesSaysSoAndShowsWhatExists() throws {
        var chat = Chat(try Fixtures.desk())
        let r = chat.send("jadwal angkatan 12?")
        #expect(r.text.hasPrefix("Tidak ada jadwal yang cocok dengan \"angkatan 12\""))
        #expect(r.text.contains("angkatan 7"))
    }

    @Test func registrationByNumberShowsStatusWithMaskedName() throws {
        var chat = Chat(try Fixtures.desk())
        let r = chat.send("cek status reg 2026 00003")
        #expect(r.handler == "registration")
        #expect(r.text.contains("REG-2026-00003 atas nama D*** S****** S****"))
        #expect(r.text.contains("DITERIMA"))
        #expect(!r.text.contains("Dian"))
    }

    @Test func registrationByNIPInEnglish() throws {
        var chat = Chat(try Fixtures.desk())
        let r = chat.send("what is the status of my registration, nip 198712252019082246")
        #expect(r.lang == .en)
        #expect(r.text.contains("Registration REG-2026-00002 for B*** T******"))
        #expect(r.text.contains("VERIFIED"))
    }

    @Test func asksForTheNumberAndUnderstandsTheBareAnswer() throws {
        var chat = Chat(try Fixtures.desk())
        let ask = chat.send("status pendaftaran saya gimana?")
        #expect(ask.outcome == .askedForMore)
        let r = chat.send("REG-2026-00005")
        #expect(r.intent == .registrationStatus)
        #expect(r.text.contains("TIDAK DITERIMA"))
    }

    @Test func unknownNumberThenLockoutWithoutLookingUp() throws {
        var chat = Chat(try Fixtures.desk())
        let first = chat.send("cek REG-2026-99999")
        #expect(first.text.contains("tidak menemukan pendaftaran dengan REG-2026-99999"))
        for n in 2...5 { chat.send("cek REG-2026-9999\(n)") }
        let locked = chat.send("cek REG-2026-00003")
        #expect(locked.text.contains("coba lagi dalam"))
        #expect(!locked.text.contains("DITERIMA"))
        // Another user is not affected.
        var other = Chat(chat.desk, user: "tg:7777", now: chat.now)
        #expect(other.send("cek REG-2026-00003").text.contains("DITERIMA"))
        // Ten minutes after the first failure the window has moved on.
        chat.now = chat.now.addingTimeInterval(10 * 60)
        #expect(chat.send("cek REG-2026-00003").text.contains("DITERIMA"))
    }
}
