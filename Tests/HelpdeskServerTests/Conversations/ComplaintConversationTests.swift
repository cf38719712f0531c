import Foundation
import Testing
import HelpdeskCore

/// The multi-turn complaint over real sockets: each slot asked in turn, the ticket given only
/// once the complaint is on disk, cancelling, a question on another topic in the middle, and
/// the status of a ticket afterwards.
@Suite struct ComplaintConversationTests {
    static func isTicket(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.wholeMatch(of: /ADU-\d{8}-\d{4}/) != nil
    }

    /// Informal answers at each step: "tolong dibantu" inside a description, "biasa aja" for the
    /// mode, "-" for no contact. A reply the dialog cannot place is asked again, never answered as
    /// out of scope (found by trying it over telnet).
    @Test func informalAnswersStayInTheDialog() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let user = "wa:62813000002"
        _ = try a.ask(user, "mau komplen dong")
        _ = try a.ask(user, "3")
        let mode = try a.ask(user, "lms nya error trs gk bs login udh 3 hari, tolong dibantu")
        #expect(mode.says("rahasia", "anonim"), "mode prompt expected: \(mode.text)")
        let unclear = try a.ask(user, "ya")
        #expect(unclear.intent != "out_of_scope", "an unclear answer must be asked again: \(unclear.text)")
        #expect(unclear.says("rahasia", "anonim"), "mode asked again expected: \(unclear.text)")
        let contact = try a.ask(user, "biasa aja")
        #expect(contact.says("e-mail"), "contact prompt expected: \(contact.text)")
        let confirm = try a.ask(user, "-")
        #expect(confirm.says("(ya/tidak)"), "summary expected: \(confirm.text)")
        let filed = try a.ask(user, "ya")
        #expect(Self.isTicket(filed.ticket))
    }

    @Test func fullDialogGivesATicketThatIsOnDisk() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let user = "wa:62813000001"
        let start = try a.ask(user, "saya mau mengadu")
        #expect(start.intent == "complaint.file")
        #expect(start.says("pelayanan", "LMS"), "category menu expected: \(start.text)")
        let category = try a.ask(user, "3")
        #expect(category.intent == "complaint.file")
        #expect(category.says("ceritakan"), "description prompt expected: \(category.text)")
        let description = "LMS tidak bisa dibuka sejak hari Senin, video materi modul 2 selalu gagal diputar"
        let mode = try a.ask(user, description)
        #expect(mode.says("biasa", "rahasia", "anonim"), "mode prompt expected: \(mode.text)")
        let contact = try a.ask(user, "1")
        #expect(contact.says("e-mail"), "contact prompt expected: \(contact.text)")
        let confirm = try a.ask(user, "email saya budi.tanjung@example.com")
        #expect(confirm.says("ringkasan", "modul 2", "(ya/tidak)"), "summary expected: \(confirm.text)")
        #expect(confirm.ticket == nil)
        let filed = try a.ask(user, "ya")
        #expect(filed.intent == "complaint.file")
        let ticket = try #require(filed.ticket)
        #expect(Self.isTicket(ticket))
        #expect(filed.says(ticket))

        let onDisk = desk.journalLines().filter { $0.contains(ticket) }
        #expect(!onDisk.isEmpty, "ticket \(ticket) not in complaints.jsonl")
        #expect(onDisk.contains { $0.contains("modul 2") })

        // The status of that ticket, typed lowercase with spaces by the same person later.
        let spaced = ticket.lowercased().replacingOccurrences(of: "-", with: " ")
        let status = try a.ask(user, "gimana status aduan saya \(spaced)?")
        #expect(status.intent == "complaint.status")
        #expect(status.says(ticket, "diterima"), "reply was: \(status.text)")
    }

    @Test func oneMessageComplaintNeedsOnlyConfirmation() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let person = try desk.person()
        let summary = try person.say("saya mau lapor, LMS error terus tidak bisa login sejak kemarin padahal tugas harus dikumpulkan besok. anonim saja")
        #expect(summary.lowercased().contains("(ya/tidak)"), "summary expected: \(summary)")
        #expect(summary.contains("anonim"))
        let filed = try person.say("ya")
        let ticket = try #require(filed.firstMatch(of: /ADU-\d{8}-\d{4}/).map { String($0.output) }, "no ticket in: \(filed)")
        #expect(desk.journalLines().contains { $0.contains(ticket) })
    }

    @Test func cancelStopsTheDialogAndNothingIsFiled() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let user = "wa:62813000002"
        _ = try a.ask(user, "mau komplain soal pengajar")
        let cancelled = try a.ask(user, "batal")
        #expect(cancelled.says("dibatalkan"), "reply was: \(cancelled.text)")
        let after = try a.ask(user, "ya")
        #expect(after.ticket == nil)
        #expect(desk.journalLines().isEmpty)
        let again = try a.ask(user, "batal")
        #expect(again.says("tidak ada proses"), "reply was: \(again.text)")
    }

    @Test func scheduleQuestionInTheMiddleThenResume() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let user = "wa:62813000003"
        _ = try a.ask(user, "saya ingin menyampaikan pengaduan")
        let asked = try a.ask(user, "pelayanan")
        #expect(asked.says("ceritakan"), "reply was: \(asked.text)")
        let aside = try a.ask(user, "kapan jadwal angkatan 3 PKA?")
        #expect(aside.intent == "schedule.query")
        #expect(aside.says("angkatan 3", "kembali ke aduan"), "reply was: \(aside.text)")
        let resumed = try a.ask(user, "petugas di loket pendaftaran tidak ramah dan berkas saya hilang dua kali")
        #expect(resumed.intent == "complaint.file")
        #expect(resumed.says("biasa", "rahasia", "anonim"), "mode prompt expected: \(resumed.text)")
        _ = try a.ask(user, "rahasia")
        let confirm = try a.ask(user, "lewati")
        #expect(confirm.says("loket pendaftaran", "rahasia"), "summary expected: \(confirm.text)")
        let filed = try a.ask(user, "iya")
        #expect(Self.isTicket(filed.ticket))
    }

    @Test func unknownAndMissingTicketNumbers() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let missing = try a.ask("wa:62813000004", "status aduan ADU-20261122-9999")
        #expect(missing.intent == "complaint.status")
        #expect(missing.says("tidak ditemukan", "ADU-20261122-9999"), "reply was: \(missing.text)")
        let ask = try a.ask("wa:62813000005", "mau cek status aduan saya")
        #expect(ask.intent == "complaint.status")
        #expect(ask.says("ADU-"), "reply was: \(ask.text)")
    }

    @Test func englishComplaintDialog() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let user = "wa:62813000006"
        let start = try a.ask(user, "I want to file a complaint about the trainer")
        #expect(start.intent == "complaint.file")
        #expect(start.lang == "en")
        _ = try a.ask(user, "The trainer of module 3 did not show up for two sessions and nobody told us why")
        _ = try a.ask(user, "normal")
        _ = try a.ask(user, "skip")
        let filed = try a.ask(user, "yes")
        #expect(Self.isTicket(filed.ticket), "reply was: \(filed.text)")
    }
}
