/// Response times in bounded memory: a log-linear (HDR-style) histogram of microseconds with
/// exact buckets below 128 µs and 64 sub-buckets per power of two above (under 1.6% relative
/// error, about two significant digits) up to 2^27 µs (134 s); larger values land in the top
/// bucket while `max` stays exact. Fixed size, so it can be kept per intent and per channel
/// forever; mergeable, so daily or per-file histograms add up to a report's.
public struct LatencyHistogram: Sendable, Equatable {
    static let linear = 128
    static let subBuckets = 64
    static let exponents = 21
    static let bucketCount = linear + exponents * subBuckets

    public private(set) var counts: [Int64]
    public private(set) var count: Int64 = 0
    public private(set) var sum: Int64 = 0
    public private(set) var min: Int64 = .max
    public private(set) var max: Int64 = 0

    public init() {
        counts = [Int64](repeating: 0, count: LatencyHistogram.bucketCount)
    }

    public mutating func record(_ micros: Int64, count n: Int64 = 1) {
        let v = Swift.max(0, micros)
        counts[LatencyHistogram.index(of: v)] += n
        count += n
        sum &+= v &* n
        min = Swift.min(min, v)
        max = Swift.max(max, v)
    }

    public mutating func merge(_ other: LatencyHistogram) {
        for i in 0..<counts.count where other.counts[i] != 0 { counts[i] += other.counts[i] }
        count += other.count
        sum &+= other.sum
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }

    /// The value at quantile `q` (0...1), within bucket precision; 0 when empty.
    public func percentile(_ q: Double) -> Int64 {
        guard count > 0 else { return 0 }
        if q >= 1 { return max }
        let rank = Swift.max(1, Int64((q * Double(count)).rounded(.up)))
        var seen: Int64 = 0
        for (i, c) in counts.enumerated() where c != 0 {
            seen += c
            if seen >= rank {
                if i == LatencyHistogram.bucketCount - 1 { return max }   // the overflow bucket
                let (low, width) = LatencyHistogram.range(of: i)
                return Swift.min(Swift.max(low + (width - 1) / 2, min), max)
            }
        }
        return max
    }

    public var mean: Double { count == 0 ? 0 : Double(sum) / Double(count) }

    /// Non-empty buckets as (lower bound µs, width µs, count), smallest first (for charts).
    public var buckets: [(low: Int64, width: Int64, count: Int64)] {
        counts.indices.compactMap { i in
            guard counts[i] != 0 else { return nil }
            let (low, width) = LatencyHistogram.range(of: i)
            return (low, width, counts[i])
        }
    }

    static func index(of v: Int64) -> Int {
        if v < Int64(linear) { return Int(v) }
        let bits = 63 - v.leadingZeroBitCount          // floor(log2 v) >= 7
        let shift = bits - 6                            // v >> shift in 64..<128
        let e = shift - 1                               // 0-based exponent group
        guard e < exponents else { return bucketCount - 1 }
        return linear + e * subBuckets + Int(v >> Int64(shift)) - subBuckets
    }

    /// The lower bound and width of bucket `i`.
    static func range(of i: Int) -> (Int64, Int64) {
        if i < linear { return (Int64(i), 1) }
        let e = (i - linear) / subBuckets
        let sub = (i - linear) % subBuckets
        let shift = Int64(e + 1)
        return (Int64(subBuckets + sub) << shift, Int64(1) << shift)
    }
}
