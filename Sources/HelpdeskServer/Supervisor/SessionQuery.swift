import Foundation
import HelpdeskCore

/// The filters of a `sessions` request (`date` as `YYYY-MM-DD` in WIB, `intent`, `outcome`,
/// `limit`), checked once so the lookup never sees a malformed one.
struct SessionQuery: Sendable, Equatable {
    var date: String?
    var intent: String?
    var outcome: String?
    var limit = 20

    static let maxLimit = 500

    static func parse(_ request: JSONObject) -> Result<SessionQuery, ProtocolError> {
        var q = SessionQuery()
        func bad(_ m: String) -> Result<SessionQuery, ProtocolError> { .failure(ProtocolError(.badRequest, m)) }
        if let d = request["date"], !d.isNull {
            guard let s = d.stringValue, Day(iso: s) != nil else { return bad("\"date\" must be a day as YYYY-MM-DD") }
            q.date = s
        }
        if let i = request["intent"], !i.isNull {
            guard let s = i.stringValue, IntentLabel(rawValue: s) != nil else {
                return bad("\"intent\" must be one of \(IntentLabel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            q.intent = s
        }
        if let o = request["outcome"], !o.isNull {
            guard let s = o.stringValue, Outcome(rawValue: s) != nil else {
                return bad("\"outcome\" must be one of \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            q.outcome = s
        }
        if let l = request["limit"], !l.isNull {
            guard let n = l.doubleValue, n >= 1, n <= Double(maxLimit), n == n.rounded() else {
                return bad("\"limit\" must be a whole number from 1 to \(maxLimit)")
            }
            q.limit = Int(n)
        }
        return .success(q)
    }
}

/// One conversation as the `sessions` list shows it: who, where, when, how long, how it went.
struct SessionSummary: Sendable {
    var session: String
    var channel: String
    var user: String
    var first: Date
    var last: Date
    var exchanges = 0
    var intents: [String] = []
    var outcomes: Set<String> = []
    var lastIntent = ""
    var lastOutcome = ""

    var json: JSONValue {
        .object(SupervisorJSON.object([
            ("session", .string(session)), ("channel", .string(channel)), ("user", .string(user)),
            ("first", SupervisorJSON.time(first)), ("last", SupervisorJSON.time(last)),
            ("exchanges", SupervisorJSON.int(exchanges)), ("intents", .array(intents.map { .string($0) })),
            ("last_intent", .string(lastIntent)), ("last_outcome", .string(lastOutcome)),
        ]))
    }
}

extension SupervisorConsole {
    /// The most recent conversations matching `query`: from memory when it holds the day (or no
    /// day is asked for), else from the transcript files after a flush.
    func sessions(_ query: SessionQuery) -> [SessionSummary] {
        var byID: [String: SessionSummary] = [:]
        func add(_ r: TranscriptRecord) {
            if let date = query.date, JakartaTime.day(r.arrived) != date { return }
            var s = byID[r.session] ?? SessionSummary(session: r.session, channel: r.channel, user: r.user, first: r.arrived, last: r.arrived)
            s.exchanges += 1
            s.last = max(s.last, r.arrived)
            if !s.intents.contains(r.intent) { s.intents.append(r.intent) }
            s.outcomes.insert(r.outcome)
            s.lastIntent = r.intent
            s.lastOutcome = r.outcome
            byID[r.session] = s
        }
        if let date = query.date, !recent.holds(day: date) {
            recent.flush()
            TranscriptReader(directory: transcripts).forEach(from: date, to: date, add)
        } else {
            recent.records().forEach(add)
        }
        return byID.values
            .filter { s in (query.intent.map { s.intents.contains($0) } ?? true) && (query.outcome.map { s.outcomes.contains($0) } ?? true) }
            .sorted { $0.last > $1.last }
            .prefix(query.limit)
            .map { $0 }
    }

    /// One conversation's exchanges, oldest first: from memory, else the last week's files.
    func transcript(_ session: String) -> [TranscriptRecord] {
        let inMemory = recent.records().filter { $0.session == session }
        if !inMemory.isEmpty { return inMemory }
        recent.flush()
        let today = JakartaTime.dayNumber(of: Date())
        var found: [TranscriptRecord] = []
        TranscriptReader(directory: transcripts).forEach(from: JakartaTime.dayString(today - 7), to: JakartaTime.dayString(today)) { r in
            if r.session == session { found.append(r) }
        }
        return found
    }
}
