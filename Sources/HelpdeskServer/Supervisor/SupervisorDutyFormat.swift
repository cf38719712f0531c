import Foundation
import HelpdeskCore

/// The readable forms of the duty and review commands for a person at a terminal: complaints
/// with their clocks (overdue marked with `!`), the erasure queue, an erasure's outcome, the
/// review groups with the model's guesses, and where a reviewed line went.
extension SupervisorSlashFormat {
    static func duties(_ command: String, _ o: JSONObject) -> String? {
        switch command {
        case "erasures":
            let rows = (o["erasures"]?.arrayValue ?? []).map { e in
                [str(e["user"]), clock(e["since"]), strings(e["still_open"]).joined(separator: ", ")]
            }
            let table = SupervisorText.table(["USER", "SINCE", "STILL OPEN"], rows)
            let aside = strings(o["set_aside"])
            guard !aside.isEmpty else { return table }
            return table + "\nSet aside, unreadable (their requests wait for an operator): " + aside.joined(separator: ", ")
        case "erase":
            let open = strings(o["still_open"])
            let done = "Erased (\(str(o["erasure"]))): \(num(o["transcript_lines"])) transcript lines, \(strings(o["complaints"]).count) complaints."
            return open.isEmpty ? done : done + "\nStill queued: complaints not yet closed: " + open.joined(separator: ", ")
        case "review":
            let groups = o["groups"]?.arrayValue ?? []
            guard !groups.isEmpty else { return "Nothing to review." }
            var lines = ["\(num(o["total"])) messages to review in \(groups.count) groups:"]
            for (i, g) in groups.enumerated() {
                let guesses = (g["guesses"]?.arrayValue ?? []).map { "\(str($0["intent"])) \(num($0["score"]))" }.joined(separator: ", ")
                lines.append("#\(i + 1) (\(num(g["count"]))×) \(SupervisorText.oneLine(str(g["representative"]), 70))  [\(guesses)]")
                for m in (g["members"]?.arrayValue ?? []).dropFirst().prefix(4) {
                    lines.append("      \(SupervisorText.oneLine(str(m["text"]), 70))")
                }
            }
            lines.append("Add one with /review-add INTENT TEXT… (or /review-eval INTENT TEXT… for the evaluation set).")
            return lines.joined(separator: "\n")
        case "review.add":
            let rebuilt = o["rebuilt"]?.boolValue == true ? "; the model was rebuilt and is in service" : ""
            return "Added to \(str(o["path"])):\(num(o["line"]))\(rebuilt). Now read as \(str(o["now"]?["intent"])) (\(num(o["now"]?["confidence"])))."
        default:
            return nil
        }
    }

    static func complaintClocks(_ o: JSONObject) -> String {
        let rows = (o["complaints"]?.arrayValue ?? []).map { c in
            [(c["overdue"]?.boolValue == true ? "! " : "  ") + str(c["ticket"]), str(c["status"]), str(c["category"]),
             str(c["stage"]), str(c["stage_due"]), str(c["resolution_due"]), SupervisorText.oneLine(str(c["summary"]), 40)]
        }
        return SupervisorText.table(["  TICKET", "STATUS", "CATEGORY", "STAGE", "STAGE DUE", "RESOLVE BY", "SUMMARY"], rows)
    }

    static func strings(_ v: JSONValue?) -> [String] { (v?.arrayValue ?? []).map { str($0) } }
}
