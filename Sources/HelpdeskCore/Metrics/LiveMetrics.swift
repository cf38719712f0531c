import Foundation
import Synchronization

/// The running server's response-time and service metrics, fed by the transcript writer on every
/// exchange and read by the supervisor `metrics` command. Bounded memory (fixed-size histograms,
/// a ring of the last 48 hours of volume). Exchanges are spread round-robin over a few shards,
/// each behind its own Mutex, so that connections recording at once rarely wait on each other;
/// a snapshot merges the shards.
public final class LiveMetrics: Sendable {
    public static let hoursKept = 48

    private struct State {
        /// Everything `observe(intent:channel:…)` adds; `observe(_:)` keeps its per-intent and
        /// per-channel histograms and its current hour apart (below) and `snapshot` merges them.
        var tally = ExchangeTally()
        /// Hour number (hours since 1970 UTC) → exchanges, for the last `hoursKept` hours.
        var hours: [Int: Int64] = [:]
        /// The hour of the latest exchanges and how many arrived in it, not yet in `hours`
        /// (a dictionary update per exchange cost more than the rest of `observe`).
        var hour = Int.min
        var hourCount: Int64 = 0
        /// Per-intent histograms of `observe(_:)`, by `IntentLabel.ordinal` (nil: none yet).
        var byIntent = [LatencyHistogram?](repeating: nil, count: IntentLabel.allCases.count)
        /// Per-channel histograms of `observe(_:)` for the first few channels seen, looked up by
        /// string equality instead of a hash; further channels go to `tally.perChannel`.
        var channels: [(name: String, histogram: LatencyHistogram)] = []

        mutating func count(hour h: Int) {
            if h == hour { hourCount += 1; return }
            foldHour()
            hour = h
            hourCount = 1
        }

        /// Moves the current hour's count into `hours`, pruned as every update always was.
        mutating func foldHour() {
            guard hourCount > 0 else { return }
            hours[hour, default: 0] += hourCount
            hourCount = 0
            if hours.count > LiveMetrics.hoursKept, let newest = hours.keys.max() {
                hours = hours.filter { $0.key > newest - LiveMetrics.hoursKept }
            }
        }

        /// The figures as one `ExchangeTally` and hour table, as if every exchange had been added
        /// to them directly.
        func merged() -> (ExchangeTally, [Int: Int64]) {
            var copy = self
            copy.foldHour()
            var t = copy.tally
            for label in IntentLabel.allCases {
                guard let h = byIntent[label.ordinal] else { continue }
                t.perIntent[label.rawValue, default: LatencyHistogram()].merge(h)
            }
            for c in channels { t.perChannel[c.name, default: LatencyHistogram()].merge(c.histogram) }
            return (t, copy.hours)
        }
    }

    /// One shard's figures. A class because a `Mutex` cannot sit in an array.
    private final class Shard: Sendable {
        let state = Mutex(State())
    }

    private static let shardCount = 4
    private let shards: [Shard] = (0..<LiveMetrics.shardCount).map { _ in Shard() }
    private let next = Atomic<Int>(0)
    private let started: Date

    public init(started: Date = Date()) {
        self.started = started
    }

    /// Adds one exchange: the same figures as `observe(intent:channel:…)` with its fields, kept
    /// without hashing a string (intent histograms by slot, channels by equality, the hour cached).
    public func observe(_ e: Exchange) {
        let hour = Int((e.arrived.timeIntervalSince1970 / 3600).rounded(.down))
        let intent = e.reply.intent
        let micros = e.latencyMicros
        let shard = shards[next.add(1, ordering: .relaxed).newValue & (LiveMetrics.shardCount - 1)]
        shard.state.withLock { s in
            s.tally.addCounts(intent: intent, latencyMicros: micros, confidence: e.reply.confidence, outcome: e.reply.outcome)
            let slot = intent.ordinal
            if s.byIntent[slot] == nil { s.byIntent[slot] = LatencyHistogram() }
            s.byIntent[slot]!.record(micros)
            if let i = s.channels.firstIndex(where: { $0.name == e.channel }) {
                s.channels[i].histogram.record(micros)
            } else if s.channels.count < LiveMetrics.channelsByEquality {
                var h = LatencyHistogram()
                h.record(micros)
                s.channels.append((e.channel, h))
            } else {
                s.tally.perChannel[e.channel, default: LatencyHistogram()].record(micros)
            }
            s.count(hour: hour)
        }
    }

