/// The seam between the network and the engine: the server hands every human or JSON message
/// to a `Responder` and writes back what it returns. The real one is `Desk`; tests may use
/// a smaller one. Implementations are safe to call concurrently from many connections.
public protocol Responder: Sendable {
    /// Answers one message. May block briefly for durable writes (a complaint is fsynced
    /// before its ticket is returned), so callers run it off any shared event loop thread.
    func respond(to message: Message) -> Reply
    /// The language the conversation keyed by `user` is held in (`/lang` changes it).
    func language(of user: String) -> Lang
    func setLanguage(_ lang: Lang, of user: String)
    /// Forgets per-user conversation state when a telnet connection (which is its own user) closes.
    func endConversation(of user: String)
}
