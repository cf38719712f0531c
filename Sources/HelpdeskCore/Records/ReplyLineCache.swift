#if canImport(Glibc)
import Glibc
#endif

/// The transcript writer's memory of recent replies as they appear in a line: the redacted,
/// JSON-quoted bytes of a reply text, so that a reply the desk gives again and again (the
/// reply book's texts, and the schedule answers, which are built anew for each exchange but
/// come out the same) is copied into the line instead of being scanned by the redactor and the
/// escaper each time (~4.9k instructions of a line's ~10.5k outside SHA-256). A direct-mapped
/// table of 64 slots chosen by a word-at-a-time hash of the text (~0.5 instructions a byte, a
/// tenth of redacting and escaping it); a text is remembered the second time it is seen (one
/// seen once costs only its hash), and a hit is taken only when the bytes equal the remembered
/// original (`memcmp`), so a hash collision can never give another text's line.
struct ReplyLineCache {
    private struct Entry {
        var hash: UInt64
        var count: Int
        /// The text's bytes and its redacted, quoted form; nil until the text is seen again.
        var original: [UInt8]?
        var quoted: [UInt8] = []
    }

    static let slotCount = 64
    /// Allocated at the first reply, so that an empty cache (swapped out of the writer's state
    /// for a flush) costs nothing.
    private var slots: [Entry?] = []
    /// Lines whose reply was copied from the cache (for tests).
    private(set) var hits = 0

    /// Appends `"…"`: `redactor.redact(text)` escaped as `LineBuffer.appendQuoted` does.
    mutating func appendRedactedQuoted(_ text: String, redactor: Redactor, to out: inout LineBuffer) {
        var text = text
        text.withUTF8 { u in
            guard let p = u.baseAddress else { return out.appendQuoted("") }
            let hash = ReplyLineCache.hash(u)
            let slot = Int(truncatingIfNeeded: hash >> 58) & (ReplyLineCache.slotCount - 1)
            if slots.isEmpty { slots = [Entry?](repeating: nil, count: ReplyLineCache.slotCount) }
            let entry = slots[slot]
            if let entry, entry.hash == hash, entry.count == u.count, let original = entry.original,
               original.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p, u.count) == 0 }) {
                entry.quoted.withUnsafeBufferPointer { out.append($0) }
                hits += 1
                return
            }
            let start = out.count
            out.appendQuoted(redactor.redact(text: u))
            if let entry, entry.hash == hash, entry.count == u.count {
                // Seen before (or a collision, which then takes the slot): remember this form.
                slots[slot] = Entry(hash: hash, count: u.count, original: Array(u), quoted: Array(out.bytes(from: start)))
            } else {
                slots[slot] = Entry(hash: hash, count: u.count)
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
