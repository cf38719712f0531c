import Synchronization

/// Slows down guessing of the supervisor token. Each failed login opens a window, per connection
/// and per peer address, that doubles with every further failure (`base`, 2×, 4×, … up to `cap`);
/// a login attempt inside an open window is refused as `rate_limited` without the token even being
/// compared. A success clears both keys. Keyed by host without port, so reconnecting does not
/// reset the peer's window. The table is pruned of long-expired entries so it stays small.
public final class LoginThrottle: Sendable {
    private struct Entry {
        var failures: Int
        var until: ContinuousClock.Instant
    }

    public let base: Duration
    public let cap: Duration
    private let entries = Mutex<[String: Entry]>([:])

    public init(base: Duration = .seconds(1), cap: Duration = .seconds(300)) {
        self.base = base
        self.cap = cap
    }

    /// The keys a login from `peer` on connection `number` is counted under.
    public static func keys(peer: String, connection number: Int) -> [String] {
        ["peer \(host(of: peer))", "connection \(number)"]
    }

    /// `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` → `[::1]`.
    public static func host(of peer: String) -> String {
        guard let colon = peer.lastIndex(of: ":"), peer.first == "[" || peer.firstIndex(of: ":") == colon else { return peer }
        return String(peer[..<colon])
    }

    /// Whether an attempt may be made now (no window open for any of `keys`).
    public func allows(_ keys: [String], now: ContinuousClock.Instant = .now) -> Bool {
        entries.withLock { table in keys.allSatisfy { table[$0].map { now >= $0.until } ?? true } }
    }

    /// Records a failure: opens (or doubles) the window for each key.
    public func failed(_ keys: [String], now: ContinuousClock.Instant = .now) {
        entries.withLock { table in
            if table.count > 10_000 { table = table.filter { now < $0.value.until + cap } }
            for key in keys {
                let failures = (table[key]?.failures ?? 0) + 1
                let window = min(cap, base * (1 << min(failures - 1, 30)))
                table[key] = Entry(failures: failures, until: now + window)
            }
        }
    }

    public func succeeded(_ keys: [String]) {
        entries.withLock { table in for key in keys { table[key] = nil } }
    }
}
