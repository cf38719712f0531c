/// The service figures both the live `metrics` command and `helpdesk report` need: how many
/// exchanges, how fast (overall, per intent, per channel), and how often the desk fell back
/// (out_of_scope), handed off to a person, or answered with low confidence (< 0.5). A value
/// type so that it can be built under a lock, copied out as a snapshot, or merged.
public struct ExchangeTally: Sendable, Equatable {
    public static let lowConfidence = 0.5

    public var total: Int64 = 0
    public var fallbacks: Int64 = 0
    public var handoffs: Int64 = 0
    public var lowConfidenceCount: Int64 = 0
    public var latency = LatencyHistogram()
    public var perIntent: [String: LatencyHistogram] = [:]
    public var perChannel: [String: LatencyHistogram] = [:]

    public init() {}

    public mutating func add(intent: String, channel: String, latencyMicros: Int64, confidence: Double, outcome: String) {
        total += 1
        if intent == IntentLabel.outOfScope.rawValue { fallbacks += 1 }
        if outcome == Outcome.handedOff.rawValue || intent == IntentLabel.handoffHuman.rawValue { handoffs += 1 }
        if confidence < ExchangeTally.lowConfidence { lowConfidenceCount += 1 }
        latency.record(latencyMicros)
        perIntent[intent, default: LatencyHistogram()].record(latencyMicros)
        perChannel[channel, default: LatencyHistogram()].record(latencyMicros)
    }

    /// What `add` counts besides the per-intent and per-channel histograms, from the typed
    /// values (no string compares); the caller keeps those histograms itself (`LiveMetrics`).
    mutating func addCounts(intent: IntentLabel, latencyMicros: Int64, confidence: Double, outcome: Outcome) {
        total += 1
        if intent == .outOfScope { fallbacks += 1 }
        if outcome == .handedOff || intent == .handoffHuman { handoffs += 1 }
        if confidence < ExchangeTally.lowConfidence { lowConfidenceCount += 1 }
        latency.record(latencyMicros)
    }

    public mutating func merge(_ other: ExchangeTally) {
        total += other.total
        fallbacks += other.fallbacks
        handoffs += other.handoffs
        lowConfidenceCount += other.lowConfidenceCount
        latency.merge(other.latency)
        for (k, h) in other.perIntent { perIntent[k, default: LatencyHistogram()].merge(h) }
        for (k, h) in other.perChannel { perChannel[k, default: LatencyHistogram()].merge(h) }
    }

    public var fallbackRate: Double { rate(fallbacks) }
    public var handoffRate: Double { rate(handoffs) }
    public var lowConfidenceRate: Double { rate(lowConfidenceCount) }

    private func rate(_ n: Int64) -> Double { total == 0 ? 0 : Double(n) / Double(total) }
}

/// Count and p50/p90/p99/max of one histogram, in microseconds: what tables and JSON show.
public struct LatencySummary: Sendable, Equatable {
    public var count: Int64
    public var p50: Int64
    public var p90: Int64
    public var p99: Int64
    public var max: Int64

    public init(_ h: LatencyHistogram) {
        count = h.count
        p50 = h.percentile(0.50)
        p90 = h.percentile(0.90)
        p99 = h.percentile(0.99)
        max = h.max
    }

    public func json() -> String {
        var w = JSONLineWriter()
        w.int("count", count)
        w.int("p50_us", p50)
        w.int("p90_us", p90)
        w.int("p99_us", p99)
        w.int("max_us", max)
        return w.finished()
    }
}
