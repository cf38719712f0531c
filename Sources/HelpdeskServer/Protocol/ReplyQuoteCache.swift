#if canImport(Glibc)
import Glibc
#endif
import HelpdeskCore

/// The reply texts an event-loop thread has JSON-quoted lately, with their quoted bytes, so that a
/// reply seen again is copied into the output instead of being escaped again. The desk gives the
/// same texts again and again (the reply book's, and schedule answers, built anew each time but
/// equal), and quoting a reply with line breaks was ~3.6k of an exchange's instructions on the loop.
///
/// A direct-mapped table chosen by a word-at-a-time hash of the text's bytes; a hit is taken only
/// when the length and every byte equal the remembered original (`memcmp`), so a collision or a
/// string changed in place can never give another text's bytes. A text is remembered the second
/// time it is seen (a reply with a fresh ticket number costs only its hash). One table per thread
/// (`withCurrent`): the loops share nothing and take no lock; a thread's table is freed when the
/// thread ends. Bounded: texts over `longestText` bytes (or whose quoted form is over twice that)
/// are not remembered, so a table holds at most `slotCount` x 12 KiB.
struct ReplyQuoteCache {
    /// One slot: the hash and length of the text it last saw, and once remembered its bytes.
    private struct Entry {
        var hash: UInt64 = 0
        var count = -1
        /// Whether `bytes` holds the text (`count` bytes) followed by its quoted form.
        var remembered = false
        var bytes: [UInt8] = []
    }

    static let longestText = 4096
    static let threadSlotCount = 256
    let slotCount: Int
    private var slots: [Entry]
    /// Texts copied from the table (for tests).
    private(set) var hits = 0

    /// `slotCount` must be a power of two.
    init(slotCount: Int) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0)
        self.slotCount = slotCount
        slots = [Entry](repeating: Entry(), count: slotCount)
    }

    /// Appends `text` quoted, the bytes `JSONWriter.appendQuoted(text, to: &out)` appends.
    mutating func appendQuoted(_ text: String, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { u in appendQuoted(utf8: u, text, to: &out) }
        if done == nil { JSONWriter.appendQuoted(text, to: &out) }
    }

    private mutating func appendQuoted(utf8 u: UnsafeBufferPointer<UInt8>, _ text: String, to out: inout [UInt8]) {
        let n = u.count
        let hash = ReplyQuoteCache.hash(u)
        let slot = Int(truncatingIfNeeded: hash >> 40) & (slotCount - 1)
        // The slot is read in place (a copy of the entry would retain and release its bytes).
        let (hit, seen) = slots.withUnsafeBufferPointer { table -> (Bool, Bool) in
            let e = table.baseAddress! + slot
            guard e.pointee.hash == hash, e.pointee.count == n else { return (false, false) }
            guard e.pointee.remembered else { return (false, true) }
            return e.pointee.bytes.withUnsafeBufferPointer { b -> (Bool, Bool) in
                guard n == 0 || memcmp(b.baseAddress!, u.baseAddress!, n) == 0 else { return (false, true) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[n...]))
                return (true, true)
            }
        }
        if hit { hits += 1; return }
        let start = out.count
        JSONWriter.appendQuoted(text, to: &out)
        let quoted = out.count - start
        if n > ReplyQuoteCache.longestText || quoted > 2 * ReplyQuoteCache.longestText {
            return
        } else if seen {
            // Seen before (or a collision, which then takes the slot): remember its quoted form.
            var bytes = [UInt8]()
            bytes.reserveCapacity(n + quoted)
            bytes.append(contentsOf: u)
            bytes.append(contentsOf: out[start...])
            slots[slot] = Entry(hash: hash, count: n, remembered: true, bytes: bytes)
        } else {
            slots[slot] = Entry(hash: hash, count: n)
        }
    }

    /// A 64-bit hash of `u`: four independent lanes of 8 bytes (one multiply a word, ~0.5
    /// instructions a byte), then the tail; it picks the slot and filters before `memcmp`.
    static func hash(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let p = u.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(p)
        let n = u.count
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var a = UInt64(n) &* k, b: UInt64 = 0x2545_F491_4F6C_DD1D, c: UInt64 = 0xBF58_476D_1CE4_E5B9, d: UInt64 = 0x94D0_49BB_1331_11EB
        var i = 0
        while n - i >= 32 {
            a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            b = (b ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* k
            c = (c ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* k
            d = (d ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* k
            i += 32
        }
        while n - i >= 8 {
            a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            a ^= a >> 29
            i += 8
        }
        var tail: UInt64 = 0
        while i < n {
            tail = tail << 8 | UInt64(p[i])
            i += 1
        }
        var h = a ^ (b >> 7) ^ (c >> 13) ^ (d >> 19)
        h = (h ^ tail ^ (b &* 0x9FB2_1C65_1E98_DF25) ^ (c &* k) ^ (d &* 0xD6E8_FEB8_6659_FD93)) &* k
        return h ^ (h >> 32)
    }

    /// Runs `body` with the calling thread's table (made at the thread's first call).
    static func withCurrent<R>(_ body: (inout ReplyQuoteCache) -> R) -> R {
        let key = threadKey
        if let p = pthread_getspecific(key) {
            return body(&p.assumingMemoryBound(to: ReplyQuoteCache.self).pointee)
        }
        let p = UnsafeMutablePointer<ReplyQuoteCache>.allocate(capacity: 1)
        p.initialize(to: ReplyQuoteCache(slotCount: threadSlotCount))
        pthread_setspecific(key, p)
        return body(&p.pointee)
    }

    /// The thread-specific key of the tables (made once, never deleted); a thread's table is
    /// freed when the thread ends.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { raw in
            guard let raw else { return }
            let p = raw.assumingMemoryBound(to: ReplyQuoteCache.self)
            p.deinitialize(count: 1)
            p.deallocate()
        }
        precondition(rc == 0, "pthread_key_create: \(rc)")
        return key
    }()
}
