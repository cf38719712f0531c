import Testing
@testable import HelpdeskCore

@Suite struct LatencyHistogramTests {
    @Test func percentilesWithinBucketPrecision() {
        var h = LatencyHistogram()
        for v in 1...10_000 { h.record(Int64(v) * 10) }      // 10 µs ... 100 ms, uniform
        for (q, exact) in [(0.5, 50_000.0), (0.9, 90_000.0), (0.99, 99_000.0)] {
            let got = Double(h.percentile(q))
            #expect(abs(got - exact) / exact < 0.02, "p\(q) = \(got), expected about \(exact)")
        }
        #expect(h.max == 100_000 && h.min == 10 && h.count == 10_000)
    }

    @Test func smallValuesAreExactAndHugeOnesClamp() {
        var h = LatencyHistogram()
        h.record(3); h.record(3); h.record(100)
        #expect(h.percentile(0.5) == 3 && h.percentile(1) == 100)
        h.record(600_000_000)     // ten minutes: beyond the top bucket, max stays exact
        #expect(h.max == 600_000_000 && h.percentile(1) == 600_000_000)
        #expect(LatencyHistogram().percentile(0.5) == 0)
    }

    @Test func bucketsCoverEveryValueOnce() {
        for v: Int64 in [0, 1, 127, 128, 129, 255, 256, 1000, 65_535, 1_000_000, 60_000_000] {
            let i = LatencyHistogram.index(of: v)
            let (low, width) = LatencyHistogram.range(of: i)
            #expect(low <= v && v < low + width, "\(v) in bucket \(i) [\(low), \(low + width))")
            #expect(Double(width) / Double(max(low, 1)) <= 1.0 / 64 + 1e-9 || low < 128)
        }
    }

    @Test func mergeEqualsRecordingTogether() {
        var a = LatencyHistogram(), b = LatencyHistogram(), both = LatencyHistogram()
        for v in stride(from: 5, to: 50_000, by: 37) { a.record(Int64(v)); both.record(Int64(v)) }
        for v in stride(from: 1000, to: 900_000, by: 911) { b.record(Int64(v)); both.record(Int64(v)) }
        a.merge(b)
        #expect(a == both)
    }
}
