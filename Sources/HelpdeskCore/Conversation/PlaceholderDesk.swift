import Foundation
import Synchronization

/// A stand-in responder used until the intent engine and services are wired in: it answers
/// every message with a fixed acknowledgement in the user's language. TEMPORARY — to be
/// replaced by `Desk` (issue 3/4); nothing in production should depend on it.
public final class PlaceholderDesk: Responder {
    private let languages = Mutex<[String: Lang]>([:])

    public init() {}

    public func respond(to message: Message) -> Reply {
        let lang = language(of: message.user)
        let text = lang == .en
            ? "Thank you, your message was received: \(message.text)"
            : "Terima kasih, pesan Anda kami terima: \(message.text)"
        return Reply(text: text, intent: .outOfScope, confidence: 0, lang: lang, handler: "placeholder", outcome: .fallback, session: message.user)
    }

    public func language(of user: String) -> Lang {
        languages.withLock { $0[user] ?? .id }
    }

    public func setLanguage(_ lang: Lang, of user: String) {
        languages.withLock { $0[user] = lang }
    }

    public func endConversation(of user: String) {
        _ = languages.withLock { $0.removeValue(forKey: user) }
    }
}
