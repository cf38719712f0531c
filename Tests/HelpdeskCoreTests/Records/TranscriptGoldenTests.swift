import Foundation
import Testing
@testable import HelpdeskCore

/// The transcript files' exact bytes, pinned: a fixed set of tricky exchanges (non-ASCII, quotes,
/// backslashes, control characters, personal data to mask, odd numbers, two Jakarta days, a
/// restart in between) recorded through `TranscriptWriter` must give the files under
/// `Tests/fixtures/transcripts-golden/`, which were written by the writer before its fifth-round
/// optimisation. Any change of field order, escaping, number or time format, redaction or hash
/// shows up here. To regenerate (only for a deliberate format change):
/// `HELPDESK_WRITE_GOLDEN=1 swift test --filter TranscriptGoldenTests`.
@Suite struct TranscriptGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/transcripts-golden")
    static let key = Pseudonym(key: Array("golden-pseudonym-key".utf8))
    // 2026-11-22 10:00:00 WIB = 03:00:00 UTC.
    static let morning = Date(timeIntervalSince1970: 1_795_316_400)

    static let messages: [String] = [
        "halo min",
        "NIK saya 3201012345678901, NIP 198501012010011001, hp 0812-3456-7890",
        "email saya budi.santoso@kemenpan.go.id dan +62 812 3456 7890",
        "telp (021) 555-1234 atau 62-812-3456-7890 ya, wa 081234567890",
        "aduan \"sertifikat\" belum terbit \\n bukan baris baru, \\\\ dua garis",
        "kontrol: \u{01}\u{02}\t\r\n\u{08}\u{0C}\u{1F}\u{7F}\u{0} selesai",
        "Café résumé naïve — “kutip” ‘tunggal’ … ¿qué?",
        "日本語のテキスト and emoji 🙂👍🏽 and 🇮🇩, e\u{301} combining",
        "ADU-20261122-0007 REG-2026-00042 tanggal 2026-11-23 angkatan 3 Rp 1.500.000 jam 08.00",
        "",
        "@ lonely at, a@b, x@y.co dan .dot@@double.id",
        "3201012345678901abc glued dan 123456789012345678901234 panjang",
        "\"",
        "\\",
        "\u{2028}\u{2029} separators and \u{FEFF} bom",
        "akhiran backslash \\",
    ]

    static let replies: [String] = [
        "Jadwal angkatan 3: 2026-11-23.\nHubungi 021-1234567 bila perlu.",
        "Halo! Ada yang bisa dibantu?",
        "Aduan Anda tercatat: \"ADU-20261122-0007\".\n\tSimpan nomornya.",
        "We will reply to a.b@example.org within 2 days\r\n— thanks",
        "",
        "Baris\u{1B}[0m dengan escape ANSI dan \u{7F}",
    ]

    static let entities: [[Entity]] = [
        [],
        [Entity(kind: .nik, value: "3201012345678901", text: "3201012345678901"),
         Entity(kind: .cohort, value: "3", text: "angkatan 3")],
        [Entity(kind: .nip, value: "198501012010011001", text: "NIP 198501012010011001"),
         Entity(kind: .phone, value: "081234567890", text: "0812-3456-7890"),
         Entity(kind: .email, value: "budi@kemenpan.go.id", text: "budi@kemenpan.go.id")],
        [Entity(kind: .program, value: "Revolusi \"Mental\" — ü", text: "revolusi mental"),
         Entity(kind: .date, value: "2026-11-23", text: "besok"),
         Entity(kind: .ticket, value: "ADU-20261122-0007", text: "ADU-20261122-0007"),
         Entity(kind: .registrationID, value: "REG-2026-00042", text: "REG-2026-00042")],
        [Entity(kind: .month, value: "hp 0812 3456 7890 \\ x", text: "bulan")],
    ]

    static let confidences: [Double] = [0.9, 0.9375, 1, 0, 0.123456, 0.99995, .nan, -0.5, 1e20, 0.00004, .infinity]
    static let latencies: [Int64] = [1500, 0, 17, -3, 123_456_789, Int64.max]
    static let users = ["tg:5512", "tcp:127.0.0.1:50123#17", "wa:+6281234567890", "pengguna-ü", ""]
    static let channels = ["telegram", "tcp", "webhook", "whatsapp \"x\""]
    static let intents: [IntentLabel] = IntentLabel.allCases
    static let outcomes: [Outcome] = Outcome.allCases

    /// The exchange number `i` of the fixed set (varied along every field independently).
    static func exchange(_ i: Int) -> Exchange {
        // Lines of every length modulo 64 (the SHA-256 block), by padding the message.
        let pad = String(repeating: "x", count: i % 67)
        let message = messages[i % messages.count] + (i >= messages.count ? " " + pad : "")
        // Two days: 10:00 WIB on the 22nd onwards, past midnight WIB into the 23rd halfway.
        let seconds = i < 60 ? Double(i) * 37.123 : 14 * 3600 + Double(i) * 41.9999
        let arrived = morning.addingTimeInterval(seconds + (i % 5 == 0 ? 0.9996 : 0.0004 * Double(i % 3)))
        let latency = latencies[i % latencies.count]
        let outcome = outcomes[i % outcomes.count]
        let handler = i % 13 == 7 ? "privacy" : ["schedule", "complaint", "greeting", "fallback"][i % 4]
        let reply = Reply(text: replies[i % replies.count], intent: intents[i % intents.count],
                          confidence: confidences[i % confidences.count], lang: i % 2 == 0 ? .id : .en,
                          handler: handler, outcome: outcome, entities: entities[i % entities.count],
                          ticket: outcome == .complaintFiled ? "ADU-20261122-\(1000 + i)" : nil,
                          session: "r\(i % 4)")
        return Exchange(session: i % 3 == 0 ? "" : "s\(i % 7)", channel: channels[i % channels.count],
                        user: users[i % users.count], arrived: arrived,
                        replied: arrived.addingTimeInterval(Double(latency % 1_000_000) / 1e6),
                        latencyMicros: latency, message: message, reply: reply)
    }

    /// Records the fixed set into `dir`: two flushes, then a restart (a new writer) and a third.
    static func record(into dir: URL) throws {
        let config = TranscriptWriter.Configuration(directory: dir, retentionDays: nil, autoFlush: false)
        do {
            let w = try TranscriptWriter(configuration: config, pseudonym: key)
            for i in 0..<40 { w.record(exchange(i)) }
            w.flush()
            for i in 40..<80 { w.record(exchange(i)) }
            w.flush()
            w.close()
        }
        let w = try TranscriptWriter(configuration: config, pseudonym: key)
        for i in 80..<140 { w.record(exchange(i)) }
        w.close()
    }

    static let names = ["transcript-2026-11-22.jsonl", "transcript-2026-11-23.jsonl"]

    @Test func recordedFilesAreByteIdenticalToTheGoldenCopy() throws {
        let tmp = TempDir()
        try Self.record(into: tmp.url)
        #expect(TranscriptFiles.list(tmp.url).map(\.url.lastPathComponent) == Self.names)
        if ProcessInfo.processInfo.environment["HELPDESK_WRITE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
            for name in Self.names {
                let target = Self.fixtures.appendingPathComponent(name)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: tmp.url.appendingPathComponent(name), to: target)
            }
        }
        for name in Self.names {
            let got = try Data(contentsOf: tmp.url.appendingPathComponent(name))
            let want = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
            #expect(got.count == want.count, "\(name): length")
            #expect(got == want, "\(name): bytes differ")
        }
        let verified = try ChainVerifier().verify(directory: tmp.url)
        #expect(verified.problems.isEmpty && verified.records == 140)
    }
}
