/// Maps Telegram's webhook traffic both ways. In: an `Update` whose `message` has `text`
/// becomes a message from user `tg:<chat id>` on channel `telegram`. Out: the helpdesk's reply
/// becomes a `sendMessage` method in the webhook response body, so Telegram delivers it without
/// the bridge ever holding a bot token.
///
/// Updates the helpdesk cannot answer (stickers, photos, edited messages, callback queries,
/// channel posts, membership changes) are acknowledged with `200` and an empty body: Telegram
/// then considers them delivered and does not retry, and the chat is not spammed with
/// "I only understand text" after every sticker.
public enum TelegramMapping {
    /// Telegram refuses messages longer than this many characters.
    public static let maxMessageLength = 4096

    public enum Update: Sendable, Equatable {
        /// A text message: `chatID` is the chat id as decimal text (it can exceed 32 bits).
        case text(chatID: String, text: String)
        /// Anything else, with a short reason for the debug log.
        case ignored(String)
    }

    public static func update(from body: [UInt8]) throws(BridgeRequestError) -> Update {
        guard let object = BridgeJSON.object(body) else {
            if BridgeJSON.isValid(body) { throw BridgeRequestError(code: "bad_request", "a Telegram update must be a JSON object") }
            throw BridgeRequestError(code: "bad_json", "the body is not valid JSON")
        }
        guard object.integerText("update_id") != nil else {
            throw BridgeRequestError(code: "bad_request", "not a Telegram update: \"update_id\" is missing")
        }
        guard let message = object.object("message") else {
            return .ignored("update without a new message")
        }
        guard let chatID = message.object("chat")?.integerText("id") else {
            throw BridgeRequestError(code: "bad_request", "the message has no chat id")
        }
        guard let text = message.string("text"), !text.allSatisfy({ $0.isWhitespace }) else {
            return .ignored("message without text")
        }
        return .text(chatID: chatID, text: text)
    }

    public static func message(chatID: String, text: String) -> InboundMessage {
        InboundMessage(user: "tg:" + chatID, channel: "telegram", text: text)
    }

    /// `{"method":"sendMessage","chat_id":…,"text":…}` with the text cut to Telegram's limit.
    public static func sendMessage(chatID: String, text: String) -> [UInt8] {
        var t = text
        if t.count > maxMessageLength { t = String(t.prefix(maxMessageLength - 1)) + "…" }
        let body = "{\"method\":\"sendMessage\",\"chat_id\":\(chatID),\"text\":\(HTTPResponse.jsonQuoted(t))}"
        return Array(body.utf8)
    }
}
