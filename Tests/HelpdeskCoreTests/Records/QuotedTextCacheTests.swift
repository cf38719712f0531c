import Foundation
import Testing
@testable import HelpdeskCore

/// `QuotedTextCache` (both policies) against the reference (`LineBuffer.appendQuoted(redactor.redact(text))`):
/// texts with personal data, escapes and non-ASCII, lengths around the small-string limit, the
/// the same text seen many times (hits), equal texts in different storage, many texts sharing
/// the 64 slots (so misses, collisions and replacements), and a string changed in place.
@Suite struct QuotedTextCacheTests {
    let redactor = Redactor()

    func reference(_ text: String) -> [UInt8] {
        var line = LineBuffer(capacity: 16)
        line.appendQuoted(redactor.redact(text))
        return Array(line.bytes(from: 0))
    }

    func cached(_ text: String, _ cache: inout QuotedTextCache) -> [UInt8] {
        var line = LineBuffer(capacity: 16)
        line.append("x")  // not at the start of the buffer
        cache.append(text, to: &line) { redactor.redact(text: $0) }
        return Array(line.bytes(from: 1))
    }

    let texts = [
        "", "halo", "fifteen bytes!!", "sixteen bytes!!!", "Nomor Anda 0812-3456-7890 dan NIK 3201012345678901.",
        "e-mail budi.s@lan.go.id, \"kutip\" \\ garis\nbaru\ttab \u{1} selesai", "Halo 👋 — é 日本 +62 812 3456 7890 ok",
        "Jadwal angkatan 3: 12-14 Desember 2026 (kelas 12), biaya Rp 1.500.000.",
        String(repeating: "Baris panjang 19850101 201001 1 001; ", count: 40),
        String(repeating: "Sangat panjang 0812 3456 7890 \"x\"\n", count: 200),  // > longestText: never cached
    ]

    @Test(arguments: [false, true]) func repeatedTextsEqualTheReference(atFirstSight: Bool) {
        var cache = QuotedTextCache(slotCount: 64, rememberAtFirstSight: atFirstSight)
        for round in 0..<4 {
            for text in texts {
                #expect(cached(text, &cache) == reference(text), "round \(round): \(text)")
            }
        }
        // Served from the cache from the second or third sighting on (unless texts share a slot),
        // except the text longer than `longestText`.
        #expect(texts.filter { $0.utf8.count > QuotedTextCache.longestText }.count == 1)
        #expect(cache.hits >= texts.count - 1)
    }

    @Test(arguments: [false, true]) func equalTextsInOtherStorageAndManyTexts(atFirstSight: Bool) {
        var cache = QuotedTextCache(slotCount: 4, rememberAtFirstSight: atFirstSight)
        for i in 0..<500 {
            // A fresh string each time (new storage, maybe a freed address again).
            let text = "Balasan nomor \(i % 97): hubungi 0812-3456-78\(i % 10)\(i % 7) atau \"admin\"\n"
            #expect(cached(text, &cache) == reference(text))
        }
        var kept = texts.map { $0 + " (salinan yang sama)" }
        for i in 0..<300 { #expect(cached(kept[i % kept.count], &cache) == reference(kept[i % kept.count])) }
        kept.removeAll()
    }

    @Test func textChangedInPlaceIsNotServedTheOldLine() {
        var cache = QuotedTextCache(slotCount: 64, rememberAtFirstSight: false)
        var text = String(repeating: "a", count: 40) + " 081234567890"
        text.reserveCapacity(200)
        for _ in 0..<3 { #expect(cached(text, &cache) == reference(text)) }
        // Same storage (uniquely held, room to spare), same length, other bytes.
        text.removeLast(12)
        text.append("hello world!")
        #expect(text.utf8.count == 53)
        #expect(cached(text, &cache) == reference(text))
        #expect(cached(text, &cache) == reference(text))
        #expect(cached(text, &cache) == reference(text))
    }
}

/// The writer's user cache (`TranscriptLineCaches.users`: pseudonyms, kept at first sight)
/// against `Pseudonym.of` quoted, over many users (collisions in its 256 slots) seen repeatedly.
@Suite struct QuotedPseudonymCacheTests {
    @Test func usersEqualTheirQuotedPseudonyms() {
        let pseudonym = Pseudonym(key: Array("kunci-uji-cache-0123456789abcdef".utf8))
        var caches = TranscriptLineCaches()
        for i in 0..<3000 {
            let user = ["tcp:127.0.0.1:\(50000 + i % 700)#\(i % 13)", "tg:\(i % 50)", "", "tg:5512", "a\"b\\c\u{1}"][i % 5]
            var want = LineBuffer(capacity: 16)
            want.appendQuoted(pseudonym.of(user))
            var got = LineBuffer(capacity: 16)
            caches.users.append(user, to: &got) { pseudonym.of(String(decoding: $0, as: UTF8.self)) }
            #expect(Array(got.bytes(from: 0)) == Array(want.bytes(from: 0)), "\(user)")
        }
        #expect(caches.users.hits > 1000)
    }
}
