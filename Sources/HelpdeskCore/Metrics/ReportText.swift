import Foundation

/// `helpdesk report` as plain-text tables for a terminal: the default rendering.
public enum ReportText {
    public static func render(_ r: TranscriptReport) -> String {
        var out = "Helpdesk report \(r.from) .. \(r.to) (Asia/Jakarta)\n\n"
        out += "exchanges            \(r.tally.total)\n"
        out += "fallback rate        \(percent(r.tally.fallbackRate))  (out_of_scope)\n"
        out += "hand-off rate        \(percent(r.tally.handoffRate))\n"
        out += "low-confidence rate  \(percent(r.tally.lowConfidenceRate))  (confidence < 0.5)\n\n"
        out += table("response time", [("overall", r.overall)])
        out += table("per intent", r.perIntent)
        out += table("per channel", r.perChannel)
        out += "volume per hour of day (WIB)\n"
        let peak = max(r.perHourOfDay.max() ?? 0, 1)
        for (h, n) in r.perHourOfDay.enumerated() {
            let bar = String(repeating: "#", count: Int((Double(n) / Double(peak) * 40).rounded()))
            out += String(format: "  %02d:00 %8lld  ", h, n) + bar + "\n"
        }
        out += "\ntop fallback messages\n"
        let top = r.topFallbacks()
        if top.isEmpty { out += "  (none)\n" }
        for (text, n) in top { out += pad(String(n), 8, right: true) + "  " + text.replacingOccurrences(of: "\n", with: " ") + "\n" }
        if let c = r.complaints {
            out += "\ncomplaints (service level)\n"
            out += "  category              filed  in time   late  overdue   open  compliance\n"
            for (name, k) in [("all", c.all)] + c.perCategory.sorted(by: { $0.key < $1.key }) {
                out += "  " + pad(name, 20) + pad(String(k.filed), 7, right: true) + pad(String(k.resolvedInTime), 9, right: true)
                    + pad(String(k.resolvedLate), 7, right: true) + pad(String(k.overdue), 9, right: true)
                    + pad(String(k.openInTime), 7, right: true) + pad(percent(k.complianceRate), 12, right: true) + "\n"
            }
        }
        if let s = r.surveys {
            out += "\nsatisfaction survey (1 tidak baik .. 4 sangat baik; IKM = mean x 25)\n"
            out += "  group                 answers   mean    IKM     1     2     3     4\n"
            for (name, t) in s.rows {
                out += "  " + pad(name, 20) + pad(String(t.answers), 9, right: true)
                    + pad(String(format: "%.2f", t.mean), 7, right: true) + pad(String(format: "%.1f", t.index), 7, right: true)
                    + t.scores.map { pad(String($0), 6, right: true) }.joined() + "\n"
            }
        }
        return out
    }

    static func table(_ title: String, _ rows: [(String, LatencySummary)]) -> String {
        var out = pad(title, 22) + "  count      p50      p90      p99      max\n"
        for (name, s) in rows {
            out += "  " + pad(name, 20) + pad(String(s.count), 7, right: true)
            for v in [s.p50, s.p90, s.p99, s.max] { out += pad(duration(v), 9, right: true) }
            out += "\n"
        }
        return out + "\n"
    }

    /// Microseconds as `850µs`, `12.3ms` or `1.52s`.
    public static func duration(_ micros: Int64) -> String {
        if micros < 1000 { return "\(micros)µs" }
        if micros < 1_000_000 { return String(format: "%.1fms", Double(micros) / 1000) }
        return String(format: "%.2fs", Double(micros) / 1e6)
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }
}