    /// Channels a shard looks up by equality before it falls back to a dictionary.
    static let channelsByEquality = 8

    public func observe(intent: String, channel: String, latencyMicros: Int64, confidence: Double, outcome: String, at: Date) {
        let hour = Int((at.timeIntervalSince1970 / 3600).rounded(.down))
        let shard = shards[next.add(1, ordering: .relaxed).newValue & (LiveMetrics.shardCount - 1)]
        shard.state.withLock { s in
            s.tally.add(intent: intent, channel: channel, latencyMicros: latencyMicros, confidence: confidence, outcome: outcome)
            s.count(hour: hour)
        }
    }

    public func snapshot(now: Date = Date()) -> MetricsSnapshot {
        var tally = ExchangeTally()
        var hours: [Int: Int64] = [:]
        for shard in shards {
            let (t, h) = shard.state.withLock { $0.merged() }
            tally.merge(t)
            for (k, v) in h { hours[k, default: 0] += v }
        }
        let current = Int((now.timeIntervalSince1970 / 3600).rounded(.down))
        let volume = hours.filter { $0.key > current - LiveMetrics.hoursKept }
            .sorted { $0.key < $1.key }
            .map { MetricsSnapshot.HourVolume(hour: Date(timeIntervalSince1970: Double($0.key) * 3600), count: $0.value) }
        return MetricsSnapshot(tally: tally, volume: volume, since: started, at: now)
    }
}

/// A copy of the live metrics at one moment, as plain values and as one JSON object (the body
/// of the supervisor `metrics` answer).
public struct MetricsSnapshot: Sendable {
    public struct HourVolume: Sendable, Equatable {
        public var hour: Date
        public var count: Int64
    }

    public var tally: ExchangeTally
    public var volume: [HourVolume]
    public var since: Date
    public var at: Date

    public var overall: LatencySummary { LatencySummary(tally.latency) }
    public var perIntent: [(String, LatencySummary)] { tally.perIntent.sorted { $0.key < $1.key }.map { ($0.key, LatencySummary($0.value)) } }
    public var perChannel: [(String, LatencySummary)] { tally.perChannel.sorted { $0.key < $1.key }.map { ($0.key, LatencySummary($0.value)) } }

    /// `{"since":…,"at":…,"total":…,"latency":{…},"fallback_rate":…,"handoff_rate":…,
    /// "low_confidence_rate":…,"per_intent":{…},"per_channel":{…},"volume_per_hour":[{"hour":…,"count":…}]}`
    public func json() -> String {
        var w = JSONLineWriter()
        w.string("since", Timestamp.iso8601(since))
        w.string("at", Timestamp.iso8601(at))
        w.int("total", tally.total)
        w.raw("latency", overall.json())
        w.double("fallback_rate", tally.fallbackRate)
        w.double("handoff_rate", tally.handoffRate)
        w.double("low_confidence_rate", tally.lowConfidenceRate)
        w.raw("per_intent", MetricsSnapshot.object(perIntent))
        w.raw("per_channel", MetricsSnapshot.object(perChannel))
        w.raw("volume_per_hour", "[" + volume.map { v in
            var o = JSONLineWriter()
            o.string("hour", Timestamp.iso8601(v.hour))
            o.int("count", v.count)
            return o.finished()
        }.joined(separator: ",") + "]")
        return w.finished()
    }

    static func object(_ pairs: [(String, LatencySummary)]) -> String {
        "{" + pairs.map { JSONLineWriter.quoted($0.0) + ":" + $0.1.json() }.joined(separator: ",") + "}"
    }
}
