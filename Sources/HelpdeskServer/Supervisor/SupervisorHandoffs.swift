import Foundation
import HelpdeskCore

/// The hand-off side of the hub: listing who waits, taking a citizen's conversation, answering
/// them from the supervisor's terminal and handing them back to the bot. Each operation names the
/// supervisor by connection number; a conversation belongs to the one who took it.
extension SupervisorHub {
    /// Why a hand-off operation was refused.
    enum HandoffRefusal: Error, Equatable {
        case notWaiting(String)
        case takenByOther(String)
        case notYours(String)
        case nobodyWaiting

        var error: ProtocolError {
            switch self {
            case .notWaiting(let u): ProtocolError(.notFound, "\(u) is not waiting for a human")
            case .takenByOther(let u): ProtocolError(.badRequest, "\(u) is already with another supervisor")
            case .notYours(let u): ProtocolError(.notFound, "you have not taken \(u) (see handoffs, then take)")
            case .nobodyWaiting: ProtocolError(.notFound, "nobody is waiting for a human")
            }
        }
    }

    /// One line of the hand-off list: a citizen waiting, or one a supervisor has taken.
    struct Waiting: Sendable {
        var user: String
        var session: String
        var text: String
        var at: Date?
        var takenBy: Int?

        init(_ r: HandoffQueue.Request, takenBy: Int? = nil) {
            self.init(user: r.user, session: r.session, text: r.text, at: r.at, takenBy: takenBy)
        }

        init(user: String, session: String, text: String, at: Date?, takenBy: Int?) {
            (self.user, self.session, self.text, self.at, self.takenBy) = (user, session, text, at, takenBy)
        }
    }

    /// Waiting requests (oldest first), then the conversations already taken.
    func handoffs() -> [Waiting] {
        let waiting = handoff.pending()
        let held = state.withLock { s in
            s.citizens.compactMap { user, c -> Waiting? in
                guard let by = c.takenBy else { return nil }
                return c.request.map { Waiting($0, takenBy: by) } ?? Waiting(user: user, session: c.session, text: "", at: nil, takenBy: by)
            }
        }
        return waiting.map { Waiting($0) } + held.sorted { ($0.at ?? .distantPast) < ($1.at ?? .distantPast) }
    }

    /// Gives `user`'s conversation (the longest-waiting one when nil) to supervisor `number`.
    func take(_ user: String?, by number: Int) -> Result<Waiting, HandoffRefusal> {
        let request: HandoffQueue.Request
        if let user {
            if let citizen = state.withLock({ $0.citizens[user] }), let owner = citizen.takenBy {
                guard owner == number else { return .failure(.takenByOther(user)) }
                return .success(citizen.request.map { Waiting($0, takenBy: owner) }
                                ?? Waiting(user: user, session: citizen.session, text: "", at: nil, takenBy: owner))
            }
            guard let waiting = handoff.pending().first(where: { $0.user == user }) else { return .failure(.notWaiting(user)) }
            handoff.remove(user: user)
            request = waiting
        } else {
            guard let first = handoff.take() else { return .failure(.nobodyWaiting) }
            request = first
        }
        let citizen: Citizen = state.withLock { s in
            var c = s.citizens[request.user]
                ?? Citizen(outlet: nil, viaJSON: false, lang: .id, session: request.session, request: request)
            c.takenBy = number
            c.request = request
            s.citizens[request.user] = c
            return c
        }
        taken.add(1, ordering: .relaxed)
        deliver(SupervisorText.joined(citizen.lang), to: request.user, citizen)
        return .success(Waiting(request, takenBy: number))
    }

    /// Sends `text` from supervisor `number` to `user`; returns whether a connection carried it.
    func say(_ text: String, to user: String, by number: Int) -> Result<Bool, HandoffRefusal> {
        guard let citizen = state.withLock({ $0.citizens[user] }), citizen.takenBy == number else {
            return .failure(.notYours(user))
        }
        return .success(deliver(SupervisorText.staffLine(text, citizen.lang), raw: text, to: user, citizen))
    }

    /// Hands `user` back to the bot.
    func release(_ user: String, by number: Int) -> Result<Void, HandoffRefusal> {
        let citizen: Citizen? = state.withLock { s in
            guard let c = s.citizens[user], c.takenBy == number else { return nil }
            s.citizens[user] = nil
            return c
        }
        guard let citizen else { return .failure(.notYours(user)) }
        taken.subtract(1, ordering: .relaxed)
        deliver(SupervisorText.released(citizen.lang), to: user, citizen)
        return .success(())
    }

    /// Pushes a staff line to the citizen: plain text to a person's connection, an event to an adapter.
    @discardableResult
    private func deliver(_ line: String, raw: String? = nil, to user: String, _ citizen: Citizen) -> Bool {
        guard let outlet = citizen.outlet else { return false }
        if citizen.viaJSON {
            outlet.push(SupervisorJSON.event("message", [("user", .string(user)), ("text", .string(raw ?? line)),
                                                         ("from", .string("supervisor"))]))
        } else {
            outlet.push(line)
        }
        return true
    }
}
