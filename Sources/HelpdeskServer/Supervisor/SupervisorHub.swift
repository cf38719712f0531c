import Foundation
import HelpdeskCore
import Synchronization

/// Who is on the supervisor's side of the line right now and which conversations they hold: the
/// supervisors logged in (and whether they watch the live feed), the citizens who asked for a
/// human (with the connection that last carried them, so a staff member's words reach them), and
/// which of those a supervisor has taken. As the protocol's `ConversationRelay` it forwards a
/// taken citizen's messages to their supervisor instead of the bot. The common path (nobody
/// watching, nothing taken) costs one atomic load; everything else sits in one `Mutex`.
public final class SupervisorHub: ConversationRelay {
    /// A supervisor connection; `human` when logged in with `/login` (events then come as text).
    struct Seat {
        var outlet: (any LineOutlet)?
        var peer: String
        var human: Bool
        var watching = false
    }

    /// A citizen waiting for, or talking to, a human.
    struct Citizen {
        var outlet: (any LineOutlet)?
        var viaJSON: Bool
        var lang: Lang
        var session: String
        var request: HandoffQueue.Request?
        var takenBy: Int?
    }

    struct State {
        var seats: [Int: Seat] = [:]
        var citizens: [String: Citizen] = [:]
    }

    /// Shared with the `HandoffQueue`, which reads it to tell citizens whether someone is online.
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    public let handoff: HandoffQueue
    let state = Mutex(State())
    private let online = Counter()
    private let watchers = Atomic<Int>(0)
    let taken = Atomic<Int>(0)
    /// Turns an exchange into its redacted record for the feed (set by the console).
    let redact = Mutex<(@Sendable (Exchange) -> TranscriptRecord)?>(nil)

    public init() {
        let online = self.online
        handoff = HandoffQueue(supervisorsOnline: { online.value.load(ordering: .relaxed) })
    }

    public var supervisorsOnline: Int { online.value.load(ordering: .relaxed) }

    // MARK: Seats

    func seat(_ context: ConnectionContext, human: Bool) {
        state.withLock { s in
            if s.seats[context.connectionNumber] == nil { online.value.add(1, ordering: .relaxed) }
            s.seats[context.connectionNumber] = Seat(outlet: context.outlet, peer: context.peer, human: human)
        }
    }

    /// Logs the connection's supervisor out: stops its feed and hands its conversations back.
    func unseat(_ number: Int) {
        let released: [String] = state.withLock { s in
            guard let seat = s.seats.removeValue(forKey: number) else { return [] }
            online.value.subtract(1, ordering: .relaxed)
            if seat.watching { watchers.subtract(1, ordering: .relaxed) }
            return s.citizens.filter { $0.value.takenBy == number }.map(\.key)
        }
        for user in released { _ = release(user, by: number) }
    }

    func isHuman(_ number: Int) -> Bool { state.withLock { $0.seats[number]?.human ?? false } }

    func setWatching(_ number: Int, _ on: Bool) {
        state.withLock { s in
            guard var seat = s.seats[number], seat.watching != on else { return }
            seat.watching = on
            s.seats[number] = seat
            watchers.add(on ? 1 : -1, ordering: .relaxed)
        }
    }

    /// Pushes `exchange` to every watching supervisor (redacted). Cheap when nobody watches.
    func broadcast(_ exchange: Exchange) {
        guard watchers.load(ordering: .relaxed) > 0, let redact = redact.withLock({ $0 }) else { return }
        let targets = state.withLock { s in s.seats.values.filter(\.watching).map { ($0.outlet, $0.human) } }
        let record = redact(exchange)
        var json: String?
        var text: String?
        for (outlet, human) in targets {
            guard let outlet else { continue }
            if human {
                if text == nil { text = SupervisorText.exchangeLine(record) }
                outlet.push(text!)
            } else {
                if json == nil { json = SupervisorJSON.exchangeEvent(record) }
                outlet.push(json!)
            }
        }
    }

    // MARK: ConversationRelay

    public func intercept(_ message: Message, viaJSON: Bool, context: ConnectionContext) -> Reply? {
        guard taken.load(ordering: .relaxed) > 0 else { return nil }
        let found: (Citizen, Seat?)? = state.withLock { s in
            guard var citizen = s.citizens[message.user], let number = citizen.takenBy else { return nil }
            citizen.outlet = context.outlet
            citizen.viaJSON = viaJSON
            s.citizens[message.user] = citizen
            return (citizen, s.seats[number])
        }
        guard let (citizen, seat) = found else { return nil }
        if let seat, let outlet = seat.outlet {
            outlet.push(seat.human
                ? "[\(message.user)] \(message.text)"
                : SupervisorJSON.event("handoff.message", [("user", .string(message.user)), ("channel", .string(message.channel)),
                                                           ("text", .string(message.text)), ("at", SupervisorJSON.time(message.arrived))]))
        }
        return Reply(text: SupervisorText.staffIsHere(citizen.lang), intent: .handoffHuman, confidence: 1, lang: citizen.lang,
                     handler: "supervisor", outcome: .handedOff, session: citizen.session)
    }

    public func answered(_ message: Message, _ reply: Reply, viaJSON: Bool, context: ConnectionContext) {
        guard reply.outcome == .handedOff else { return }
        let request = handoff.pending().first { $0.user == message.user }
        state.withLock { s in
            var citizen = s.citizens[message.user]
                ?? Citizen(outlet: nil, viaJSON: viaJSON, lang: reply.lang, session: reply.session, request: request)
            citizen.outlet = context.outlet
            citizen.viaJSON = viaJSON
            citizen.lang = reply.lang
            if let request { citizen.request = request }
            s.citizens[message.user] = citizen
        }
    }

    /// A closed supervisor connection is logged out; a closed citizen connection can no longer
    /// be reached (its own user is forgotten; adapter users keep their place until they write again).
    public func connectionEnded(_ context: ConnectionContext) {
        unseat(context.connectionNumber)
        state.withLock { s in
            for (user, var citizen) in s.citizens where citizen.outlet?.connectionNumber == context.connectionNumber {
                if user == context.connectionUser {
                    if citizen.takenBy != nil { taken.subtract(1, ordering: .relaxed) }
                    s.citizens[user] = nil
                } else {
                    citizen.outlet = nil
                    s.citizens[user] = citizen
                }
            }
        }
    }
}
