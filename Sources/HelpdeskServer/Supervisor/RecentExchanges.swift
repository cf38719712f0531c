import Foundation
import HelpdeskCore
import Synchronization

/// The server's recorder as supervisors see it: a decorator around the transcript writer that
/// also keeps the last `capacity` exchanges in a ring in memory (for `sessions` and `transcript`
/// without reading files) and hands each exchange to the live feed (`watch`). Recording stays
/// cheap on the request path: the exchange is stored as it is; redaction and pseudonyms are
/// applied only when a supervisor reads (`records`) or when someone is watching.
public final class RecentExchanges: ExchangeRecording {
    private struct Ring {
        var items: [Exchange] = []
        var next = 0
        /// When the newest exchange that fell out of the ring arrived (its Jakarta day is
        /// worked out only when asked: the ring evicts on every exchange once full).
        var lastEvicted: Date?
    }

    public let inner: any ExchangeRecording
    public let capacity: Int
    /// The Jakarta day the ring started; earlier days are read from the transcript files.
    public let startDay: String
    private let pseudonym: Pseudonym
    private let redactor = Redactor()
    private let ring = Mutex(Ring())
    private let feed: @Sendable (Exchange) -> Void

    /// `feed` is called for every exchange (the hub checks cheaply whether anyone watches).
    public init(inner: any ExchangeRecording, pseudonym: Pseudonym, capacity: Int = 2000, started: Date = Date(),
                feed: @escaping @Sendable (Exchange) -> Void = { _ in }) {
        self.inner = inner
        self.pseudonym = pseudonym
        self.capacity = max(1, capacity)
        self.startDay = JakartaTime.day(started)
        self.feed = feed
    }

    public func record(_ exchange: Exchange) {
        inner.record(exchange)
        // The evicted exchange is swapped out and released after the lock is let go: freeing
        // its strings and arrays (the last references, mostly) no longer holds up the other loop.
        let evicted: Exchange? = ring.withLock { r in
            defer { r.next = (r.next + 1) % capacity }
            if r.items.count < capacity {
                r.items.append(exchange)
                return nil
            }
            var incoming = exchange
            r.lastEvicted = r.items[r.next].arrived
            swap(&r.items[r.next], &incoming)
            return incoming
        }
        _ = evicted
        feed(exchange)
    }

    public func flush() { inner.flush() }

    /// Drops every exchange of `user` from memory (after their data was erased).
    public func forget(user: String) {
        ring.withLock { r in
            let kept = (r.items.count < capacity ? r.items : Array(r.items[r.next...] + r.items[..<r.next])).filter { $0.user != user }
            r.items = kept
            r.next = kept.count % capacity
        }
    }

    /// The redacted, pseudonymised record of `exchange`, as the transcript file holds it.
    public func redacted(_ exchange: Exchange) -> TranscriptRecord {
        TranscriptRecord(exchange, redactor: redactor, pseudonym: pseudonym)
    }

    /// Whether every exchange of `day` since the server started is still in memory.
    public func holds(day: String) -> Bool {
        ring.withLock { r in day > startDay && (r.lastEvicted.map { JakartaTime.day($0) < day } ?? true) }
    }

    /// The exchanges in memory, oldest first, redacted.
    public func records() -> [TranscriptRecord] {
        let items = ring.withLock { r in
            r.items.count < capacity ? r.items : Array(r.items[r.next...] + r.items[..<r.next])
        }
        return items.map(redacted)
    }
}
