import Testing
@testable import HelpdeskCore

@Suite struct ConfidenceCalibrationTests {
    @Test func mapsRawScoresToObservedAccuracyMonotonically() {
        // low raw scores are right half the time, high ones always, with one noisy violator
        var samples = [(raw: Double, correct: Bool)]()
        for i in 0..<20 { samples.append((0.3, i % 2 == 0)) }
        samples.append((0.5, false))
        for _ in 0..<30 { samples.append((0.9, true)) }
        let c = ConfidenceCalibration(samples: samples)
        let low = c(0.3), mid = c(0.6), high = c(0.95)
        #expect(low > 0.4 && low < 0.6)
        #expect(high > 0.9 && high < 1)
        #expect(low <= mid && mid <= high)
        var previous = 0.0
        for k in 0...20 {
            let v = c(Double(k) / 20)
            #expect(v >= previous - 1e-12 && v >= 0 && v <= 1)
            previous = v
        }
    }

    @Test func withoutSamplesItIsTheIdentity() {
        let c = ConfidenceCalibration(samples: [])
        #expect(c(0.42) == 0.42)
    }
}
