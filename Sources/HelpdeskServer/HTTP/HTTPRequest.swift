/// One parsed HTTP/1.1 request, as the bridge's router sees it: the method, the path (the
/// request target without its query), the headers (names lowercased, in arrival order) and the
/// whole body, already de-chunked. It exists so that routing and handlers never touch raw bytes.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target as sent (`/webhook?x=1`).
    public var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    /// Header fields with lowercased names, in the order they arrived.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Whether the connection stays open after the response (HTTP/1.1 unless `Connection: close`;
    /// HTTP/1.0 only with `Connection: keep-alive`).
    public var keepAlive: Bool

    public init(method: String, target: String, version: String = "HTTP/1.1",
                headers: [(name: String, value: String)] = [], body: [UInt8] = [], keepAlive: Bool = true) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }

    /// The target without its query string.
    public var path: String {
        if let q = target.firstIndex(of: "?") { return String(target[..<q]) }
        return target
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        for h in headers where h.name == lower { return h.value }
        return nil
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.target == b.target && a.version == b.version && a.body == b.body
            && a.keepAlive == b.keepAlive && a.headers.elementsEqual(b.headers, by: { $0.name == $1.name && $0.value == $1.value })
    }
}

/// Why a request could not be parsed, with the status code the client gets back and a short
/// machine-readable code for the JSON error body. After one of these the connection is closed:
/// the byte stream can no longer be trusted to be in step.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String

    public init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status) \(code): \(message)" }

    static func bad(_ message: String) -> HTTPParseError { HTTPParseError(400, "bad_request", message) }
}
