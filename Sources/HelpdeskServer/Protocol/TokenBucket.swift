/// The per-connection rate limit: a bucket of `burst` tokens refilled at `rate` per second, one
/// token per line. Pure arithmetic on instants the caller supplies, so tests need no sleeping.
/// A `rate` of 0 turns limiting off (for benchmarks and trusted adapters).
public struct TokenBucket: Sendable {
    public let rate: Double
    public let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant?

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = Double(max(1, burst))
        self.tokens = self.burst
    }

    /// Takes a token if one is available at `now`.
    public mutating func take(at now: ContinuousClock.Instant) -> Bool {
        guard rate > 0 else { return true }
        // Lines of one read share one instant: nothing to refill between them.
        if let last, now != last {
            let (s, atto) = (now - last).components
            tokens = min(burst, tokens + (Double(s) + Double(atto) * 1e-18) * rate)
        }
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
