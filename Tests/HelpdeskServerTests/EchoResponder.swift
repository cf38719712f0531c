import Foundation
import Synchronization
import HelpdeskCore

/// A small responder for network tests: it echoes every message in the user's language, so a
/// test can see exactly which text reached the desk without the intent model in the way. The
/// server itself always runs the real `Desk`.
final class EchoResponder: Responder {
    private let languages = Mutex<[String: Lang]>([:])

    init() {}

    func respond(to message: Message) -> Reply {
        let lang = language(of: message.user)
        let text = lang == .en
            ? "Thank you, your message was received: \(message.text)"
            : "Terima kasih, pesan Anda kami terima: \(message.text)"
        return Reply(text: text, intent: .outOfScope, confidence: 0, lang: lang, handler: "placeholder", outcome: .fallback, session: message.user)
    }

    func language(of user: String) -> Lang {
        languages.withLock { $0[user] ?? .id }
    }

    func setLanguage(_ lang: Lang, of user: String) {
        languages.withLock { $0[user] = lang }
    }

    func endConversation(of user: String) {
        _ = languages.withLock { $0.removeValue(forKey: user) }
    }
}
