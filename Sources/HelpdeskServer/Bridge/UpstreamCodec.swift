/// The bridge's side of the line protocol: request lines it sends and reply lines it reads
/// back. It exists so the connection code moves bytes only, and so the reply-to-HTTP mapping
/// (which upstream error becomes which status) lives in one tested place.
public enum UpstreamCodec {
    /// `{"id":…,"user":…,"channel":…,"text":…}` and a newline.
    public static func messageLine(id: String, _ m: InboundMessage) -> [UInt8] {
        var s = "{\"id\":" + HTTPResponse.jsonQuoted(id)
        s += ",\"user\":" + HTTPResponse.jsonQuoted(m.user)
        s += ",\"channel\":" + HTTPResponse.jsonQuoted(m.channel)
        s += ",\"text\":" + HTTPResponse.jsonQuoted(m.text) + "}\n"
        return Array(s.utf8)
    }

    /// `{"id":…,"cmd":"ping"}` and a newline.
    public static func pingLine(id: String) -> [UInt8] {
        Array(("{\"id\":" + HTTPResponse.jsonQuoted(id) + ",\"cmd\":\"ping\"}\n").utf8)
    }

    /// One reply line from the server, decoded just enough to route and map it.
    public struct Reply: Sendable, Equatable {
        /// The echoed `id`, as text (nil when missing).
        public var id: String?
        /// The reply's `reply` text, when it is a message reply.
        public var text: String?
        /// The error code, when the server answered `{"error":{…}}`.
        public var errorCode: String?
        public var ok: Bool
        /// The decoded line.
        var object: BridgeJSON.Object
    }

    /// The line decoded, or nil when it is not a JSON object.
    public static func reply(_ line: [UInt8]) -> Reply? {
        guard let object = BridgeJSON.object(line) else { return nil }
        let id = object.string("id") ?? object.integerText("id")
        return Reply(id: id, text: object.string("reply"), errorCode: object.object("error")?.string("code"),
                     ok: object.bool("ok") ?? false, object: object)
    }

    /// The reply as the body of a `/webhook` response: the server's JSON without the bridge's
    /// own request id (which means nothing to the webhook caller).
    public static func webhookBody(_ reply: Reply) -> [UInt8] {
        reply.object.encoded(removing: "id")
    }

    /// The HTTP status for an upstream error code: the caller's fault stays a 4xx, the
    /// server's own trouble becomes 502.
    public static func status(forError code: String) -> Int {
        switch code {
        case "bad_json", "bad_request", "line_too_long": 400
        case "unauthorized": 401
        case "not_found": 404
        case "rate_limited": 429
        default: 502
        }
    }
}
