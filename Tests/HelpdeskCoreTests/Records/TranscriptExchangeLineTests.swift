import Foundation
import Testing
@testable import HelpdeskCore

/// The writer's line made straight from an `Exchange` (`TranscriptExchangeLine.swift`) against
/// the line of the `TranscriptRecord` built from the same exchange, byte for byte: personal data
/// in messages and in replies that echo it, entities, a data-rights exchange, an empty session,
/// escapes and non-ASCII text, and `prev` both as given (genesis, a file's) and as hashed.
@Suite struct TranscriptExchangeLineTests {
    let redactor = Redactor()
    let pseudonym = Pseudonym(key: Array("kunci-uji-transkrip-0123456789".utf8))

    func exchanges() -> [Exchange] {
        let texts = [
            "halo min", "NIK saya 3201012345678901 dan hp 0812-3456-7890, email budi.s@lan.go.id",
            "nip 19850101 201001 1 001 \"kutip\" \\ garis\nbaru\ttab \u{1}", "Halo 👋 — é 日本 +62 812 3456 7890",
            "cek ADU-20261122-0007 dan REG-2026-00042", "",
        ]
        let replies = [
            "Jadwal angkatan 3: 12-14 Desember 2026 (kelas 12), biaya Rp 1.500.000.",
            "Nomor Anda 0812-3456-7890 dan NIK 3201012345678901 sudah kami catat; e-mail budi.s@lan.go.id.",
            "Baris\n\"dua\" \\ 👋 (021) 1234567", "",
        ]
        let entities: [[Entity]] = [
            [],
            [Entity(kind: .nik, value: "3201012345678901", text: "3201012345678901"),
             Entity(kind: .phone, value: "081234567890", text: "0812-3456-7890"),
             Entity(kind: .email, value: "budi.s@lan.go.id", text: "budi.s@lan.go.id")],
            [Entity(kind: .cohort, value: "3", text: "angkatan 3"),
             Entity(kind: .program, value: "revolusi \"mental\" 0812 3456 7890", text: "x")],
        ]
        let handlers = ["schedule", "privacy", "complaint", "greeting"]
        var out: [Exchange] = []
        var n = 0
        for (t, message) in texts.enumerated() {
            for (k, text) in replies.enumerated() {
                n += 1
                let reply = Reply(text: text, intent: IntentLabel.allCases[n % IntentLabel.allCases.count],
                                  confidence: [0, 1, 0.5, 0.93754, 0.12][n % 5], lang: n % 2 == 0 ? .id : .en,
                                  handler: handlers[(t + k) % handlers.count], outcome: Outcome.allCases[n % Outcome.allCases.count],
                                  entities: entities[n % entities.count], ticket: n % 3 == 0 ? "ADU-20261122-00\(n)" : nil,
                                  session: "s-reply-\(n)")
                out.append(Exchange(session: n % 4 == 0 ? "" : "s-\(n)", channel: n % 2 == 0 ? "tcp" : "telegram",
                                    user: "tcp:127.0.0.1:\(50000 + n % 5)#\(n % 7)",
                                    arrived: Date(timeIntervalSince1970: 1_795_000_000 + Double(n) * 0.3217),
                                    replied: Date(timeIntervalSince1970: 1_795_000_000 + Double(n) * 0.3217 + 0.0012),
                                    latencyMicros: Int64(n * 137), message: message, reply: reply))
            }
        }
        return out
    }

    @Test func exchangeLineEqualsRecordLine() {
        var chain = HashChain(seq: 41, prev: "ab" + String(repeating: "0", count: 62))
        var times = TimestampCache()
        var buffer = LineBuffer(capacity: 16)
        var privacy = 0
        // One set of caches for all lines, as the writer keeps them: later lines take their
        // reply from the cache (counted below; every user here is new, so users go the full way).
        var caches = TranscriptLineCaches()
        for exchange in exchanges() {
            var record = TranscriptRecord(exchange, redactor: redactor, pseudonym: pseudonym)
            (record.seq, record.prev) = chain.next()
            let want = Array(record.jsonLine().utf8)
            buffer.removeAll()
            exchange.appendTranscriptLine(chain: chain, redactor: redactor, pseudonymOf: { pseudonym.of($0) },
                                          to: &buffer, times: &times, caches: &caches)
            let got = Array(buffer.bytes(from: 0))
            #expect(got == want, "\(String(decoding: got, as: UTF8.self))\n\(String(decoding: want, as: UTF8.self))")
            if exchange.reply.handler == "privacy" { privacy += 1 }
            chain.append(lineBytes: buffer.bytes(from: 0))
        }
        #expect(privacy > 0)
        #expect(caches.replies.hits > 0)
        #expect(chain.seq == 41 + exchanges().count)
    }

    @Test func hashedPrevIsTheHexOfTheLastLine() {
        var chain = HashChain()
        var line = LineBuffer(capacity: 16)
        chain.appendQuotedPrev(to: &line)
        #expect(String(decoding: line.bytes(from: 0), as: UTF8.self) == "\"" + HashChain.genesis + "\"")
        for text in ["", "a", String(repeating: "x\u{1}é", count: 100)] {
            chain.append(line: text)
            #expect(chain.prev == SHA256.hex(text))
            line.removeAll()
            chain.appendQuotedPrev(to: &line)
            #expect(String(decoding: line.bytes(from: 0), as: UTF8.self) == "\"" + SHA256.hex(text) + "\"")
        }
        #expect(HashChain(seq: chain.seq, prev: SHA256.hex("")) != chain)
        #expect(HashChain(seq: chain.seq, prev: chain.prev) == chain)
    }
}
