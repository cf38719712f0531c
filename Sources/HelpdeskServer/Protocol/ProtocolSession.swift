import Foundation
import HelpdeskCore

/// When a batch of bytes became lines: the wall-clock time for records and a monotonic instant
/// for latency and the rate limit.
public struct Arrival: Sendable {
    public var date: Date
    public var instant: ContinuousClock.Instant

    public init(date: Date = Date(), instant: ContinuousClock.Instant = .now) {
        self.date = date
        self.instant = instant
    }
}

/// Whether the connection stays open after a line.
public enum Disposition: Sendable, Equatable {
    case keepOpen
    case close
    /// The reply names a record not yet on disk (a complaint's ticket, a supervisor's update or
    /// audited access): the connection answers nothing more until every one of
    /// `awaitedDurability` reports, then calls `resolveDurability`.
    case awaitingDurability
}

/// The protocol of one connection, without the socket: takes framed lines, asks the desk or
/// the command table, appends reply bytes, records exchanges, and enforces the rate limit and
/// the consecutive-error limit. Owned by one connection and used only on its event-loop thread (it is not
/// shared), which is why it can be a plain mutable value; tests drive it directly.
public struct ProtocolSession {
    public let responder: any Responder
    public let recorder: any ExchangeRecording
    public let router: CommandRouter
    /// Lets a supervisor step into conversations (nil: the desk answers everything).
    public let relay: (any ConversationRelay)?
    public let maxLineBytes: Int
    public let maxConsecutiveErrors: Int
    public private(set) var context: ConnectionContext
    /// Set by a connection on an event loop: replies that name a record not yet on disk are held
    /// (`awaitingDurability`) instead of the desk or a command waiting for the disk. Off, they wait.
    public var awaitsDurability = false {
        didSet { context.awaitsDurability = awaitsDurability }
    }
    private var bucket: TokenBucket
    private var errorStreak = 0
    /// The user and channel of the last JSON message, reused when the next carries the same.
    private var repeated = RepeatedFields()
    /// The last user and session of this connection's JSON replies, quoted.
    private var replyMemo = ReplyMemo()
    /// The reply held until its records are on disk, with what is needed to send and record it.
    private var awaited: Held?

    /// A held reply: a citizen's (a complaint's ticket), recorded as an exchange once sent, or a
    /// command's (already encoded, see `HeldCommandReply`).
    private enum Held {
        case message(reply: Reply, message: Message, arrival: Arrival, json: (id: JSONValue?, user: String)?)
        case command(HeldCommandReply)
    }

    public init(context: ConnectionContext, configuration: ServerConfiguration, responder: any Responder,
                recorder: any ExchangeRecording, router: CommandRouter, relay: (any ConversationRelay)? = nil) {
        self.context = context
        self.relay = relay
        self.responder = responder
        self.recorder = recorder
        self.router = router
        self.maxLineBytes = configuration.maxLineBytes
        self.maxConsecutiveErrors = configuration.maxConsecutiveErrors
        self.bucket = TokenBucket(rate: configuration.rate, burst: configuration.burst)
    }

    private var lang: Lang { responder.language(of: context.connectionUser) }

