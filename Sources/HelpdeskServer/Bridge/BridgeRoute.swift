/// The bridge's routing table: which (method, path) pairs exist. It exists so that 404 (no such
/// path) and 405 (path exists, method does not, with an `Allow` header) are decided in one place
/// and the metrics can label every request with a bounded set of route names.
public enum BridgeRoute: String, Sendable, CaseIterable {
    case webhook = "/webhook"
    case telegram = "/telegram"
    case healthz = "/healthz"
    case metrics = "/metrics"

    /// The methods each route accepts (HEAD is accepted wherever GET is).
    public var methods: [String] {
        switch self {
        case .webhook, .telegram: ["POST"]
        case .healthz, .metrics: ["GET", "HEAD"]
        }
    }

    /// The label used in metrics.
    public var label: String { String(rawValue.dropFirst()) }

    public enum Resolution: Sendable, Equatable {
        case found(BridgeRoute)
        case notFound
        case methodNotAllowed(allow: [String])
    }

    public static func resolve(method: String, path: String) -> Resolution {
        var p = path
        if p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let route = BridgeRoute(rawValue: p) else { return .notFound }
        guard route.methods.contains(method) else { return .methodNotAllowed(allow: route.methods) }
        return .found(route)
    }
}
