import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct DeskComplaintTests {
    @Test func guidedComplaintGetsATicketOnlyAfterItIsOnDisk() throws {
        let dir = Fixtures.temporaryDirectory()
        var chat = Chat(try Fixtures.desk(journalDirectory: dir))
        #expect(chat.send("saya mau mengadu").text.contains("Aduan ini tentang apa?"))
        #expect(chat.send("3").text.contains("Ceritakan apa yang terjadi"))
        #expect(chat.send("eror").text.contains("lebih rinci"))
        #expect(chat.send("Sejak Senin saya tidak bisa login ke LMS, selalu muncul pesan kata sandi salah").text.contains("Bagaimana aduan ini dicatat?"))
        #expect(chat.send("biasa").text.contains("Nomor telepon atau e-mail"))
        let summary = chat.send("ani@example.id")
        #expect(summary.text.contains("Kategori: LMS/teknis"))
        #expect(summary.text.contains("Kontak: ani@example.id"))
        #expect(chat.send("mungkin").text.contains("Ketik \"ya\""))
        let filed = chat.send("ya")
        let ticket = try #require(filed.ticket)
        #expect(filed.outcome == .complaintFiled)
        #expect(ticket.hasPrefix("ADU-20261122-"))
        // LMS: 2 working days from Sunday 22 Nov = Tuesday 24 Nov.
        #expect(filed.text.contains("24 November 2026"))
        let onDisk = try String(contentsOfFile: dir + "/complaints.jsonl", encoding: .utf8)
        #expect(onDisk.contains(ticket))
    }

    @Test func everythingAtOnceGoesStraightToConfirmation() throws {
        var chat = Chat(try Fixtures.desk())
        let r = chat.send("Saya mau lapor secara anonim: panitia pelatihan di Samarinda minta uang pelicin agar nama saya masuk daftar peserta")
        #expect(r.text.contains("Kategori: integritas"))
        #expect(r.text.contains("Pencatatan: anonim"))
        let filed = chat.send("ya")
        #expect(filed.ticket != nil)
        #expect(filed.text.contains("secara rahasia"))
        let complaint = try #require(chat.desk.journal.complaint(ticket: filed.ticket!))
        #expect(complaint.reporter == nil && complaint.mode == .anonymous && complaint.category == .integrity)
    }

    @Test func statusRightAfterFilingNeedsNoNumber() throws {
        var chat = Chat(try Fixtures.desk())
        chat.send("Saya mau lapor secara anonim: panitia pelatihan di Samarinda minta uang pelicin agar nama saya masuk daftar peserta")
        let ticket = try #require(chat.send("ya").ticket)
        let status = chat.send("status aduan saya bagaimana")
        #expect(status.intent == .complaintStatus)
        #expect(status.text.contains(ticket))
    }

    @Test func cancelAtAnyPoint() throws {
        var chat = Chat(try Fixtures.desk())
        chat.send("saya mau mengadu")
        chat.send("pelayanan")
        #expect(chat.send("batal").text.contains("dibatalkan"))
        #expect(chat.send("batal").text.contains("Tidak ada proses"))
        #expect(chat.desk.journal.list().isEmpty)
    }

    @Test func anotherQuestionMidComplaintIsAnsweredThenResumed() throws {
        var chat = Chat(try Fixtures.desk())
        chat.send("saya mau mengadu")
        let mid = chat.send("kapan jadwal PKA angkatan 4?")
        #expect(mid.intent == .scheduleQuery)
        #expect(mid.text.contains("angkatan 4 dimulai 14 Desember 2026"))
        #expect(mid.text.contains("Kembali ke aduan Anda: Baik, kami catat aduan Anda"))
        #expect(chat.send("1").text.contains("Ceritakan"))
    }

    @Test func complaintStatusWithNoteDueDateAndHiddenIntegrityText() throws {
        var chat = Chat(try Fixtures.desk())
        chat.send("Saya mau mengadu secara rahasia, ada pungli oleh oknum panitia saat pendaftaran ulang peserta kemarin")
        #expect(chat.send("ya").text.contains("Nomor telepon atau e-mail"))
        #expect(chat.send("lewati").text.contains("Pencatatan: rahasia"))
        let ticket = try #require(chat.send("ya").ticket)
        try chat.desk.journal.update(ticket: ticket, status: .inProgress, note: "Tim kepatuhan sedang memeriksa.", at: chat.now)
        var other = Chat(chat.desk, user: "wa:628", now: chat.now)
        let status = other.send("status aduan \(ticket.lowercased().replacingOccurrences(of: "-", with: " "))")
        #expect(status.intent == .complaintStatus)
        #expect(status.text.contains("sedang diproses"))
        #expect(status.text.contains("Tim kepatuhan sedang memeriksa."))
        #expect(status.text.contains("Februari 2027"))
        #expect(!status.text.contains("pungli oleh oknum"))
    }

    @Test func badTicketNumber() throws {
        var chat = Chat(try Fixtures.desk())
        let r = chat.send("status ADU-20261122-0042")
        #expect(r.text.contains("ADU-20261122-0042 tidak ditemukan"))
        let ask = chat.send("status aduan saya")
        #expect(ask.text.contains("Sebutkan nomor aduan"))
    }

    @Test func englishComplaintFlow() throws {
        var chat = Chat(try Fixtures.desk())
        #expect(chat.send("I want to complain").text.contains("What is it about?"))
        chat.send("trainer")
        chat.send("The trainer in PKA cohort 3 skipped two sessions without notice")
        chat.send("confidential")
        let summary = chat.send("skip")
        #expect(summary.text.contains("Contact: (none)"))
        #expect(chat.send("yes").ticket != nil)
    }
}
