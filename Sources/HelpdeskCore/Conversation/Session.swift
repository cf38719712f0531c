import Foundation
import Synchronization

/// One person's conversation: its id (new after 30 idle minutes), language, any complaint being
/// collected, what the desk asked for last, and the failed look-ups that slow enumeration down.
/// A value type: the desk takes a copy, works on it, and puts it back.
public struct Session: Sendable {
    /// What the desk asked for in its last reply, so a bare "REG-2026-00042" is understood.
    public enum Awaiting: Sendable, Equatable {
        case registration
        case ticket
    }

    public var id: String
    public var lastSeen: Date
    public var lang: Lang = .id
    /// Set by `/lang`: the session then keeps that language whatever the user writes.
    public var langPinned = false
    public var dialog: ComplaintDialog?
    public var awaiting: Awaiting?
    public var throttle = LookupThrottle()
    /// Whether this conversation's first reply carried the privacy notice.
    public var noticeGiven = false
    /// The service a survey question was just asked about; the next message may answer it.
    public var surveyFor: String?
    /// At most one survey question per conversation.
    public var surveyAsked = false
    /// The last service used (schedule, registration, complaint, handoff), for the survey.
    public var lastService: String?
    /// The ticket this conversation filed last (memory only), so "status of my complaint?"
    /// right after filing needs no number.
    public var lastTicket: String?

    public init(id: String, lastSeen: Date) {
        self.id = id
        self.lastSeen = lastSeen
    }

    /// Becomes `other` (the same as `self = other`), but a reference-counted field is assigned
    /// only when it is not already the same storage: a session saved back after a message mostly
    /// holds the very strings it was checked out with, and the whole-value assignment retained
    /// and released each of them. `SessionUpdateTests` holds it to `self = other` over every
    /// field (and fails when a field is added without being listed here).
    mutating func update(from other: Session) {
        lastSeen = other.lastSeen
        lang = other.lang
        langPinned = other.langPinned
        awaiting = other.awaiting
        noticeGiven = other.noticeGiven
        surveyAsked = other.surveyAsked
        if !Session.same(id, other.id) { id = other.id }
        if case .none = dialog, case .none = other.dialog {} else { dialog = other.dialog }
        if !Session.same(throttle.failures, other.throttle.failures) { throttle = other.throttle }
        if !Session.same(surveyFor, other.surveyFor) { surveyFor = other.surveyFor }
        if !Session.same(lastService, other.lastService) { lastService = other.lastService }
        if !Session.same(lastTicket, other.lastTicket) { lastTicket = other.lastTicket }
    }

    /// Whether two strings are bit for bit the same value (same storage or the same small
    /// string): then assigning one over the other changes nothing. Different bits may still
    /// be equal text; those are assigned.
    @inline(__always) static func same(_ a: String?, _ b: String?) -> Bool {
        unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
    }

    @inline(__always) static func same(_ a: String, _ b: String) -> Bool {
        unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
    }

    /// Whether two arrays share their buffer (then they hold the same elements).
    @inline(__always) static func same(_ a: [Date], _ b: [Date]) -> Bool {
        unsafeBitCast(a, to: UInt.self) == unsafeBitCast(b, to: UInt.self)
    }
}

/// The table of live sessions, keyed by `Message.user`, shared by every connection. It is split
/// into shards by user, each behind its own `Mutex` held only to copy a session in or out (never
/// while a reply is worked out), so connections of different users rarely wait on each other.
/// Sessions idle for longer than `timeout` are forgotten; the next message starts a new one.
public final class SessionStore: Sendable {
    /// A user key with its hash worked out once: a message's checkout and save pick the shard
    /// and look the table up twice each; hashing the string each time cost four hashes a message.
    struct Key: Hashable, Sendable {
        let user: String
        let hash: Int

        init(_ user: String) {
            self.user = user
            self.hash = user.hashValue
        }

        static func == (a: Key, b: Key) -> Bool { a.hash == b.hash && a.user == b.user }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private struct Table {
        var sessions: [Key: Session] = [:]
        var lastSweep = Date.distantPast
    }

    /// One shard's table. A class because a `Mutex` cannot sit in an array.
    private final class Shard: Sendable {
        let table = Mutex(Table())
    }

    private static let shardCount = 16
    private let shards: [Shard] = (0..<SessionStore.shardCount).map { _ in Shard() }
    /// Numbers new session ids across all shards.
    private let counter = Atomic<UInt64>(0)
    public let timeout: TimeInterval

    public init(timeout: TimeInterval = 30 * 60) { self.timeout = timeout }

    private func shard(_ key: Key) -> Shard {
        shards[Int(UInt(bitPattern: key.hash) % UInt(SessionStore.shardCount))]
    }

    private func newID() -> String {
        SessionStore.newID(counter.add(1, ordering: .relaxed).newValue)
    }

    /// The live session of `user`, or a fresh one (keeping the language) when none is live.
    public func checkout(_ user: String, now: Date) -> Session { checkout(Key(user), now: now) }

    func checkout(_ user: Key, now: Date) -> Session {
        let timeout = timeout
        return shard(user).table.withLock { t in
            if now.timeIntervalSince(t.lastSweep) > 60 {
                t.sessions = t.sessions.filter { now.timeIntervalSince($0.value.lastSeen) < timeout * 2 }
                t.lastSweep = now
            }
            if let s = t.sessions[user], now.timeIntervalSince(s.lastSeen) < timeout { return s }
            var fresh = Session(id: newID(), lastSeen: now)
            if let old = t.sessions[user] {
                fresh.lang = old.lang
                fresh.langPinned = old.langPinned
            }
            t.sessions[user] = fresh
            return fresh
        }
    }

    public func save(_ session: Session, for user: String) { save(session, for: Key(user)) }

    /// Writes the session back in place: only the fields that changed are assigned
    /// (`Session.update(from:)`), not the whole value with a retain and release of each string.
    func save(_ session: Session, for user: Key) {
        shard(user).table.withLock { t in
            if let i = t.sessions.index(forKey: user) {
                t.sessions.values[i].update(from: session)
            } else {
                t.sessions[user] = session
            }
        }
    }

    /// Stores `session` as the user's session (the same as `save`), by swapping it with the
    /// stored one: `session` then holds the previous value, to be dropped by the caller. No
    /// string is retained or compared (the desk's session is a copy that dies after the save).
    func save(swapping session: inout Session, for user: Key) {
        shard(user).table.withLock { t in
            if let i = t.sessions.index(forKey: user) {
                swap(&t.sessions.values[i], &session)
            } else {
                t.sessions[user] = session
            }
        }
    }

    public func language(of user: String) -> Lang? {
        let user = Key(user)
        return shard(user).table.withLock { $0.sessions[user]?.lang }
    }

    public func setLanguage(_ lang: Lang, of user: String, now: Date) {
        let user = Key(user)
        shard(user).table.withLock { t in
            var s = t.sessions[user] ?? Session(id: newID(), lastSeen: now)
            s.lang = lang
            s.langPinned = true
            t.sessions[user] = s
        }
    }

    public func remove(_ user: String) {
        let user = Key(user)
        _ = shard(user).table.withLock { $0.sessions.removeValue(forKey: user) }
    }

    public var count: Int { shards.reduce(0) { sum, s in sum + s.table.withLock { $0.sessions.count } } }

    private static func newID(_ counter: UInt64) -> String {
        "s" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + String(counter, radix: 36)
    }
}
