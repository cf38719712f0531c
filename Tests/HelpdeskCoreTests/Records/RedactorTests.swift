import Testing
@testable import HelpdeskCore

@Suite struct RedactorTests {
    let r = Redactor()

    @Test(arguments: [
        ("NIK saya 3201012345678901", "NIK saya [NIK]"),
        ("nik: 3201 0123 4567 8901 ya", "nik: [NIK] ya"),
        ("nik3201.0123.4567.8901", "nik[NIK]"),
        ("NIP 198501012010011001", "NIP [NIP]"),
        ("nip 19850101 201001 1 001, angkatan 3", "nip [NIP], angkatan 3"),
        ("hubungi 0812-3456-7890", "hubungi [TELEPON]"),
        ("wa +62 812 3456 7890 ya", "wa [TELEPON] ya"),
        ("no hp 6281234567890", "no hp [TELEPON]"),
        ("kantor (021) 1234567", "kantor [TELEPON]"),
        ("hp 081234567890.", "hp [TELEPON]."),
        ("email budi.santoso@lan.go.id tolong", "email [EMAIL] tolong"),
        ("kirim ke Siti_Aminah+diklat@gmail.com.", "kirim ke [EMAIL]."),
        ("NIK 3201012345678901 dan hp 0812 3456 7890 email a@b.co",
         "NIK [NIK] dan hp [TELEPON] email [EMAIL]"),
    ])
    func masks(input: String, expected: String) {
        #expect(r.redact(input) == expected)
    }

    @Test(arguments: [
        "cek aduan ADU-20261122-0007",
        "cek aduan adu 20261122 0007",
        "status REG-2026-00042 dong",
        "status reg 2026 00042",
        "jadwal tanggal 2026-11-22 jam 10.30",
        "tanggal 22-11-2026 atau 22/11/2026",
        "angkatan 3 tahun 2026, kelas 12",
        "biaya Rp 1.500.000",
        "saya @budi di twitter",
        "selamat pagi, apa kabar?",
        "pelatihan revolusi mental untuk birokrasi yang bersih",
    ])
    func leavesAlone(input: String) {
        #expect(r.redact(input) == input)
    }

    @Test func keepsNonASCIIText() {
        #expect(r.redact("Halo 👋 nomor saya 0812-3456-7890 — terima kasih") == "Halo 👋 nomor saya [TELEPON] — terima kasih")
    }
}

/// A `+` or `(` right after a word and a joiner ("tel-+62...") used to stop the scan from
/// moving (an endless loop on the writer's thread); such a number is now read as a number.
@Suite struct RedactorJoinerTests {
    @Test(arguments: [
        ("tel-+6281234567890 ya", "tel-[TELEPON] ya"),
        ("a_(021) 1234567", "a_[TELEPON]"),
        ("x/+1", "x/+1"),
        ("ADU-(1", "ADU-(1"),
    ])
    func signAfterJoinerEnds(input: String, expected: String) {
        #expect(Redactor().redact(input) == expected)
        #expect(Redactor().redact(input, skipping: false) == expected)
    }
}
