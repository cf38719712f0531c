import Foundation
import HelpdeskCore

/// Which supervisor commands touch personal data, and what the audit log says about each:
/// `who` is `supervisor@<peer>` (the contract has one shared token, so the peer address is the
/// identity), `what` the command, `subject` what was looked at: a session, a ticket, a citizen's
/// pseudonym (never their raw user key), or the list that was read. Written after the command
/// succeeded and before its answer is sent: on an event loop the answer is held until the entry
/// is durable (`ConnectionContext.dependOn`), elsewhere the call waits for it. An entry that
/// cannot be written or synced turns the answer into an error (what was done stays done: the
/// answer is withheld), and after a failed `fsync` the log takes no more entries, so these
/// commands are refused, before they do anything, until restart.
extension SupervisorConsole {
    static func who(_ context: ConnectionContext) -> String { "supervisor@" + context.peer }

    /// Writes the access's entry; nil when it is written (durable, or awaited by the reply), else
    /// the error the answer becomes.
    func audit(_ name: String, _ request: JSONObject, _ answer: JSONObject, _ context: inout ConnectionContext) -> ProtocolError? {
        guard let duties, let subject = auditSubject(name, request, answer) else { return nil }
        let who = Self.who(context)
        do throws(RecordsError) {
            let pending = try duties.audit.accessDeferred(who: who, what: name, subject: subject, at: Date())
            return context.dependOn(pending, orFail: Self.unaudited(name, duties.audit.notDurable))
        } catch {
            Log.error("audit log: \(error.description) (\(name) by \(who))")
            return Self.unaudited(name, error)
        }
    }

    /// The answer to a command whose audit entry did not reach the disk.
    static func unaudited(_ name: String, _ error: RecordsError) -> ProtocolError {
        ProtocolError(.badRequest, "\(name) was done, but the audit log could not record it (\(error.description)); its answer is withheld")
    }

    /// The refusal of an audited command while the audit log takes no entries (after a failed `fsync`).
    func auditRefusal(_ name: String) -> ProtocolError? {
        guard let duties, duties.audit.refusing, auditSubject(name, SupervisorJSON.object([]), SupervisorJSON.object([])) != nil else { return nil }
        return ProtocolError(.badRequest, "\(name) was not done: the audit log takes no entries after a failed fsync (\(duties.audit.path)) until the server restarts")
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
