import Foundation
import HelpdeskCore

/// The complaint commands: `complaints` (optionally by `status`), `complaint` (one ticket, with
/// its confidential parts) and `complaint.update` (new status and the note the citizen will see).
/// Tickets are accepted as citizens type them (lowercase, spaces for dashes).
extension SupervisorConsole {
    func complaints(_ name: String, _ request: JSONObject, _ context: inout ConnectionContext) -> CommandResult {
        let ok: (String, JSONValue) = ("ok", .bool(true))
        let statuses = ComplaintStatus.allCases.map(\.rawValue).joined(separator: ", ")
        func status(_ key: String, required: Bool) -> Result<ComplaintStatus?, ProtocolError> {
            guard let value = request[key], !value.isNull else {
                return required ? .failure(ProtocolError(.badRequest, "\(name) needs \"\(key)\" (one of \(statuses))")) : .success(nil)
            }
            guard let s = value.stringValue, let parsed = ComplaintStatus(rawValue: s.lowercased()) else {
                return .failure(ProtocolError(.badRequest, "unknown status '\(value.stringValue ?? JSONWriter.text(of: value))' (one of \(statuses))"))
            }
            return .success(parsed)
        }
        func ticket() -> Result<String, ProtocolError> {
            guard let raw = request["ticket"]?.stringValue, !raw.isEmpty else {
                return .failure(ProtocolError(.badRequest, "\(name) needs \"ticket\" (ADU-YYYYMMDD-NNNN)"))
            }
            let canonical = Identifiers.ticket(in: raw) ?? raw
            guard journal.complaint(ticket: canonical) != nil else { return .failure(ProtocolError(.notFound, "no complaint with ticket \(raw)")) }
            return .success(canonical)
        }
        switch name {
        case "complaints":
            return status("status", required: false).map { wanted in
                guard let schedule else {
                    let list = journal.list(status: wanted)
                    return SupervisorJSON.object([ok, ("complaints", .array(list.map { SupervisorJSON.complaint($0, full: false) }))])
                }
                // Open complaints overdue first, by their next deadline; then the closed ones.
                let (clocks, days) = schedule()
                let now = Date()
                let open = journal.deadlines(now: now, clocks: clocks, workingDays: days)
                let done = journal.list().filter { !$0.status.isOpen }
                    .map { ComplaintDeadline.of($0, clocks: clocks, workingDays: days, today: Day(now)) }
                let list = (open + done).filter { wanted == nil || $0.complaint.status == wanted }
                return SupervisorJSON.object([ok, ("complaints", .array(list.map(SupervisorJSON.deadline)))])
            }
        case "complaint":
            return ticket().map { t in
                SupervisorJSON.object([ok, ("complaint", journal.complaint(ticket: t).map { SupervisorJSON.complaint($0, full: true) } ?? .null)])
            }
        default:
            return ticket().flatMap { t in
                status("status", required: true).flatMap { newStatus in
                    let note = request["note"]?.stringValue ?? ""
                    do throws(ComplaintJournal.Failure) {
                        let (updated, pending) = try journal.updateDeferred(ticket: t, status: newStatus!, note: note, at: Date())
                        let notSaved = ProtocolError(.badRequest, "could not record the update: \(journal.updateNotDurable(t).description)")
                        if let failed = context.dependOn(pending, orFail: notSaved) {
                            Log.error("complaint.update \(t): \(failed.message)")
                            return .failure(failed)
                        }
                        return .success(SupervisorJSON.object([ok, ("complaint", SupervisorJSON.complaint(updated, full: false))]))
                    } catch {
                        if case .notFound = error { return .failure(ProtocolError(.notFound, error.description)) }
                        Log.error("complaint.update \(t): \(error)")
                        return .failure(ProtocolError(.badRequest, "could not record the update: \(error.description)"))
                    }
                }
            }
        }
    }
}
