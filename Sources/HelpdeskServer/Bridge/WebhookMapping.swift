/// Maps the generic webhook body `{"user":…,"text":…,"channel":…}` to an `InboundMessage`.
/// It exists to keep conversations of different channels apart: the user is prefixed with the
/// channel (`web:alice`, `whatsapp:62812…`) unless it already starts with that channel's prefix,
/// so a `user` of `tg:5512` arriving on the web channel becomes `web:tg:5512`, not a Telegram user.
public enum WebhookMapping {
    public static let defaultChannel = "web"
    public static let maxUserLength = 200
    public static let maxTextLength = 4000

    public static func message(from body: [UInt8]) throws(BridgeRequestError) -> InboundMessage {
        guard let object = BridgeJSON.object(body) else {
            if BridgeJSON.isValid(body) { throw BridgeRequestError(code: "bad_request", "the body must be a JSON object") }
            throw BridgeRequestError(code: "bad_json", "the body is not valid JSON")
        }
        guard let user = object.string("user"), !user.isEmpty else {
            throw BridgeRequestError(code: "bad_request", object.isNonString("user") ? "\"user\" must be a string" : "\"user\" is required")
        }
        guard user.count <= maxUserLength, !user.contains(where: { $0.isNewline }) else {
            throw BridgeRequestError(code: "bad_request", "\"user\" must be one line of at most \(maxUserLength) characters")
        }
        guard let text = object.string("text") else {
            throw BridgeRequestError(code: "bad_request", object.isNonString("text") ? "\"text\" must be a string" : "\"text\" is required")
        }
        guard !text.allSatisfy({ $0.isWhitespace }) else { throw BridgeRequestError(code: "bad_request", "\"text\" is empty") }
        guard text.count <= maxTextLength else {
            throw BridgeRequestError(code: "bad_request", "\"text\" is longer than \(maxTextLength) characters")
        }
        var channel = defaultChannel
        if object.has("channel") {
            guard let c = object.string("channel"), isValidChannel(c) else {
                throw BridgeRequestError(code: "bad_request", "\"channel\" must be 1 to 32 characters of a-z, 0-9, _ or -")
            }
            channel = c
        }
        let prefixed = user.hasPrefix(channel + ":") ? user : channel + ":" + user
        return InboundMessage(user: prefixed, channel: channel, text: text)
    }

    static func isValidChannel(_ c: String) -> Bool {
        !c.isEmpty && c.utf8.count <= 32 && c.utf8.allSatisfy { b in
            (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 95 || b == 45
        }
    }
}
