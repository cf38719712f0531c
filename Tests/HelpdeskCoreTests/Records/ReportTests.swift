import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct ReportTests {
    let start = JakartaTime.dayNumber("2026-11-01")!

    @Test func jsonCountsMatchTheGeneratedTranscripts() throws {
        let tmp = TempDir()
        try SyntheticTranscripts(seed: 3).write(to: tmp.url, days: start...(start + 2), perDay: 150)
        // Count independently from the reader's records.
        let (records, warnings) = TranscriptReader(directory: tmp.url).records(from: "2026-11-01", to: "2026-11-03")
        #expect(warnings.isEmpty && records.count == 450)
        let fallbacks = records.filter { $0.intent == "out_of_scope" }.count
        let handoffs = records.filter { $0.outcome == "handed_off" || $0.intent == "handoff.human" }.count
        let low = records.filter { $0.confidence < 0.5 }.count
        let telegram = records.filter { $0.channel == "telegram" }.count
        let maxLatency = records.map(\.latencyMicros).max()!
        #expect(fallbacks > 0 && handoffs > 0 && low > 0)

        let report = TranscriptReport.build(directory: tmp.url, from: "2026-11-02", to: "2026-11-03")
        #expect(report.tally.total == 300)
        let all = TranscriptReport.build(directory: tmp.url, from: "2026-11-01", to: "2026-11-03")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSON.render(all).utf8)) as? [String: Any])
        #expect(json["total"] as? Int == 450)
        #expect(json["fallbacks"] as? Int == fallbacks)
        #expect(json["handoffs"] as? Int == handoffs)
        #expect(json["low_confidence"] as? Int == low)
        #expect(((json["per_channel"] as? [String: Any])?["telegram"] as? [String: Any])?["count"] as? Int == telegram)
        #expect((json["latency"] as? [String: Any])?["max_us"] as? Int == Int(maxLatency))
        #expect((json["per_hour_of_day"] as? [Int])?.reduce(0, +) == 450)
        #expect((json["per_day"] as? [String: Int]) == ["2026-11-01": 150, "2026-11-02": 150, "2026-11-03": 150])
        let top = try #require((json["top_fallbacks"] as? [[String: Any]])?.first)
        #expect(top["text"] as? String == "berapa harga tiket konser besok" && top["count"] as? Int == fallbacks)
        #expect(json["complaints"] == nil)
    }

    @Test func complaintServiceLevels() throws {
        let tmp = TempDir()
        try SyntheticTranscripts().write(to: tmp.url, days: start...start, perDay: 5)
        let lines = [
            #"{"ticket":"ADU-20261101-0001","type":"filed","category":"sertifikat","status":"open","at":"2026-11-01T02:00:00.000Z","due":"2026-11-04T02:00:00.000Z"}"#,
            #"{"ticket":"ADU-20261101-0001","type":"update","status":"resolved","at":"2026-11-03T02:00:00.000Z"}"#,
            #"{"ticket":"ADU-20261101-0002","type":"filed","category":"sertifikat","status":"open","at":"2026-11-01T03:00:00.000Z","due":"2026-11-02T03:00:00.000Z"}"#,
            #"{"ticket":"ADU-20261101-0002","type":"update","status":"closed","at":"2026-11-05T03:00:00.000Z"}"#,
            #"{"ticket":"ADU-20261101-0003","type":"filed","category":"jadwal","status":"open","at":"2026-11-01T04:00:00.000Z","due":"2026-11-02T04:00:00.000Z"}"#,
            #"{"ticket":"ADU-20261101-0004","type":"filed","category":"jadwal","status":"open","at":"2026-11-01T05:00:00.000Z","due":"2026-12-30T05:00:00.000Z"}"#,
            "garbage",
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: tmp.url.appendingPathComponent("complaints.jsonl"))
        let now = TranscriptRecord.parseTimestamp("2026-11-10T00:00:00.000Z")!
        let report = TranscriptReport.build(directory: tmp.url, from: "2026-11-01", to: "2026-11-01", now: now)
        let c = try #require(report.complaints)
        #expect(c.all.filed == 4 && c.all.resolvedInTime == 1 && c.all.resolvedLate == 1 && c.all.overdue == 1 && c.all.openInTime == 1)
        #expect(c.perCategory["jadwal"]?.filed == 2 && c.perCategory["sertifikat"]?.resolvedLate == 1)
        #expect(abs(c.all.complianceRate - 1.0 / 3) < 1e-9)
        #expect(report.warnings.count == 1 && report.warnings[0].hasSuffix("complaints.jsonl:7: not a complaint record, skipped"))
        let html = ReportHTML.render(report)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && html.contains("sertifikat"))
        #expect(!html.contains("<script") && !html.contains("https://") && !html.contains("<link"))
        let text = ReportText.render(report)
        #expect(text.contains("exchanges            5"))
    }

    /// Writes a month of synthetic transcripts (~300k lines) for benchmarking `helpdesk report`:
    /// `HELPDESK_SYNTHETIC_DIR=/tmp/month swift test --filter writeAMonthForBenchmarks`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HELPDESK_SYNTHETIC_DIR"] != nil))
    func writeAMonthForBenchmarks() throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HELPDESK_SYNTHETIC_DIR"]!)
        try SyntheticTranscripts().write(to: dir, days: start...(start + 29), perDay: 10_000)
        #expect(TranscriptFiles.list(dir).count >= 30)
    }
}
