import Foundation

/// `helpdesk report --format html`: one self-contained page (inline CSS and SVG, no scripts, no
/// network) that a supervisor can open or mail: headline figures, latency histogram, volume per
/// hour, top intents, per-channel times, fallback examples and complaint service levels.
public enum ReportHTML {
    public static func render(_ r: TranscriptReport, generated: Date = Date()) -> String {
        let e = SVGChart.escape
        var body = "<h1>Helpdesk report</h1><p class=\"sub\">\(e(r.from)) – \(e(r.to)) (WIB) · generated \(e(Timestamp.iso8601(generated)))</p>"
        let o = r.overall
        body += "<section class=\"cards\">"
        for (label, value) in [("exchanges", String(r.tally.total)), ("p50", ReportText.duration(o.p50)), ("p90", ReportText.duration(o.p90)),
                               ("p99", ReportText.duration(o.p99)), ("max", ReportText.duration(o.max)),
                               ("fallback", ReportText.percent(r.tally.fallbackRate)), ("hand-off", ReportText.percent(r.tally.handoffRate)),
                               ("low confidence", ReportText.percent(r.tally.lowConfidenceRate))] {
            body += "<div class=\"card\"><div class=\"v\">\(e(value))</div><div class=\"k\">\(e(label))</div></div>"
        }
        body += "</section>"
        body += "<h2>Response time distribution</h2>" + SVGChart.columns(latencyBars(r.tally.latency), labelEvery: 2, color: "#7a4fa0")
        body += "<h2>Volume per hour of day</h2>" + SVGChart.columns(r.perHourOfDay.enumerated().map {
            SVGChart.Bar(label: String(format: "%02d", $0.offset), value: Double($0.element))
        })
        body += "<h2>Top intents</h2>" + SVGChart.rows(r.perIntent.map {
            SVGChart.Bar(label: $0.0, value: Double($0.1.count), note: "\($0.1.count) · p90 \(ReportText.duration($0.1.p90))")
        })
        body += "<h2>Response time per intent and channel</h2>" + table(r.perIntent + [("", LatencySummary(LatencyHistogram()))] + r.perChannel)
        body += "<h2>Fallback examples</h2>"
        let top = r.topFallbacks()
        if top.isEmpty {
            body += "<p>No out-of-scope messages in this period.</p>"
        } else {
            body += "<table><tr><th class=\"n\">count</th><th>message (redacted)</th></tr>"
            for (text, n) in top { body += "<tr><td class=\"n\">\(n)</td><td>\(e(text))</td></tr>" }
            body += "</table>"
        }
        body += "<h2>Complaints: service level</h2>"
        if let c = r.complaints {
            body += "<table><tr><th>category</th><th class=\"n\">filed</th><th class=\"n\">resolved in time</th><th class=\"n\">late</th><th class=\"n\">overdue</th><th class=\"n\">open</th><th class=\"n\">compliance</th></tr>"
            for (name, k) in [("all", c.all)] + c.perCategory.sorted(by: { $0.key < $1.key }) {
                body += "<tr><td>\(e(name))</td><td class=\"n\">\(k.filed)</td><td class=\"n\">\(k.resolvedInTime)</td><td class=\"n\">\(k.resolvedLate)</td><td class=\"n\">\(k.overdue)</td><td class=\"n\">\(k.openInTime)</td><td class=\"n\">\(ReportText.percent(k.complianceRate))</td></tr>"
            }
            body += "</table>"
        } else {
            body += "<p>No complaint journal (complaints.jsonl) found.</p>"
        }
        body += "<h2>Satisfaction survey (IKM)</h2>"
        if let s = r.surveys, s.all.answers > 0 {
            body += "<table><tr><th>group</th><th class=\"n\">answers</th><th class=\"n\">mean (1-4)</th><th class=\"n\">IKM</th><th class=\"n\">1 tidak baik</th><th class=\"n\">2</th><th class=\"n\">3</th><th class=\"n\">4 sangat baik</th></tr>"
            for (name, t) in s.rows {
                body += "<tr><td>\(e(name))</td><td class=\"n\">\(t.answers)</td><td class=\"n\">\(String(format: "%.2f", t.mean))</td><td class=\"n\">\(String(format: "%.1f", t.index))</td>"
                    + t.scores.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>"
            }
            body += "</table>"
        } else {
            body += "<p>No survey answers (surveys.jsonl) in this period.</p>"
        }
        if !r.warnings.isEmpty { body += "<p class=\"sub\">\(r.warnings.count) malformed lines were skipped.</p>" }
        return """
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Helpdesk report \(e(r.from)) – \(e(r.to))</title>
        <style>\(css)</style></head><body>\(body)</body></html>

        """
    }

    static let css = """
    body{font-family:system-ui,sans-serif;max-width:800px;margin:24px auto;padding:0 12px;color:#222}
    h1{margin-bottom:0}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px;font-size:18px}
    .sub{color:#666;margin-top:4px}.cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:16px}
    .card{background:#f3f6f9;border-radius:6px;padding:8px 12px;min-width:80px}.v{font-size:20px;font-weight:600}.k{color:#555;font-size:12px}
    table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left}
    .n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}
    """

    static func table(_ rows: [(String, LatencySummary)]) -> String {
        var s = "<table><tr><th></th><th class=\"n\">count</th><th class=\"n\">p50</th><th class=\"n\">p90</th><th class=\"n\">p99</th><th class=\"n\">max</th></tr>"
        for (name, x) in rows {
            guard !name.isEmpty else { s += "<tr><td colspan=\"6\">&nbsp;</td></tr>"; continue }
            s += "<tr><td>\(SVGChart.escape(name))</td><td class=\"n\">\(x.count)</td>"
            for v in [x.p50, x.p90, x.p99, x.max] { s += "<td class=\"n\">\(ReportText.duration(v))</td>" }
            s += "</tr>"
        }
        return s + "</table>"
    }

    /// The histogram regrouped into about three bins per power of ten (1-2-5 steps), for display.
    static func latencyBars(_ h: LatencyHistogram) -> [SVGChart.Bar] {
        guard h.count > 0 else { return [] }
        var edges: [Int64] = []
        var decade: Int64 = 1
        while decade <= 100_000_000 { edges += [decade, decade * 2, decade * 5]; decade *= 10 }
        var counts = [Int64](repeating: 0, count: edges.count)
        for b in h.buckets {
            let i = (edges.lastIndex { $0 <= Swift.max(b.low, 1) }) ?? 0
            counts[i] += b.count
        }
        guard let first = counts.firstIndex(where: { $0 > 0 }), let last = counts.lastIndex(where: { $0 > 0 }) else { return [] }
        return (first...last).map { SVGChart.Bar(label: ReportText.duration(edges[$0]), value: Double(counts[$0]),
                                                   note: "≥ \(ReportText.duration(edges[$0])): \(counts[$0])") }
    }
}
