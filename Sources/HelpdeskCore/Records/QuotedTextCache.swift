#if canImport(Glibc)
import Glibc
#endif

/// The transcript writer's memory of texts as they appear in a line: the JSON-quoted bytes of a
/// transformed text (a reply redacted, a user key turned into its pseudonym), so that a text seen
/// again is copied into the line instead of being transformed and escaped each time. Replies:
/// the desk gives the same texts again and again (the reply book's, and schedule answers, built
/// anew for each exchange but equal), and redacting and escaping one was ~4.9k instructions of a
/// line's ~10.5k outside SHA-256. Users: a connection's key looked up in a `String`-keyed
/// dictionary (SipHash) and its pseudonym escaped cost ~700 a line.
///
/// A direct-mapped table chosen by a word-at-a-time hash of the text's bytes (~0.5 instructions a
/// byte); a hit is taken only when the bytes equal the remembered original (`memcmp`), so a hash
/// collision can never give another text's line. With `rememberAtFirstSight` false a text is kept
/// the second time it is seen, so one seen once (a reply with a fresh ticket) costs only its hash.
struct QuotedTextCache {
    private struct Entry {
        var hash: UInt64 = 0
        var count = -1
        /// Whether `bytes` holds the text (`count` bytes) followed by its transformed, quoted form.
        var remembered = false
        var bytes: [UInt8] = []
    }

    /// Longer texts are not remembered, so the table holds at most `slotCount` x ~10 KiB.
    static let longestText = 4096
    let slotCount: Int
    let rememberAtFirstSight: Bool
    /// Allocated at the first text, so that an empty cache (swapped out of the writer's state
    /// for a flush) costs nothing.
    private var slots: [Entry] = []
    /// Texts copied from the cache (for tests).
    private(set) var hits = 0

    /// `slotCount` must be a power of two.
    init(slotCount: Int, rememberAtFirstSight: Bool) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0)
        self.slotCount = slotCount
        self.rememberAtFirstSight = rememberAtFirstSight
    }

    /// Appends `"…"`: `transform(text's UTF-8)` escaped as `LineBuffer.appendQuoted` does.
    mutating func append(_ text: String, to out: inout LineBuffer,
                         transform: (UnsafeBufferPointer<UInt8>) -> String) {
        var text = text
        text.withUTF8 { u in
            let n = u.count
            let hash = QuotedTextCache.hash(u)
            let slot = Int(truncatingIfNeeded: hash >> 40) & (slotCount - 1)
            if slots.isEmpty { slots = [Entry](repeating: Entry(), count: slotCount) }
            // The slot is read in place (a copy of the entry would retain and release its bytes).
            let (hit, seen) = slots.withUnsafeBufferPointer { table -> (Bool, Bool) in
                let e = table.baseAddress! + slot
                guard e.pointee.hash == hash, e.pointee.count == n else { return (false, false) }
                guard e.pointee.remembered else { return (false, true) }
                return e.pointee.bytes.withUnsafeBufferPointer { b -> (Bool, Bool) in
                    guard n == 0 || memcmp(b.baseAddress!, u.baseAddress!, n) == 0 else { return (false, true) }
                    out.append(UnsafeBufferPointer(rebasing: b[n...]))
                    return (true, true)
                }
            }
            if hit { hits += 1; return }
            let start = out.count
            out.appendQuoted(transform(u))
            if n > QuotedTextCache.longestText {
                return
            } else if rememberAtFirstSight || seen {
                // Seen before (or a collision, which then takes the slot): remember this form.
                var bytes = [UInt8]()
                bytes.reserveCapacity(n + out.count - start)
                bytes.append(contentsOf: u)
                bytes.append(contentsOf: out.bytes(from: start))
                slots[slot] = Entry(hash: hash, count: n, remembered: true, bytes: bytes)
            } else {
                slots[slot] = Entry(hash: hash, count: n)
            }
        }
    }

    /// A 64-bit hash of `u`, eight bytes a step (the table's slot and a filter before `memcmp`).
    static func hash(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let p = u.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(p)
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(u.count) &* k, g: UInt64 = 0x2545_F491_4F6C_DD1D
        var i = 0
        while u.count - i >= 16 {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            g = (g ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* k
            h ^= h >> 29
            g ^= g >> 31
            i += 16
        }
        var tail: UInt64 = 0
        while i < u.count {
            if u.count - i >= 8 {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
                h ^= h >> 29
                i += 8
                continue
            }
            tail = tail << 8 | UInt64(p[i])
            i += 1
        }
        h = (h ^ tail ^ (g &* 0xBF58_476D_1CE4_E5B9)) &* k
        return h ^ (h >> 32)
    }
}

/// The writer's two `QuotedTextCache`s, kept between flushes: replies (redacted) and users
/// (pseudonyms; the writer's pseudonym dictionary stays behind it for the texts it misses).
struct TranscriptLineCaches {
    var replies = QuotedTextCache(slotCount: 256, rememberAtFirstSight: false)
    var users = QuotedTextCache(slotCount: 256, rememberAtFirstSight: true)
}
