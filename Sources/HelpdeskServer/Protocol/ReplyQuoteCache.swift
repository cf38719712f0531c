#if canImport(Glibc)
import Glibc
#endif
import HelpdeskCore

/// The reply texts an event-loop thread has JSON-quoted lately, with their quoted bytes (a
/// `TextMemoTable`), so that a reply seen again is copied into the output instead of being escaped
/// again: quoting a reply with line breaks was ~3.6k of an exchange's instructions on the loop.
/// One table per thread (`withCurrent`): the loops share nothing and take no lock; a thread's
/// table is freed when the thread ends.
struct ReplyQuoteCache {
    static let longestText = TextMemoTable.longestText
    static let threadSlotCount = 256
    private var table: TextMemoTable
    /// Texts copied from the table (for tests).
    var hits: Int { table.hits }

    /// `slotCount` must be a power of two.
    init(slotCount: Int) {
        table = TextMemoTable(slotCount: slotCount, rememberAtFirstSight: false)
    }

    /// Appends `text` quoted, the bytes `JSONWriter.appendQuoted(text, to: &out)` appends.
    mutating func appendQuoted(_ text: String, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { u in
            guard let miss = table.find(u, hit: { out.append(contentsOf: $0) }) else { return }
            let start = out.count
            JSONWriter.appendQuoted(text, to: &out)
            out.withUnsafeBufferPointer { table.remember(u, form: UnsafeBufferPointer(rebasing: $0[start...]), after: miss) }
        }
        if done == nil { JSONWriter.appendQuoted(text, to: &out) }
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
