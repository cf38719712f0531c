import Synchronization

/// Counters the bridge keeps for `GET /metrics`, rendered in the Prometheus text exposition
/// format (version 0.0.4). It exists so operators can see request rates by route and status,
/// errors by kind, and how long the upstream server takes, with a fixed set of labels (routes
/// are the routing table's names, `other` for everything else) so a scanner cannot blow up the
/// number of series. Safe to update from any queue: the tables sit behind one `Mutex`.
public final class BridgeMetrics: Sendable {
    /// Upper bounds, in seconds, of the upstream latency histogram's buckets.
    public static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Tables {
        var requests: [String: [Int: Int]] = [:]
        var errors: [String: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: BridgeMetrics.latencyBuckets.count)
        var latencyCount = 0
        var latencySum = 0.0
    }

    private let tables = Mutex(Tables())

    public init() {}

    /// One HTTP request answered; `route` is a routing-table label or nil for an unknown path.
    public func request(route: String?, status: Int) {
        tables.withLock { $0.requests[route ?? "other", default: [:]][status, default: 0] += 1 }
    }

    /// An error by kind (`bad_request`, `timeout`, `upstream_down`, `upstream_disconnect`, ...).
    public func error(_ kind: String) {
        tables.withLock { $0.errors[kind, default: 0] += 1 }
    }

    /// One upstream round trip, in seconds.
    public func upstreamLatency(_ seconds: Double) {
        tables.withLock { t in
            t.latencyCount += 1
            t.latencySum += seconds
            if let i = Self.latencyBuckets.firstIndex(where: { seconds <= $0 }) { t.bucketCounts[i] += 1 }
        }
    }

    public func requestCount(route: String, status: Int) -> Int {
        tables.withLock { $0.requests[route]?[status] ?? 0 }
    }

    /// The exposition text; `gauges` adds point-in-time values (name, help, value).
    public func render(gauges: [(name: String, help: String, value: Int)] = []) -> String {
        let t = tables.withLock { $0 }
        var out = "# HELP helpdesk_bridge_requests_total HTTP requests answered, by route and status.\n"
        out += "# TYPE helpdesk_bridge_requests_total counter\n"
        for route in t.requests.keys.sorted() {
            for (status, n) in t.requests[route]!.sorted(by: { $0.key < $1.key }) {
                out += "helpdesk_bridge_requests_total{route=\"\(route)\",status=\"\(status)\"} \(n)\n"
            }
        }
        out += "# HELP helpdesk_bridge_errors_total Errors, by kind.\n"
        out += "# TYPE helpdesk_bridge_errors_total counter\n"
        for kind in t.errors.keys.sorted() {
            out += "helpdesk_bridge_errors_total{kind=\"\(kind)\"} \(t.errors[kind]!)\n"
        }
        out += "# HELP helpdesk_bridge_upstream_latency_seconds Round trip of one request to the helpdesk server.\n"
        out += "# TYPE helpdesk_bridge_upstream_latency_seconds histogram\n"
        var cumulative = 0
        for (i, bound) in Self.latencyBuckets.enumerated() {
            cumulative += t.bucketCounts[i]
            out += "helpdesk_bridge_upstream_latency_seconds_bucket{le=\"\(Self.format(bound))\"} \(cumulative)\n"
        }
        out += "helpdesk_bridge_upstream_latency_seconds_bucket{le=\"+Inf\"} \(t.latencyCount)\n"
        out += "helpdesk_bridge_upstream_latency_seconds_sum \(Self.format(t.latencySum))\n"
        out += "helpdesk_bridge_upstream_latency_seconds_count \(t.latencyCount)\n"
        for g in gauges {
            out += "# HELP \(g.name) \(g.help)\n# TYPE \(g.name) gauge\n\(g.name) \(g.value)\n"
        }
        return out
    }

    static func format(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
