/// `helpdesk report --format json`: the same figures as the text report, as one JSON object
/// for scripts and dashboards (latencies in microseconds, rates in 0...1).
public enum ReportJSON {
    public static func render(_ r: TranscriptReport) -> String {
        var w = JSONLineWriter()
        w.string("from", r.from)
        w.string("to", r.to)
        w.int("total", r.tally.total)
        w.raw("latency", r.overall.json())
        w.double("fallback_rate", r.tally.fallbackRate)
        w.double("handoff_rate", r.tally.handoffRate)
        w.double("low_confidence_rate", r.tally.lowConfidenceRate)
        w.int("fallbacks", r.tally.fallbacks)
        w.int("handoffs", r.tally.handoffs)
        w.int("low_confidence", r.tally.lowConfidenceCount)
        w.raw("per_intent", MetricsSnapshot.object(r.perIntent))
        w.raw("per_channel", MetricsSnapshot.object(r.perChannel))
        w.raw("per_hour_of_day", "[" + r.perHourOfDay.map(String.init).joined(separator: ",") + "]")
        w.raw("per_day", "{" + r.perDay.sorted { $0.key < $1.key }.map { JSONLineWriter.quoted($0.key) + ":" + String($0.value) }.joined(separator: ",") + "}")
        w.raw("top_fallbacks", "[" + r.topFallbacks().map { item in
            var o = JSONLineWriter()
            o.string("text", item.text)
            o.int("count", Int64(item.count))
            return o.finished()
        }.joined(separator: ",") + "]")
        if let c = r.complaints {
            var o = JSONLineWriter()
            o.raw("all", counts(c.all))
            o.raw("per_category", "{" + c.perCategory.sorted { $0.key < $1.key }.map { JSONLineWriter.quoted($0.key) + ":" + counts($0.value) }.joined(separator: ",") + "}")
            w.raw("complaints", o.finished())
        }
        if let s = r.surveys {
            func tally(_ t: SurveySummary.Tally) -> String {
                var o = JSONLineWriter()
                o.int("answers", Int64(t.answers))
                o.double("mean", t.mean)
                o.double("ikm", t.index)
                o.raw("scores", "[" + t.scores.map(String.init).joined(separator: ",") + "]")
                return o.finished()
            }
            func group(_ d: [String: SurveySummary.Tally]) -> String {
                "{" + d.sorted { $0.key < $1.key }.map { JSONLineWriter.quoted($0.key) + ":" + tally($0.value) }.joined(separator: ",") + "}"
            }
            var o = JSONLineWriter()
            o.raw("all", tally(s.all))
            o.raw("per_service", group(s.perService))
            o.raw("per_month", group(s.perMonth))
            w.raw("surveys", o.finished())
        }
        w.int("warnings", Int64(r.warnings.count))
        return w.finished()
    }

    static func counts(_ k: ComplaintJournalSummary.Counts) -> String {
        var o = JSONLineWriter()
        o.int("filed", Int64(k.filed))
        o.int("resolved_in_time", Int64(k.resolvedInTime))
        o.int("resolved_late", Int64(k.resolvedLate))
        o.int("overdue", Int64(k.overdue))
        o.int("open_in_time", Int64(k.openInTime))
        o.double("compliance_rate", k.complianceRate)
        return o.finished()
    }
}
