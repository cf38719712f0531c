import Foundation
import HelpdeskCore

/// How supervisor answers and pushed events are spelled in JSON: transcript records, complaints,
/// hand-off requests and the events of the live feed. One place, so the JSON replies, the pushed
/// events and the tables shown by the `/` commands all carry the same field names.
enum SupervisorJSON {
    static func object(_ pairs: [(String, JSONValue)]) -> JSONObject {
        JSONObject(pairs.map { JSONObject.Member($0.0, $0.1) })
    }

    static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    static func int(_ n: Int) -> JSONValue { .number(JSONNumber(n)) }
    static func double(_ d: Double) -> JSONValue { .number(JSONNumber((d * 1000).rounded() / 1000)) }
    static func time(_ date: Date) -> JSONValue { .string(Timestamp.iso8601(date)) }

    /// One exchange as supervisors see it (already redacted and pseudonymised).
    static func record(_ r: TranscriptRecord) -> JSONValue {
        .object(object([
            ("session", .string(r.session)), ("channel", .string(r.channel)), ("user", .string(r.user)),
            ("arrived", time(r.arrived)), ("latency_us", int(Int(r.latencyMicros))),
            ("intent", .string(r.intent)), ("confidence", double(r.confidence)), ("lang", .string(r.lang)),
            ("handler", .string(r.handler)), ("outcome", .string(r.outcome)),
            ("message", .string(r.message)), ("reply", .string(r.reply)), ("ticket", string(r.ticket)),
        ]))
    }

    /// The pushed line for the live feed: `{"event":"exchange", <record members>}`.
    static func exchangeEvent(_ r: TranscriptRecord) -> String {
        guard case .object(let body) = record(r) else { return "" }
        return JSONWriter.text(of: .object(JSONObject([JSONObject.Member("event", .string("exchange"))] + body.members)))
    }

    static func event(_ name: String, _ pairs: [(String, JSONValue)]) -> String {
        JSONWriter.text(of: .object(object([("event", .string(name))] + pairs)))
    }

    /// A complaint; `full` adds the confidential parts (description, contact, reporter, history).
    static func complaint(_ c: Complaint, full: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("ticket", .string(c.ticket)), ("filed", time(c.filed)), ("category", .string(c.category.rawValue)),
            ("mode", .string(c.mode.rawValue)), ("status", .string(c.status.rawValue)), ("due", .string(c.due.description)),
            ("channel", string(c.channel)), ("note", string(c.latestNote)),
        ]
        if full {
            pairs += [("description", .string(c.description)), ("contact", string(c.contact)), ("reporter", string(c.reporter)),
                      ("lang", .string(c.lang.rawValue)),
                      ("updates", .array(c.updates.map { u in
                          .object(object([("status", .string(u.status.rawValue)), ("note", .string(u.note)), ("at", time(u.at))]))
                      }))]
        } else {
            pairs.append(("summary", .string(String(c.description.prefix(60)))))
        }
        return .object(object(pairs))
    }

    /// A complaint in the list with its clocks: `stage`, `stage_due`, `resolution_due`, `overdue`.
    static func deadline(_ d: ComplaintDeadline) -> JSONValue {
        guard case .object(let body) = complaint(d.complaint, full: false) else { return .null }
        return .object(JSONObject(body.members + object([
            ("stage", .string(d.stage.rawValue)), ("stage_due", string(d.stageDue?.description)),
            ("resolution_due", .string(d.resolutionDue.description)), ("overdue", .bool(d.overdue)),
        ]).members))
    }

    static func handoff(_ r: SupervisorHub.Waiting) -> JSONValue {
        .object(object([
            ("user", .string(r.user)), ("session", .string(r.session)), ("text", .string(r.text)),
            ("at", r.at.map(time) ?? .null), ("taken_by", r.takenBy.map { int($0) } ?? .null),
        ]))
    }
}
