/// What the HTTP server calls for every complete request. It exists so the connection code
/// (framing, keep-alive, timeouts) knows nothing of routes or upstreams, and tests can serve
/// HTTP with a tiny handler. `respond` may be called from any queue, exactly once.
public protocol HTTPHandling: Sendable {
    func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void)
    /// Called for requests refused before they reached `handle` (parse errors, timeouts), so
    /// they can be counted.
    func refused(status: Int, code: String)
}

/// The limits one HTTP connection enforces.
public struct HTTPLimits: Sendable {
    public var maxHeaderBytes = 16 * 1024
    public var maxBodyBytes = 64 * 1024
    /// Time to receive a whole request, counted from the moment the connection became idle
    /// (opened, or its previous response was sent). Past it: 408 and close when part of a
    /// request has arrived, a quiet close when nothing has.
    public var requestTimeout: Double = 10
    public var maxConnections = 1024

    public init() {}
}
