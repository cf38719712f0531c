/// The contract's machine-readable error codes, shared by every JSON error line.
public enum ProtocolErrorCode: String, Sendable, CaseIterable {
    case badJSON = "bad_json"
    case badRequest = "bad_request"
    case lineTooLong = "line_too_long"
    case unauthorized
    case notFound = "not_found"
    case rateLimited = "rate_limited"
}

/// A request the server refuses, as it goes on the wire: `{"id":…,"error":{"code":…,"message":…}}`.
/// Command handlers registered by other parts return these too, so every refusal has one shape.
public struct ProtocolError: Error, Sendable, Equatable {
    public var code: ProtocolErrorCode
    public var message: String

    public init(_ code: ProtocolErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
