import Foundation
import HelpdeskCore

/// Which supervisor commands touch personal data, and what the audit log says about each:
/// `who` is `supervisor@<peer>` (the contract has one shared token, so the peer address is the
/// identity), `what` the command, `subject` what was looked at: a session, a ticket, a citizen's
/// pseudonym (never their raw user key), or the list that was read. Written after the command
/// succeeded; a failure to write is logged as an error and does not undo what was shown.
extension SupervisorConsole {
    static func who(_ context: ConnectionContext) -> String { "supervisor@" + context.peer }

    func audit(_ name: String, _ request: JSONObject, _ answer: JSONObject, _ context: ConnectionContext) {
        guard let duties, let subject = auditSubject(name, request, answer) else { return }
        do {
            try duties.audit.access(who: Self.who(context), what: name, subject: subject, at: Date())
        } catch {
            Log.error("audit log: \(error.description) (\(name) by \(Self.who(context)))")
        }
    }

    /// The subject of an access, or nil for commands that show no personal data.
    func auditSubject(_ name: String, _ request: JSONObject, _ answer: JSONObject) -> String? {
        func user(_ key: String?) -> String { key.map { duties?.pseudonym.of($0) ?? $0 } ?? "-" }
        switch name {
        case "transcript": return "session " + (request["session"]?.stringValue ?? "-")
        case "sessions":
            let filters = ["date", "intent", "outcome"].compactMap { k in request[k]?.stringValue.map { "\(k)=\($0)" } }
            return "sessions" + (filters.isEmpty ? "" : " " + filters.joined(separator: " "))
        case "complaints": return "complaints" + (request["status"]?.stringValue.map { " status=\($0)" } ?? "")
        case "complaint", "complaint.update": return "ticket " + (answer["complaint"]?["ticket"]?.stringValue ?? "-")
        case "watch": return "live feed"
        case "handoffs": return "hand-off queue"
        case "take": return "user " + user(answer["user"]?.stringValue)
        case "say", "release": return "user " + user(request["user"]?.stringValue)
        case "erasures": return "erasure queue"
        case "erase": return "erasure " + (answer["erasure"]?.stringValue ?? "-")
        case "review": return "review queue"
        default: return nil
        }
    }
}
