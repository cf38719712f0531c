import HelpdeskCore

/// The whole bridge as one value to start and stop: the configuration, the upstream pool, the
/// service and the HTTP listener, wired in one place so the CLI and the tests start it alike.
public final class WebhookBridge: Sendable {
    /// Everything `helpdesk bridge` can be told, with the defaults the CLI documents.
    public struct Configuration: Sendable {
        public var listenHost = "127.0.0.1"
        public var listenPort = 8080
        public var upstreamHost = "127.0.0.1"
        public var upstreamPort = 7000
        public var connections = 4
        public var limits = HTTPLimits()
        /// Seconds an upstream request may wait for its reply before the connection is recycled.
        public var upstreamTimeout: Double = 10
        /// Requests waiting for the server beyond which new ones get 503.
        public var maxWaiting = 1024
        public var secret: String?

        public init() {}
    }

    public let pool: UpstreamPool
    public let service: BridgeService
    public let listener: HTTPListener

    /// Binds the listening socket (so a taken port fails here, before anything starts).
    public init(_ config: Configuration) throws {
        let metrics = BridgeMetrics()
        pool = UpstreamPool(host: config.upstreamHost, port: config.upstreamPort, connections: config.connections,
                            timeout: config.upstreamTimeout, maxWaiting: config.maxWaiting, metrics: metrics)
        service = BridgeService(pool: pool, secret: WebhookSecret(config.secret), metrics: metrics)
        listener = try HTTPListener(host: config.listenHost, port: config.listenPort, handler: service, limits: config.limits)
    }

    public var port: Int { listener.port }

    public func start() {
        BridgeSignals.ignoreSIGPIPE()
        pool.start()
        listener.start()
    }

    /// Stops accepting, lets open connections finish their current request, then closes upstream.
    public func stop() {
        listener.stop()
        pool.stop()
    }
}
