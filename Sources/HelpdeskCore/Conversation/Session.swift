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

    public init(id: String, lastSeen: Date) {
        self.id = id
        self.lastSeen = lastSeen
    }
}

/// The table of live sessions, keyed by `Message.user`, shared by every connection: a `Mutex`
/// guards it and is held only to copy a session in or out, never while a reply is worked out.
/// Sessions idle for longer than `timeout` are forgotten; the next message starts a new one.
public final class SessionStore: Sendable {
    private struct Table {
        var sessions: [String: Session] = [:]
        var lastSweep = Date.distantPast
        var counter: UInt64 = 0
    }

    private let table = Mutex(Table())
    public let timeout: TimeInterval

    public init(timeout: TimeInterval = 30 * 60) { self.timeout = timeout }

    /// The live session of `user`, or a fresh one (keeping the language) when none is live.
    public func checkout(_ user: String, now: Date) -> Session {
        table.withLock { t in
            if now.timeIntervalSince(t.lastSweep) > 60 {
                t.sessions = t.sessions.filter { now.timeIntervalSince($0.value.lastSeen) < timeout * 2 }
                t.lastSweep = now
            }
            if let s = t.sessions[user], now.timeIntervalSince(s.lastSeen) < timeout { return s }
            t.counter += 1
            var fresh = Session(id: SessionStore.newID(t.counter), lastSeen: now)
            if let old = t.sessions[user] {
                fresh.lang = old.lang
                fresh.langPinned = old.langPinned
            }
            t.sessions[user] = fresh
            return fresh
        }
    }

    public func save(_ session: Session, for user: String) {
        table.withLock { $0.sessions[user] = session }
    }

    public func language(of user: String) -> Lang? {
        table.withLock { $0.sessions[user]?.lang }
    }

    public func setLanguage(_ lang: Lang, of user: String, now: Date) {
        table.withLock { t in
            var s = t.sessions[user] ?? { t.counter += 1; return Session(id: SessionStore.newID(t.counter), lastSeen: now) }()
            s.lang = lang
            s.langPinned = true
            t.sessions[user] = s
        }
    }

    public func remove(_ user: String) {
        _ = table.withLock { $0.sessions.removeValue(forKey: user) }
    }

    public var count: Int { table.withLock { $0.sessions.count } }

    private static func newID(_ counter: UInt64) -> String {
        "s" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + String(counter, radix: 36)
    }
}
