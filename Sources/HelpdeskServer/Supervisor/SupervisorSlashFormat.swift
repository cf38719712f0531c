import Foundation
import HelpdeskCore

/// Turns a supervisor command's JSON answer into what a person at a terminal reads: a metrics
/// summary, tables of sessions, complaints and hand-offs, a transcript as alternating lines.
/// Reads the same field names the JSON form carries, so both forms stay one feature.
enum SupervisorSlashFormat {
    static func format(_ command: String, _ o: JSONObject) -> String {
        switch command {
        case "metrics": return metrics(o["metrics"] ?? .null)
        case "sessions":
            let rows = (o["sessions"]?.arrayValue ?? []).map { s in
                [str(s["session"]), str(s["channel"]), str(s["user"]), clock(s["last"]), num(s["exchanges"]),
                 str(s["last_intent"]), str(s["last_outcome"])]
            }
            return SupervisorText.table(["SESSION", "CHANNEL", "USER", "LAST", "N", "INTENT", "OUTCOME"], rows)
        case "transcript":
            return (o["exchanges"]?.arrayValue ?? []).map { e in
                "\(clock(e["arrived"])) > \(str(e["message"]))\n\(clock(e["arrived"])) < [\(str(e["intent"])) \(num(e["confidence"]))] "
                    + str(e["reply"]).replacingOccurrences(of: "\n", with: "\n           ")
            }.joined(separator: "\n")
        case "complaints":
            let rows = (o["complaints"]?.arrayValue ?? []).map { c in
                [str(c["ticket"]), str(c["status"]), str(c["category"]), str(c["due"]), SupervisorText.oneLine(str(c["summary"]), 40)]
            }
            if o["complaints"]?.arrayValue?.first?["stage"] != nil { return complaintClocks(o) }
            return SupervisorText.table(["TICKET", "STATUS", "CATEGORY", "DUE", "SUMMARY"], rows)
        case "complaint", "complaint.update":
            guard let c = o["complaint"], !c.isNull else { return "(none)" }
            var lines = ["Ticket:   \(str(c["ticket"]))", "Status:   \(str(c["status"]))", "Category: \(str(c["category"]))",
                         "Mode:     \(str(c["mode"]))", "Due:      \(str(c["due"]))"]
            if let d = c["description"] { lines.append("Text:     \(str(d))") }
            if let r = c["reporter"], !r.isNull { lines.append("Reporter: \(str(r))") }
            if let k = c["contact"], !k.isNull { lines.append("Contact:  \(str(k))") }
            for u in c["updates"]?.arrayValue ?? [] { lines.append("  \(str(u["at"]))  \(str(u["status"]))  \(str(u["note"]))") }
            if command == "complaint.update" { lines.insert("Updated.", at: 0) }
            return lines.joined(separator: "\n")
        case "handoffs":
            let rows = (o["handoffs"]?.arrayValue ?? []).map { h in
                [str(h["user"]), clock(h["at"]), h["taken_by"].map { $0.isNull ? "waiting" : "taken by #\(num($0))" } ?? "waiting",
                 SupervisorText.oneLine(str(h["text"]), 50)]
            }
            return "Supervisors online: \(num(o["online"]))\n" + SupervisorText.table(["USER", "SINCE", "STATE", "ASKED"], rows)
        case "take":
            return "You have \(str(o["user"])); they asked: \(str(o["text"]))\nAnswer with /say \(str(o["user"])) TEXT…, hand back with /release \(str(o["user"]))."
        case "say": return o["delivered"]?.boolValue == true ? "Sent." : "Kept: the citizen is not connected right now."
        case "release": return "Handed back to the assistant."
        case "watch": return "Watching: exchanges will appear here as they happen. /unwatch to stop."
        case "unwatch": return "Stopped watching."
        case "logout": return "Logged out."
        case "reload":
            let problems = (o["problems"]?.arrayValue ?? []).map { str($0) }
            return problems.isEmpty ? "Reloaded: no problems." : (["Reloaded with problems (the last good data is kept):"] + problems).joined(separator: "\n")
        default: return duties(command, o) ?? JSONWriter.text(of: .object(o))
        }
    }

    static func metrics(_ m: JSONValue) -> String {
        var lines = ["Since \(str(m["since"])): \(num(m["total"])) exchanges",
                     "latency us  p50 \(num(m["latency"]?["p50_us"]))  p90 \(num(m["latency"]?["p90_us"]))  p99 \(num(m["latency"]?["p99_us"]))  max \(num(m["latency"]?["max_us"]))",
                     "fallback \(num(m["fallback_rate"]))  hand-off \(num(m["handoff_rate"]))  low confidence \(num(m["low_confidence_rate"]))"]
        if let per = m["per_intent"]?.objectValue {
            lines.append(SupervisorText.table(["INTENT", "COUNT", "P50us", "P99us"],
                                              per.members.map { [$0.key, num($0.value["count"]), num($0.value["p50_us"]), num($0.value["p99_us"])] }))
        }
        return lines.joined(separator: "\n")
    }

    static func str(_ v: JSONValue?) -> String {
        guard let v else { return "" }
        if let s = v.stringValue { return s }
        return v.isNull ? "" : JSONWriter.text(of: v)
    }

    static func num(_ v: JSONValue?) -> String { str(v) }

    /// `2026-11-22T10:42:07…` → `2026-11-22 10:42:07` (the timestamps are already WIB or UTC as written).
    static func clock(_ v: JSONValue?) -> String {
        let s = str(v)
        guard s.count >= 19 else { return s }
        return String(s.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }
}
