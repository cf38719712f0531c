import Foundation
import Synchronization
import Testing
@testable import HelpdeskCore
@testable import HelpdeskServer

/// `ReplyQuoteCache` against the reference (`JSONWriter.appendQuoted`): texts with every escape,
/// non-ASCII and lengths around the hash's word and lane boundaries, seen many times (hits); equal
/// texts in fresh storage through a 4-slot table (misses, collisions, replacements); a string
/// changed in place at the same length; one table per thread.
@Suite struct ReplyQuoteCacheTests {
    func reference(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.appendQuoted(text, to: &out)
        return out
    }

    func cached(_ text: String, _ cache: inout ReplyQuoteCache) -> [UInt8] {
        var out: [UInt8] = Array("{\"x\":".utf8)  // not at the start of the buffer
        cache.appendQuoted(text, to: &out)
        return Array(out.dropFirst(5))
    }

    static let texts: [String] = {
        var t = [
            "", "halo", "fifteen bytes!!", "sixteen bytes!!!", "\"", "\\", "\n", "\u{0}\u{1F}\u{7F}",
            "e-mail budi.s@lan.go.id, \"kutip\" \\ garis\nbaru\ttab \u{1} \u{8}\u{C}\r selesai",
            "Halo 👋 — é 日本 +62 812 3456 7890 ok",
            "Jadwal angkatan 3:\n• 12-14 Desember 2026 (kelas 12)\n• biaya Rp 1.500.000.",
            String(repeating: "Baris panjang \"19850101\"\n", count: 100),
            String(repeating: "Sangat panjang \u{1}\n", count: 300),  // > longestText: never remembered
        ]
        // Every length from 0 to 70 (the hash's 8- and 32-byte steps), with an escape near the end.
        for n in 0...70 { t.append(String(repeating: "a", count: n) + (n % 3 == 0 ? "\n" : "")) }
        return t
    }()

    @Test func repeatedTextsEqualTheReference() {
        var cache = ReplyQuoteCache(slotCount: 4096)  // few texts share a slot
        for round in 0..<4 {
            for text in Self.texts {
                #expect(cached(text, &cache) == reference(text), "round \(round): \(text.debugDescription)")
            }
        }
        // Remembered at the second sighting, copied from the third (unless two texts share a
        // slot), except the one longer than `longestText`.
        #expect(Self.texts.filter { $0.utf8.count > ReplyQuoteCache.longestText }.count == 1)
        #expect(cache.hits >= (Self.texts.count - 1 - 8) * 2)
    }

    @Test func equalTextsInOtherStorageAndManyTexts() {
        var cache = ReplyQuoteCache(slotCount: 4)
        for i in 0..<600 {
            // A fresh string each time (new storage, maybe a freed address again); each text
            // three times in a row (a hit at the third), then the next, which may take its slot.
            let text = "Balasan nomor \(i / 3 % 97): hubungi \"admin\"\nterima kasih \(i / 3 % 7)"
            #expect(cached(text, &cache) == reference(text))
        }
        for i in 0..<400 {
            let text = Self.texts[i % Self.texts.count] + " (salinan)"
            #expect(cached(text, &cache) == reference(text))
        }
        #expect(cache.hits > 0)
    }

    @Test func textChangedInPlaceIsNotServedTheOldBytes() {
        var cache = ReplyQuoteCache(slotCount: 64)
        var text = String(repeating: "a", count: 40) + " \"kutip\"\n"
        text.reserveCapacity(200)
        for _ in 0..<3 { #expect(cached(text, &cache) == reference(text)) }
        #expect(cache.hits == 1)
        // Same storage (uniquely held, room to spare), same length, other bytes.
        text.removeLast(9)
        text.append("\\ garis\t\"")
        #expect(text.utf8.count == 49)
        for _ in 0..<3 { #expect(cached(text, &cache) == reference(text)) }
    }

    @Test func hashCoversEveryByte() {
        // A change of any one byte, at every length up to 100 (all lanes and the tail), gives
        // another hash: a filter only (memcmp decides), but a weak one would empty the cache.
        for n in 0...100 {
            var bytes = [UInt8](repeating: 0x61, count: n)
            let base = bytes.withUnsafeBufferPointer { TextMemoTable.hash($0) }
            for i in 0..<n {
                bytes[i] = 0x62
                #expect(bytes.withUnsafeBufferPointer { TextMemoTable.hash($0) } != base, "length \(n) byte \(i)")
                bytes[i] = 0x61
            }
        }
    }

    @Test func eachThreadHasItsOwnTable() {
        let text = "Selamat datang!\nKetik pertanyaan Anda."
        var here: [UInt8] = []
        for _ in 0..<3 { here = []; ReplyQuoteCache.withCurrent { $0.appendQuoted(text, to: &here) } }
        let hitsHere = ReplyQuoteCache.withCurrent { $0.hits }
        let other = Mutex<(bytes: [UInt8], hits: Int)?>(nil)
        let thread = Thread {
            var out: [UInt8] = []
            ReplyQuoteCache.withCurrent { $0.appendQuoted(text, to: &out) }
            other.withLock { $0 = (out, ReplyQuoteCache.withCurrent { $0.hits }) }
        }
        thread.start()
        while other.withLock({ $0 == nil }) { usleep(1000) }
        let seen = other.withLock { $0! }
        #expect(here == reference(text))
        #expect(seen.bytes == reference(text))
        #expect(seen.hits == 0)  // a fresh table on the new thread
        #expect(ReplyQuoteCache.withCurrent { $0.hits } >= hitsHere)
    }
}
