import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct EntityTests {
    // 2026-11-22 10:00 WIB (03:00 UTC), a Sunday
    let now = Date(timeIntervalSince1970: 1_795_316_400)
    let extractor = EntityExtractor(programs: [
        ProgramName(canonical: "Pelatihan Revolusi Mental untuk Penguatan Budaya Birokrasi yang Bersih, Melayani, dan Responsif", aliases: ["revolusi mental"]),
        ProgramName(canonical: "Pelatihan Kepemimpinan Administrator", aliases: ["PKA"]),
    ])

    func find(_ text: String, _ kind: Entity.Kind) -> [String] {
        extractor.extract(text, now: now).filter { $0.kind == kind }.map(\.value)
    }

    @Test func registrationIDsTolerateCaseAndSeparators() {
        #expect(find("status REG-2026-00042 dong", .registrationID) == ["REG-2026-00042"])
        #expect(find("reg 2026 42", .registrationID) == ["REG-2026-00042"])
        #expect(find("reg202600042", .registrationID) == ["REG-2026-00042"])
        #expect(find("regulasi 2026", .registrationID).isEmpty)
        #expect(extractor.extract("REG-2026-00042", now: now).first?.text == "REG-2026-00042")
    }

    @Test func ticketsTolerateCaseAndSeparators() {
        #expect(find("cek adu-20261122-0007", .ticket) == ["ADU-20261122-0007"])
        #expect(find("tiket ADU 20261122 7 gimana", .ticket) == ["ADU-20261122-0007"])
        #expect(find("saya mau mengadu 2 hal", .ticket).isEmpty)
    }

    @Test func identityNumbersAndPhonesAreNotConfused() {
        let e = extractor.extract("NIK 3201 2345 6789 0123, NIP 198703152010011002, hp 0812-3456-7890", now: now)
        #expect(e.map(\.kind) == [.nik, .nip, .phone])
        #expect(e.map(\.value) == ["3201234567890123", "198703152010011002", "081234567890"])
        #expect(find("wa +62 812 3456 7890", .phone) == ["081234567890"])
        #expect(find("62812345678901", .phone) == ["0812345678901"])
        #expect(find("nomor 3201234567890123 0812345678", .nik) == ["3201234567890123"])
        #expect(find("nomor 3201234567890123 0812345678", .phone) == ["0812345678"])
        #expect(find("REG-2026-00042", .phone).isEmpty && find("ADU-20261122-0007", .nik).isEmpty)
    }

    @Test func cohortNumbersInManyForms() {
        for text in ["angkatan 3", "angkatan III", "angkatan ketiga", "angkatan ke-3", "angk. 3", "cohort 3", "batch 3", "third batch", "3rd cohort", "gelombang tiga"] {
            #expect(find(text, .cohort) == ["3"], "\(text)")
        }
        #expect(find("angkatan 2026", .cohort).isEmpty)
    }

    @Test func programNamesMatchLoosely() {
        let full = "Pelatihan Revolusi Mental untuk Penguatan Budaya Birokrasi yang Bersih, Melayani, dan Responsif"
        #expect(find("jadwal revolusi mental kapan", .program) == [full])
        #expect(find("pelatihan revolusi mental untuk penguatan budaya birokrasi yang bersih melayani dan responsif", .program) == [full])
        #expect(find("kapan PKA angkatan 2", .program) == ["Pelatihan Kepemimpinan Administrator"])
        #expect(find("pelatihan kepemimpinan administrator", .program) == ["Pelatihan Kepemimpinan Administrator"])
        #expect(find("revolusi industri", .program).isEmpty)
    }

    @Test func absoluteDatesInIndonesianAndEnglish() {
        #expect(find("pelatihan 26 Agustus 2021", .date) == ["2021-08-26"])
        #expect(find("August 26, 2021", .date) == ["2021-08-26"])
        #expect(find("tanggal 3 mar", .date) == ["2026-03-03"])
        #expect(find("31 Februari 2026", .date).isEmpty)
    }

    @Test func relativeDatesResolveInJakarta() {
        #expect(find("hari ini", .date) == ["2026-11-22"])
        #expect(find("besok", .date) == ["2026-11-23"])
        #expect(find("tomorrow", .date) == ["2026-11-23"])
        #expect(find("minggu depan", .date) == ["2026-11-23"]) // Monday after Sunday 22nd
        #expect(find("next week", .date) == ["2026-11-23"])
        #expect(find("bulan depan", .month) == ["2026-12"])   // a month is a month, not its first day
        #expect(find("bulan ini", .month) == ["2026-11"])
        #expect(find("bulan depan", .date).isEmpty)
        // 17:30 UTC on 30 November is already 00:30 WIB on 1 December
        let lateUTC = Date(timeIntervalSince1970: 1_796_059_800)
        #expect(extractor.extract("hari ini", now: lateUTC).first?.value == "2026-12-01")
    }

    @Test func bareMonths() {
        #expect(find("ada pelatihan bulan Maret?", .month) == ["2027-03"])
        #expect(find("in December", .month) == ["2026-12"])
        #expect(find("maret 2026", .month) == ["2026-03"])
        #expect(find("may i ask", .month).isEmpty)
    }

    @Test func emails() {
        #expect(find("email saya budi.santoso@lan.go.id.", .email) == ["budi.santoso@lan.go.id"])
        #expect(find("kirim ke Ani_99@Gmail.com ya", .email) == ["ani_99@gmail.com"])
        #expect(find("@admin tolong", .email).isEmpty)
    }
}
