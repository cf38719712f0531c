import Testing
@testable import HelpdeskCore

/// The redactor's skipping scan (`Redactor.nextNumberStart`) against the byte-at-a-time scan it
/// replaced, on texts built to put numbers, e-mails and identifiers at every offset of an
/// eight-byte word.
@Suite struct RedactorSkipTests {
    let r = Redactor()

    static let tricky: [String] = [
        "", "1", "+", "(", "@", "a@b.co", "+6281234567890", "(021) 1234567 (021)1234567",
        "NIK 3201012345678901 dan hp 0812 3456 7890 email a@b.co",
        "nip 19850101 201001 1 001, angkatan 3 tanggal 2026-11-22",
        "Jadwal angkatan 3: 12-14 Desember 2026 (kelas 12), biaya Rp 1.500.000; hubungi 0812-3456-7890.",
        "ADU-20261122-0007 lalu x@y.id dan ADU-12abc@mail.com kemudian budi@lan.go.id 081234567890",
        "REG-2026-00042/3201012345678901_x a/3201012345678901 b_3201012345678901",
        "Halo 👋 nomor saya 0812-3456-7890 — terima kasih, é 3201012345678901 ü",
        "kirim ke Siti_Aminah+diklat@gmail.com. dan +62 812 3456 7890 ya",
        "line\nwith \"quotes\" and \\ back 08123456789\t(0812)3456789",
        "12345678+12345678(12345678@a.bc 0000000000000000000000000",
        "……… 62812345678901 …… ++62812345678 ((0812345678",
    ]

    @Test func skippingScanEqualsByteScanOnTrickyTexts() {
        for text in Self.tricky {
            for pad in 0..<9 {
                let shifted = String(repeating: "x", count: pad) + text
                #expect(r.redact(shifted) == r.redact(shifted, skipping: false), "\(shifted)")
            }
        }
    }

    @Test func skippingScanEqualsByteScanOnRandomTexts() {
        let pieces = ["0812", "3456", "7890", "62", "+", "(", ")", "021", " ", "-", ".", "_", "/", "@",
                      "a", "budi", "lan.go.id", "ADU", "é", "👋", "3201012345678901", "1985010120100110", "01",
                      "\n", "\"", "co"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var masked = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(8 + Int(next(&state) % 40)) {
                text += pieces[Int(next(&state) % UInt64(pieces.count))]
            }
            let fast = r.redact(text)
            #expect(fast == r.redact(text, skipping: false), "\(text)")
            if fast != text { masked += 1 }
        }
        // The generator must exercise the masking paths, not only plain text.
        #expect(masked > 300)
    }

    /// Every e-mail the redactor's own detector finds in a text is masked, wherever it sits
    /// among numbers, identifiers and brackets; random texts over the bytes that steer the scan.
    /// Before, an e-mail that a skipped identifier or digit run stepped into stayed in clear,
    /// and so did every e-mail after it (`a(9@Z.co`, `x ADU-1a_b@lan.id lalu c@d.id`).
    @Test func everyEmailFoundIsMasked() {
        let alphabet = Array("ab1-_@.cZ9 +(/)".utf8)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var withEmail = 0
        for round in 0..<20_000 {
            var bytes = (0..<(3 + Int(next(&state) % 22))).map { _ in alphabet[Int(next(&state) % UInt64(alphabet.count))] }
            if round % 4 == 0 { bytes += Array(" ADU-1a_b@lan.id lalu c@d.id".utf8) }
            let text = String(decoding: bytes, as: UTF8.self)
            let found = bytes.withUnsafeBufferPointer { r.emailSpans($0).count }
            guard found > 0 else { continue }
            withEmail += 1
            for skipping in [true, false] {
                let out = r.redact(text, skipping: skipping)
                #expect(out.split(separator: "[EMAIL]", omittingEmptySubsequences: false).count - 1 == found, "\(text) -> \(out)")
            }
        }
        #expect(withEmail > 5000)
        #expect(r.redact("x ADU-1a_b@lan.id lalu c@d.id") == "x [EMAIL] lalu [EMAIL]")
        #expect(r.redact("hp (9@lan.id") == "hp ([EMAIL]")
    }

    @Test func nextNumberStartFindsFirstCandidate() {
        let text = Array("abcdefghij(klmnopqrstuvwx+yz0".utf8)
        text.withUnsafeBufferPointer { u in
            #expect(Redactor.nextNumberStart(u, from: 0, to: u.count) == 10)
            #expect(Redactor.nextNumberStart(u, from: 11, to: u.count) == 25)
            #expect(Redactor.nextNumberStart(u, from: 26, to: u.count) == 28)
            #expect(Redactor.nextNumberStart(u, from: 0, to: 9) == 9)
        }
    }

    private func next(_ s: inout UInt64) -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
