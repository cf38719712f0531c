import Foundation

/// One message from a person, as the protocol layer hands it to the desk: who (the `user` key
/// of the conversation), through which channel, what they wrote, and when it arrived.
public struct Message: Sendable, Equatable {
    public var user: String
    public var channel: String
    public var text: String
    public var arrived: Date
    /// The caller holds the reply until `Reply.durability` reports its records on disk (the
    /// event loops do, so they never wait for the disk); otherwise the desk waits itself.
    public var awaitsDurability: Bool

    public init(user: String, channel: String = "tcp", text: String, arrived: Date, awaitsDurability: Bool = false) {
        self.user = user
        self.channel = channel
        self.text = text
        self.arrived = arrived
        self.awaitsDurability = awaitsDurability
    }
}

/// What happened in an exchange, for transcripts and metrics.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case answered
    case askedForMore = "asked_for_more"
    case fallback
    case handedOff = "handed_off"
    case complaintFiled = "complaint_filed"
}

/// The desk's answer to one message. `text` may hold several lines (separated by `\n`);
/// the protocol layer writes them as lines for people and as one JSON string for adapters.
public struct Reply: Sendable, Equatable {
    public var text: String
    public var intent: IntentLabel
    public var confidence: Double
    public var lang: Lang
    /// Which service handler produced the reply (`schedule`, `registration`, `complaint`, ...).
    public var handler: String
    public var outcome: Outcome
    public var entities: [Entity]
    /// Set only once a complaint is durably on disk.
    public var ticket: String?
    /// Quick-reply suggestions for adapters that can show buttons.
    public var options: [String]
    /// The conversation this exchange belongs to (a user's sessions expire and start anew).
    public var session: String
    /// Set when the reply names a record not yet on disk (only for a message that
    /// `awaitsDurability`): the reply must not be sent before `pending` reports it durable.
    public var durability: Durability?

    /// A record the reply depends on, on its way to disk, and what to say if it never gets there.
    public struct Durability: Sendable, Equatable {
        public let pending: PendingSync
        /// Replaces the reply's text (and its ticket is dropped) if the record is not saved.
        public let failureText: String

        public init(pending: PendingSync, failureText: String) {
            self.pending = pending
            self.failureText = failureText
        }
    }

    /// An empty reply for a handler to fill in place (`Desk.respond`): its strings are empty and
    /// its arrays the shared empty storage, so filling it frees nothing. A constant: building a
    /// `Reply` with an initializer built it in memory, copied it out and destroyed the original.
    static let blank = Reply(text: "", intent: .help, confidence: 0, lang: .id, handler: "", outcome: .answered)

    /// Becomes `Reply(text: ..., ...)` field by field: assigning a whole new `Reply` (a value
    /// this large is built in memory) copied it, retaining its strings, and destroyed the original.
    @inline(__always)
    mutating func fill(text: String, intent: IntentLabel, confidence: Double, lang: Lang, handler: String,
                       outcome: Outcome, entities: [Entity] = [], ticket: String? = nil, options: [String] = []) {
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.lang = lang
        self.handler = handler
        self.outcome = outcome
        self.entities = entities
        self.ticket = ticket
        self.options = options
        self.session = ""
        self.durability = nil
    }

    /// The reply to send when the record it depends on could not be saved.
    public var undurable: Reply {
        var r = self
        if let durability { r.text = durability.failureText }
        r.ticket = nil
        r.outcome = .fallback
        r.durability = nil
        return r
    }

    public init(text: String, intent: IntentLabel, confidence: Double, lang: Lang, handler: String,
                outcome: Outcome, entities: [Entity] = [], ticket: String? = nil, options: [String] = [],
                session: String = "") {
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.lang = lang
        self.handler = handler
        self.outcome = outcome
        self.entities = entities
        self.ticket = ticket
        self.options = options
        self.session = session
    }
}