    /// Answers one framed event, appending to `out`.
    public mutating func handle(_ event: FramedEvent, arrival: Arrival, into out: inout [UInt8]) -> Disposition {
        let line: String
        switch event {
        case .lineTooLong(let json):
            if json {
                ReplyEncoder.error(ProtocolError(.lineTooLong, "line longer than \(maxLineBytes) bytes; it was discarded"), id: nil, into: &out)
            } else {
                ReplyEncoder.human(ServerPhrases.lineTooLong(maxLineBytes, lang), into: &out)
            }
            return failed(&out)
        case .line(let l):
            line = l
        }
        if line.isEmpty { return .keepOpen }
        let isJSON = line.utf8.first == UInt8(ascii: "{")
        guard bucket.take(at: arrival.instant) else {
            if isJSON {
                let id = (try? JSONParser.parse(line))?["id"]
                ReplyEncoder.error(ProtocolError(.rateLimited, "too many requests; slow down"), id: id, into: &out)
            } else {
                ReplyEncoder.human(ServerPhrases.rateLimited(lang), into: &out)
            }
            return failed(&out)
        }
        if isJSON, router.hasBuiltInPing, PingShortcut.answer(line, into: &out) {
            errorStreak = 0
            return .keepOpen
        }
        switch RequestDecoder.decode(line, repeated: &repeated) {
        case .failure(let failure):
            ReplyEncoder.error(failure.error, id: failure.id, into: &out)
            return failed(&out)
        case .success(.message(let id, let user, let channel, let text)):
            let user = user ?? context.connectionUser
            let message = Message(user: user, channel: channel ?? "tcp", text: text, arrived: arrival.date,
                                  awaitsDurability: awaitsDurability)
            let reply = respond(message, viaJSON: true)
            if reply.durability != nil {
                errorStreak = 0
                awaited = .message(reply: reply, message: message, arrival: arrival, json: (id, user))
                return .awaitingDurability
            }
            ReplyEncoder.message(reply, id: id, user: user, into: &out, memo: &replyMemo)
            record(message, reply, arrival)
        case .success(.command(let id, let name, let body)):
            let start = out.count
            switch router.run(name, request: body, context: &context) {
            case .success(let members):
                ReplyEncoder.result(members, id: id, into: &out)
                if let held = holdIfAwaiting(from: start, of: &out, id: id, slash: false, isError: false) { return held }
            case .failure(let error):
                ReplyEncoder.error(error, id: id, into: &out)
                if let held = holdIfAwaiting(from: start, of: &out, id: id, slash: false, isError: true) { return held }
                return failed(&out)
            }
        case .success(.slash(let name, let argument)):
            return slash(name, argument, into: &out)
        case .success(.text(let text)):
            let message = Message(user: context.connectionUser, channel: "tcp", text: text, arrived: arrival.date,
                                  awaitsDurability: awaitsDurability)
            let reply = respond(message, viaJSON: false)
            if reply.durability != nil {
                errorStreak = 0
                awaited = .message(reply: reply, message: message, arrival: arrival, json: nil)
                return .awaitingDurability
            }
            ReplyEncoder.human(reply.text, into: &out)
            record(message, reply, arrival)
        }
        errorStreak = 0
        return .keepOpen
    }

    /// The records the held reply waits for (after `handle` said `awaitingDurability`).
    public var awaitedDurability: [PendingSync] {
        switch awaited {
        case .message(let reply, _, _, _)?: reply.durability.map { [$0.pending] } ?? []
        case .command(let held)?: held.records.map(\.pending)
        case nil: []
        }
    }

    /// Appends the held reply, or if one of its records did not reach the disk the reply saying
    /// so; a citizen's exchange is recorded (its latency includes the wait for the disk).
    /// `durable[i]` is the outcome of `awaitedDurability[i]`.
    public mutating func resolveDurability(_ durable: [Bool], into out: inout [UInt8]) {
        guard let held = awaited else { return }
        awaited = nil
        switch held {
        case .command(let command):
            if command.resolve(durable, into: &out) { errorStreak += 1 }
        case .message(let original, let message, let arrival, let json):
            var reply = durable.allSatisfy { $0 } ? original : original.undurable
            reply.durability = nil
            if let json {
                ReplyEncoder.message(reply, id: json.id, user: json.user, into: &out)
            } else {
                ReplyEncoder.human(reply.text, into: &out)
            }
            record(message, reply, arrival)
        }
    }

    /// When the command just answered made its reply depend on records (`context.dependOn`),
    /// takes that reply (`out[start...]`) back out of `out` and holds it until they are durable.
    private mutating func holdIfAwaiting(from start: Int, of out: inout [UInt8], id: JSONValue?, slash: Bool,
                                         isError: Bool) -> Disposition? {
        let records = context.takeAwaitedRecords()
        guard !records.isEmpty else { return nil }
        let bytes = Array(out[start...])
        out.removeSubrange(start...)
        if !isError { errorStreak = 0 }
        awaited = .command(HeldCommandReply(bytes: bytes, records: records, id: id, slash: slash, isError: isError))
        return .awaitingDurability
    }

