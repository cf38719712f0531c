import HelpdeskCore

/// A way to send a whole line to one connection from outside its request/reply cycle: a
/// supervisor's live feed, a staff member's answer to a citizen. Pushed lines go through the
/// connection's own output buffer and back-pressure, on its own queue, so they always fall
/// between replies, never inside one. A push that would grow the buffer past its high-water mark
/// is dropped and counted (a client that does not read cannot make the server buffer without
/// bound); `push` returns immediately either way.
public protocol LineOutlet: AnyObject, Sendable {
    /// Queues `line` (without its `\n`) for the connection; dropped if the connection is gone or
    /// its output is backed up past the high-water mark.
    func push(_ line: String)
    /// Lines dropped so far because the connection's output was backed up.
    var droppedPushes: Int { get }
    /// The connection's number (unique for the server's lifetime).
    var connectionNumber: Int { get }
}

/// Hooks the protocol session calls around the desk, so a supervisor can step into a
/// conversation without the protocol knowing about supervisors. `intercept` runs before the
/// desk and may answer instead of it (a staff member has the conversation); `answered` sees
/// every desk answer (to learn where a citizen waiting for a human can be reached);
/// `connectionEnded` runs once when a connection closes. All run on the connection's event-loop thread.
public protocol ConversationRelay: Sendable {
    func intercept(_ message: Message, viaJSON: Bool, context: ConnectionContext) -> Reply?
    func answered(_ message: Message, _ reply: Reply, viaJSON: Bool, context: ConnectionContext)
    func connectionEnded(_ context: ConnectionContext)
}
