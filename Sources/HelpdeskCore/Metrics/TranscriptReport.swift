import Foundation

/// What `helpdesk report` says about a range of days of transcripts: volume, response times
/// (overall, per intent, per channel), volume per hour of day and per day, the fallback,
/// hand-off and low-confidence rates, the most frequent messages the desk could not serve, and
/// complaint service-level compliance when the journal is there. Built by streaming records
/// through `add`, so memory stays bounded by the number of distinct fallback messages kept.
public struct TranscriptReport: Sendable {
    public static let maxDistinctFallbacks = 20_000

    public var from: String
    public var to: String
    public var tally = ExchangeTally()
    public var perHourOfDay = [Int64](repeating: 0, count: 24)
    public var perDay: [String: Int64] = [:]
    public var fallbackMessages: [String: Int] = [:]
    public var complaints: ComplaintJournalSummary?
    public var surveys: SurveySummary?
    public var warnings: [String] = []

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public mutating func add(_ r: TranscriptRecord) {
        tally.add(intent: r.intent, channel: r.channel, latencyMicros: r.latencyMicros, confidence: r.confidence, outcome: r.outcome)
        perHourOfDay[JakartaTime.hour(r.arrived)] += 1
        perDay[JakartaTime.day(r.arrived), default: 0] += 1
        if r.intent == IntentLabel.outOfScope.rawValue {
            let key = r.message.count > 200 ? String(r.message.prefix(200)) + "…" : r.message
            if fallbackMessages[key] != nil || fallbackMessages.count < TranscriptReport.maxDistinctFallbacks {
                fallbackMessages[key, default: 0] += 1
            }
        }
    }

    /// Reads the transcripts (and `complaints.jsonl`) of `directory` for days `from...to`.
    public static func build(directory: URL, from: String, to: String, now: Date = Date()) -> TranscriptReport {
        var report = TranscriptReport(from: from, to: to)
        report.warnings = TranscriptReader(directory: directory).forEach(from: from, to: to) { report.add($0) }
        if let first = JakartaTime.dayNumber(from), let last = JakartaTime.dayNumber(to) {
            report.complaints = ComplaintJournalSummary.read(directory.appendingPathComponent("complaints.jsonl"),
                                                             from: JakartaTime.startOfDay(first),
                                                             to: JakartaTime.startOfDay(last + 1), now: now)
            report.warnings += report.complaints?.warnings ?? []
        }
        report.surveys = SurveySummary.read(directory.appendingPathComponent(SurveyLog.fileName),
                                            fromMonth: String(from.prefix(7)), toMonth: String(to.prefix(7)))
        report.warnings += report.surveys?.warnings ?? []
        return report
    }

    /// The `limit` most frequent fallback messages, most frequent first.
    public func topFallbacks(_ limit: Int = 10) -> [(text: String, count: Int)] {
        fallbackMessages.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { ($0.key, $0.value) }
    }

    public var overall: LatencySummary { LatencySummary(tally.latency) }

    public var perIntent: [(String, LatencySummary)] {
        tally.perIntent.map { ($0.key, LatencySummary($0.value)) }.sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }
    }

    public var perChannel: [(String, LatencySummary)] {
        tally.perChannel.map { ($0.key, LatencySummary($0.value)) }.sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0.0 < $1.0 }
    }
}
