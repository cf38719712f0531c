import HelpdeskCore

/// One HTTP response and its encoding to bytes. It exists so that handlers return values
/// (status, content type, body) and only this file knows the wire format; every response
/// carries `Content-Length` so keep-alive clients always know where it ends.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    /// Extra header lines (name, value); `Content-Length` and `Connection` are added by `encode`.
    public var headers: [Header]

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(status: Int, contentType: String? = nil, body: [UInt8] = [], headers: [Header] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    /// A JSON body (already encoded) with status 200 unless told otherwise.
    public static func json(_ body: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }

    /// The bridge's error shape: `{"error":{"code":"…","message":"…"}}`.
    public static func error(_ status: Int, code: String, message: String) -> HTTPResponse {
        var text = "{\"error\":{\"code\":"
        text += jsonQuoted(code)
        text += ",\"message\":"
        text += jsonQuoted(message)
        text += "}}"
        return json(Array(text.utf8), status: status)
    }

    public static func error(_ e: HTTPParseError) -> HTTPResponse {
        error(e.status, code: e.code, message: e.message)
    }

    /// The status line, headers and body. `keepAlive` false adds `Connection: close`;
    /// `headOnly` (for HEAD requests) keeps the length but leaves the body out.
    public func encode(keepAlive: Bool, headOnly: Bool = false) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        for h in headers { head += "\(h.name): \(h.value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if !headOnly { bytes.append(contentsOf: body) }
        return bytes
    }

    public static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }

    /// A JSON string literal for `s` (quotes, backslashes and control characters escaped).
    static func jsonQuoted(_ s: String) -> String { JSONWriter.quoted(s) }
}
