import HelpdeskCore

/// The bridge's request handling: route, check the secret, map the body, forward upstream,
/// map the reply back, count everything. It exists as the one place where HTTP meets the line
/// protocol; the connection code only moves requests and responses.
public final class BridgeService: HTTPHandling {
    private let pool: UpstreamPool
    private let secret: WebhookSecret?
    public let metrics: BridgeMetrics

    public init(pool: UpstreamPool, secret: WebhookSecret?, metrics: BridgeMetrics) {
        self.pool = pool
        self.secret = secret
        self.metrics = metrics
    }

    public func refused(status: Int, code: String) {
        metrics.request(route: nil, status: status)
        metrics.error(code)
    }

    public func handle(_ request: HTTPRequest, respond: @escaping @Sendable (HTTPResponse) -> Void) {
        let route: BridgeRoute
        switch BridgeRoute.resolve(method: request.method, path: request.path) {
        case .notFound:
            metrics.request(route: nil, status: 404)
            respond(.error(404, code: "not_found", message: "no route \(request.path); try POST /webhook, POST /telegram, GET /healthz, GET /metrics"))
            return
        case .methodNotAllowed(let allow):
            let r = BridgeRoute(rawValue: request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path)
            metrics.request(route: r?.label, status: 405)
            var response = HTTPResponse.error(405, code: "method_not_allowed", message: "\(request.path) accepts \(allow.joined(separator: ", "))")
            response.headers.append(.init("Allow", allow.joined(separator: ", ")))
            respond(response)
            return
        case .found(let r):
            route = r
        }
        let metrics = self.metrics
        let answer: @Sendable (HTTPResponse) -> Void = { response in
            metrics.request(route: route.label, status: response.status)
            respond(response)
        }
        switch route {
        case .healthz: health(answer)
        case .metrics: answer(HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(metricsText().utf8)))
        case .webhook: webhook(request, answer)
        case .telegram: telegram(request, answer)
        }
    }

    private func authorized(_ request: HTTPRequest, header: String) -> Bool {
        guard let secret else { return true }
        return secret.matches(request.header(header))
    }

    private func unauthorized(_ header: String) -> HTTPResponse {
        metrics.error("unauthorized")
        return .error(401, code: "unauthorized", message: "missing or wrong \(header) header")
    }

    private func webhook(_ request: HTTPRequest, _ respond: @escaping @Sendable (HTTPResponse) -> Void) {
        guard authorized(request, header: "X-Helpdesk-Secret") else { return respond(unauthorized("X-Helpdesk-Secret")) }
        let message: InboundMessage
        do {
            message = try WebhookMapping.message(from: request.body)
        } catch {
            metrics.error(error.code)
            return respond(error.response)
        }
        pool.send(message) { result, _ in
            switch result {
            case .failure(let f): respond(Self.failureResponse(f))
            case .success(let reply):
                let status = reply.errorCode.map(UpstreamCodec.status(forError:)) ?? 200
                respond(.json(UpstreamCodec.webhookBody(reply), status: status))
            }
        }
    }

    private func telegram(_ request: HTTPRequest, _ respond: @escaping @Sendable (HTTPResponse) -> Void) {
        let header = "X-Telegram-Bot-Api-Secret-Token"
        guard authorized(request, header: header) else { return respond(unauthorized(header)) }
        let update: TelegramMapping.Update
        do {
            update = try TelegramMapping.update(from: request.body)
        } catch {
            metrics.error(error.code)
            return respond(error.response)
        }
        guard case .text(let chatID, let text) = update else {
            return respond(HTTPResponse(status: 200))
        }
        pool.send(TelegramMapping.message(chatID: chatID, text: text)) { result, _ in
            switch result {
            case .failure(let f):
                // A non-2xx makes Telegram redeliver the update later, which is what we want
                // while the server is down.
                respond(Self.failureResponse(f))
            case .success(let reply):
                let text = reply.text ?? (reply.errorCode == "rate_limited"
                    ? "Maaf, pesan Anda terlalu cepat. Mohon tunggu sebentar lalu coba lagi."
                    : "Maaf, pesan Anda belum dapat kami proses. Silakan coba lagi.")
                respond(.json(TelegramMapping.sendMessage(chatID: chatID, text: text)))
            }
        }
    }

    private func health(_ respond: @escaping @Sendable (HTTPResponse) -> Void) {
        pool.ping { result in
            switch result {
            case .success(let reply) where reply.ok:
                respond(.json(Array(#"{"status":"ok"}"#.utf8)))
            case .success:
                respond(.error(502, code: "upstream_unhealthy", message: "the helpdesk server did not answer ping with ok"))
            case .failure(let f):
                respond(Self.failureResponse(f))
            }
        }
    }

    static func failureResponse(_ f: UpstreamFailure) -> HTTPResponse {
        switch f {
        case .saturated:
            return .error(503, code: "saturated", message: "too many requests are waiting for the helpdesk server; retry shortly")
        case .unavailable:
            return .error(502, code: "upstream_unavailable", message: "the helpdesk server is not reachable; retry shortly")
        case .disconnected:
            return .error(502, code: "upstream_disconnected", message: "the connection to the helpdesk server broke during the request")
        case .timeout:
            return .error(502, code: "upstream_timeout", message: "the helpdesk server did not answer in time")
        case .protocolError:
            return .error(502, code: "upstream_protocol", message: "the helpdesk server's reply could not be read")
        }
    }

    private func metricsText() -> String {
        metrics.render(gauges: [
            ("helpdesk_bridge_upstream_connections_ready", "Upstream connections up and past the banner.", pool.readyCount),
            ("helpdesk_bridge_upstream_requests_waiting", "Requests sent upstream and not yet answered.", pool.waitingCount),
        ])
    }
}
