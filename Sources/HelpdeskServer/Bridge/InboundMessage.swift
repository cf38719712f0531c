/// A message the bridge forwards upstream, already mapped from whatever shape it arrived in
/// (generic webhook JSON or a Telegram update): the conversation key (prefixed by channel so
/// conversations never mix across channels), the channel name and the text.
public struct InboundMessage: Sendable, Equatable {
    public var user: String
    public var channel: String
    public var text: String

    public init(user: String, channel: String, text: String) {
        self.user = user
        self.channel = channel
        self.text = text
    }
}

/// A request body the bridge refuses, with the status and error code the client sees.
public struct BridgeRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String

    public init(_ status: Int = 400, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status) \(code): \(message)" }

    public var response: HTTPResponse { .error(status, code: code, message: message) }
}
