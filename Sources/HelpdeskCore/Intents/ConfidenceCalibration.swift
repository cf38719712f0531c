/// Turns the model's raw confidence (a logistic curve of the best score and its margin) into
/// an estimate of how often such an answer is right. It is fitted at start-up by leave-one-out
/// over the catalog itself: each example is classified with itself left out of the
/// nearest-neighbour search, and isotonic regression (pool adjacent violators) maps raw values
/// to observed accuracy. The map is monotone, so a higher raw score never reads as less sure.
struct ConfidenceCalibration: Sendable {
    /// Block centres (raw confidence, ascending) and the smoothed accuracy of each block.
    private let raw: [Double]
    private let accuracy: [Double]

    /// `samples`: (raw confidence, whether that answer was right).
    init(samples: [(raw: Double, correct: Bool)]) {
        let sorted = samples.sorted { $0.raw < $1.raw }
        var blocks = [(sumRaw: Double, correct: Double, n: Double)]()
        for s in sorted {
            blocks.append((s.raw, s.correct ? 1 : 0, 1))
            while blocks.count >= 2 {
                let b = blocks[blocks.count - 1], a = blocks[blocks.count - 2]
                guard a.correct / a.n >= b.correct / b.n else { break }
                blocks.removeLast(2)
                blocks.append((a.sumRaw + b.sumRaw, a.correct + b.correct, a.n + b.n))
            }
        }
        // Merge-from-the-end above can leave earlier violators; one more pass makes it monotone.
        var merged = [(sumRaw: Double, correct: Double, n: Double)]()
        for b in blocks {
            merged.append(b)
            while merged.count >= 2, merged[merged.count - 2].correct / merged[merged.count - 2].n > merged[merged.count - 1].correct / merged[merged.count - 1].n {
                let y = merged.removeLast(), x = merged.removeLast()
                merged.append((x.sumRaw + y.sumRaw, x.correct + y.correct, x.n + y.n))
            }
        }
        raw = merged.map { $0.sumRaw / $0.n }
        // Laplace smoothing keeps small blocks away from 0 and 1.
        accuracy = merged.map { ($0.correct + 1) / ($0.n + 2) }
    }

    /// The calibrated value for a raw confidence, interpolated between block centres.
    func callAsFunction(_ x: Double) -> Double {
        guard let first = raw.first, let last = raw.last else { return x }
        if x <= first { return accuracy[0] * min(1, x / max(first, 1e-9)) }
        if x >= last { return accuracy[accuracy.count - 1] }
        var lo = 0, hi = raw.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if raw[mid] <= x { lo = mid } else { hi = mid }
        }
        let t = (x - raw[lo]) / max(raw[hi] - raw[lo], 1e-12)
        return accuracy[lo] + t * (accuracy[hi] - accuracy[lo])
    }
}