    /// Forgets the connection's own conversation (called once, when the connection closes).
    public func end() {
        responder.endConversation(of: context.connectionUser)
        relay?.connectionEnded(context)
    }

    /// The desk's answer, unless a supervisor has the conversation (then the relay's).
    private func respond(_ message: Message, viaJSON: Bool) -> Reply {
        // Each path returns a call's result (written straight into the caller's reply): a
        // `Reply` merged from several branches was copied and the original destroyed.
        guard let relay else { return responder.respond(to: message) }
        return relayed(message, viaJSON: viaJSON, relay: relay)
    }

    /// The reply while a relay is installed: a supervisor's, or the desk's (shown to the relay).
    @inline(never)
    private func relayed(_ message: Message, viaJSON: Bool, relay: any ConversationRelay) -> Reply {
        if let staff = relay.intercept(message, viaJSON: viaJSON, context: context) { return staff }
        let reply = responder.respond(to: message)
        relay.answered(message, reply, viaJSON: viaJSON, context: context)
        return reply
    }

    private mutating func slash(_ name: String, _ argument: String, into out: inout [UInt8]) -> Disposition {
        switch name {
        case "help", "bantuan", "?":
            ReplyEncoder.human(ServerPhrases.help(lang), into: &out)
        case "lang", "bahasa":
            if let chosen = Lang(rawValue: argument.lowercased()) {
                responder.setLanguage(chosen, of: context.connectionUser)
                ReplyEncoder.human(ServerPhrases.languageSet(chosen), into: &out)
            } else {
                ReplyEncoder.human(ServerPhrases.languageUsage(lang), into: &out)
            }
        case "quit", "exit", "keluar":
            ReplyEncoder.human(ServerPhrases.goodbye(lang), into: &out)
            return .close
        default:
            if let result = router.runSlash(name, argument: argument, context: &context) {
                let start = out.count
                ReplyEncoder.human(result.text, into: &out)
                if let held = holdIfAwaiting(from: start, of: &out, id: nil, slash: true, isError: !result.ok) { return held }
                if !result.ok { return failed(&out) }
            } else {
                ReplyEncoder.human(ServerPhrases.unknownCommand(name, lang), into: &out)
                return failed(&out)
            }
        }
        errorStreak = 0
        return .keepOpen
    }

    private mutating func failed(_ out: inout [UInt8]) -> Disposition {
        errorStreak += 1
        guard errorStreak >= maxConsecutiveErrors else { return .keepOpen }
        ReplyEncoder.human(ServerPhrases.tooManyErrors, into: &out)
        return .close
    }

    /// Hands the exchange to the recorder; `message` and `reply` are taken (their last use): the
    /// message's strings are moved out of it (swapped with empty ones) and the reply moved in,
    /// instead of each string being retained for the exchange and released with the message.
    private func record(_ message: consuming Message, _ reply: consuming Reply, _ arrival: Arrival) {
        let micros = Self.micros(ContinuousClock.now - arrival.instant)
        var message = message
        recorder.record(Exchange(session: reply.session, channel: Self.take(&message.channel), user: Self.take(&message.user),
                                 arrived: arrival.date, replied: Date(), latencyMicros: micros,
                                 message: Self.take(&message.text), reply: reply))
    }

    /// Whole microseconds of `d` (truncated), as `components` gives them: one 64-bit division
    /// while `d` fits in 64 bits of attoseconds (about 9 s), where `components` divided 128 bits.
    static func micros(_ d: Duration) -> Int64 {
        if let atto = Int64(exactly: d.attoseconds) { return atto / 1_000_000_000_000 }
        let (s, atto) = d.components
        return s * 1_000_000 + atto / 1_000_000_000_000
    }

    /// The string, leaving an empty one in its place (no retain or release).
    @inline(__always) private static func take(_ s: inout String) -> String {
        var taken = ""
        swap(&taken, &s)
        return taken
    }
}
