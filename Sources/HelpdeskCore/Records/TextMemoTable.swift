#if canImport(Glibc)
import Glibc
#endif

/// A bounded memory of texts and a form made of each (their JSON-quoted bytes, after any
/// redaction): what the transcript writer's `QuotedTextCache` and the event loops'
/// `ReplyQuoteCache` share. The desk gives the same texts again and again (the reply book's, and
/// schedule answers, built anew each time but equal), so a text seen again has its form copied
/// instead of made.
///
/// A direct-mapped table chosen by a word-at-a-time hash of the text's bytes (~0.5 instructions a
/// byte); a hit is taken only when the length and every byte equal the remembered original
/// (`memcmp`), so a hash collision, or a string changed in place, can never give another text's
/// form. With `rememberAtFirstSight` false a text is kept the second time it is seen, so one seen
/// once (a reply with a fresh ticket number) costs only its hash. Texts over `longestText` bytes,
/// or whose form is over twice that, are never kept: the table holds at most `slotCount` x 12 KiB.
public struct TextMemoTable {
    private struct Entry {
        var hash: UInt64 = 0
        var count = -1
        /// Whether `bytes` holds the text (`count` bytes) followed by its form.
        var remembered = false
        var bytes: [UInt8] = []
    }

    /// Where `find` looked and what it saw, for the `remember` that follows a miss.
    public struct Miss {
        fileprivate let hash: UInt64
        fileprivate let slot: Int
        /// The slot last saw this text (same hash and length) without keeping its form.
        fileprivate let seen: Bool
    }

    public static let longestText = 4096
    public let slotCount: Int
    public let rememberAtFirstSight: Bool
    /// Allocated at the first text, so that an empty table (swapped out of the writer's state for
    /// a flush, or a thread that never answers) costs nothing.
    private var slots: [Entry] = []
    /// Forms handed out from the table (for tests).
    public private(set) var hits = 0

    /// `slotCount` must be a power of two.
    public init(slotCount: Int, rememberAtFirstSight: Bool) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0)
        self.slotCount = slotCount
        self.rememberAtFirstSight = rememberAtFirstSight
    }

    /// Calls `hit` with the remembered form of the text `u` and returns nil; or, when it is not
    /// remembered, returns the `Miss` to pass to `remember` once the form is made.
    public mutating func find(_ u: UnsafeBufferPointer<UInt8>, hit: (UnsafeBufferPointer<UInt8>) -> Void) -> Miss? {
        let n = u.count
        let hash = TextMemoTable.hash(u)
        let slot = Int(truncatingIfNeeded: hash >> 40) & (slotCount - 1)
        if slots.isEmpty { slots = [Entry](repeating: Entry(), count: slotCount) }
        // The slot is read in place (a copy of the entry would retain and release its bytes).
        let (found, seen) = slots.withUnsafeBufferPointer { table -> (Bool, Bool) in
            let e = table.baseAddress! + slot
            guard e.pointee.hash == hash, e.pointee.count == n else { return (false, false) }
            guard e.pointee.remembered else { return (false, true) }
            return e.pointee.bytes.withUnsafeBufferPointer { b -> (Bool, Bool) in
                guard n == 0 || memcmp(b.baseAddress!, u.baseAddress!, n) == 0 else { return (false, true) }
                hit(UnsafeBufferPointer(rebasing: b[n...]))
                return (true, true)
            }
        }
        if found { hits += 1; return nil }
        return Miss(hash: hash, slot: slot, seen: seen)
    }

    /// Keeps `form` as the form of the text `u` that `find` missed (or notes that it was seen,
    /// to keep it the next time), within the bounds above.
    public mutating func remember(_ u: UnsafeBufferPointer<UInt8>, form: UnsafeBufferPointer<UInt8>, after miss: Miss) {
        if u.count > TextMemoTable.longestText || form.count > 2 * TextMemoTable.longestText {
            return
        } else if rememberAtFirstSight || miss.seen {
            // Seen before (or a collision, which then takes the slot): keep this form.
            var bytes = [UInt8]()
            bytes.reserveCapacity(u.count + form.count)
            bytes.append(contentsOf: u)
            bytes.append(contentsOf: form)
            slots[miss.slot] = Entry(hash: miss.hash, count: u.count, remembered: true, bytes: bytes)
        } else {
            slots[miss.slot] = Entry(hash: miss.hash, count: u.count)
        }
    }

    /// A 64-bit hash of `u`: four independent lanes of 8 bytes (one multiply a word), then the
    /// tail; it picks the slot and filters before `memcmp`.
    public static func hash(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
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
}
