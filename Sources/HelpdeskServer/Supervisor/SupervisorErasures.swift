import Foundation
import HelpdeskCore

/// The erasure requests the desk could not carry out at once (a complaint still being handled,
/// or a failure): `erasures` lists them with the tickets that held them up and whether those are
/// still open, and names the unreadable queue files set aside whose requests wait for an operator
/// (`set_aside`); `erase` + `user` carries one out with the desk's eraser (closed complaints and
/// transcript lines become `[dihapus]`, the audit log records the rewrite) and removes it from
/// the queue, or keeps it there, with the tickets still open, when a complaint is not yet closed.
extension SupervisorConsole {
    func erasures(_ name: String, _ request: JSONObject, _ context: ConnectionContext) -> CommandResult {
        let ok: (String, JSONValue) = ("ok", .bool(true))
        guard let duties else { return .failure(ProtocolError(.badRequest, "this server keeps no duty records")) }
        if name == "erasures" {
            let list = duties.erasures.pending.map { e in
                let open = e.openTickets.filter { journal.complaint(ticket: $0)?.status.isOpen ?? false }
                return JSONValue.object(SupervisorJSON.object([
                    ("user", .string(e.user)), ("since", SupervisorJSON.time(e.at)),
                    ("tickets", .array(e.openTickets.map { .string($0) })), ("still_open", .array(open.map { .string($0) })),
                ]))
            }
            let aside = duties.erasures.setAside.map { JSONValue.string($0) }
            return .success(SupervisorJSON.object([ok, ("erasures", .array(list)), ("set_aside", .array(aside))]))
        }
        guard let user = request["user"]?.stringValue?.trimmingCharacters(in: .whitespaces), !user.isEmpty else {
            return .failure(ProtocolError(.badRequest, "erase needs \"user\" (as listed by erasures)"))
        }
        guard let queued = duties.erasures.pending.first(where: { $0.user == user }) else {
            return .failure(ProtocolError(.notFound, "no erasure request waits for user \(user)"))
        }
        let now = Date()
        let result: PersonalDataEraser.Result
        do {
            result = try duties.eraser.erase(user: user, pseudonym: duties.pseudonym.of(user), who: Self.who(context), at: now)
        } catch {
            Log.error("erase requested by \(Self.who(context)): \(error.description)")
            return .failure(ProtocolError(.badRequest, "the erasure failed: \(error.description); the request stays queued"))
        }
        recent.forget(user: user)
        do {
            if result.openComplaints.isEmpty {
                try duties.erasures.remove(user: user)
            } else {
                try duties.erasures.add(.init(user: user, openTickets: result.openComplaints, at: queued.at))
            }
        } catch {
            Log.error("erasure queue after erase by \(Self.who(context)): \(error.description)")
        }
        return .success(SupervisorJSON.object([
            ok, ("erasure", .string(result.id)), ("transcript_lines", SupervisorJSON.int(result.transcriptLines)),
            ("complaints", .array(result.erasedComplaints.map { .string($0) })),
            ("still_open", .array(result.openComplaints.map { .string($0) })), ("queued", .bool(!result.openComplaints.isEmpty)),
        ]))
    }
}
