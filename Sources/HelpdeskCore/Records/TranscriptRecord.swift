import Foundation

/// One transcript line as stored on disk: what the writer produces from an `Exchange` (after
/// redaction and pseudonymisation) and what the reader, the report and the supervisor's
/// `transcript` command get back. Keeping the schema in one type keeps writer and reader in step.
///
/// Field order on disk: `seq`, `prev`, `session`, `channel`, `user`, `arrived`, `replied`,
/// `latency_us`, `intent`, `confidence`, `lang`, `handler`, `outcome`, `entities`, `message`,
/// `reply`, and `ticket` when there is one.
public struct TranscriptRecord: Sendable, Equatable {
    public struct EntityValue: Sendable, Equatable {
        public var kind: String
        public var value: String
        public init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }

    public var seq: Int
    public var prev: String
    public var session: String
    public var channel: String
    public var user: String
    public var arrived: Date
    public var replied: Date
    public var latencyMicros: Int64
    public var intent: String
    public var confidence: Double
    public var lang: String
    public var handler: String
    public var outcome: String
    public var entities: [EntityValue]
    public var message: String
    public var reply: String
    public var ticket: String?

    public init(seq: Int = 0, prev: String = HashChain.genesis, session: String, channel: String, user: String,
                arrived: Date, replied: Date, latencyMicros: Int64, intent: String, confidence: Double,
                lang: String, handler: String, outcome: String, entities: [EntityValue] = [],
                message: String, reply: String, ticket: String? = nil) {
        self.seq = seq
        self.prev = prev
        self.session = session
        self.channel = channel
        self.user = user
        self.arrived = arrived
        self.replied = replied
        self.latencyMicros = latencyMicros
        self.intent = intent
        self.confidence = confidence
        self.lang = lang
        self.handler = handler
        self.outcome = outcome
        self.entities = entities
        self.message = message
        self.reply = reply
        self.ticket = ticket
    }

    /// What a data-rights exchange (handler `privacy`) keeps instead of the user, message and reply:
    /// asking to be erased must not write the person back into the files just cleaned.
    public static let privacyMessage = "[permintaan data pribadi]"
    public static let privacyReply = "[jawaban data pribadi]"

    /// The record for `exchange` with personal data masked and the user pseudonymised; a
    /// data-rights exchange keeps neither user nor texts.
    public init(_ exchange: Exchange, redactor: Redactor, pseudonym: Pseudonym) {
        self.init(exchange, redactor: redactor, pseudonymOf: { pseudonym.of($0) })
    }

    /// The same, with the pseudonym found by `pseudonymOf` (the writer keeps them cached).
    init(_ exchange: Exchange, redactor: Redactor, pseudonymOf: (String) -> String) {
        let r = exchange.reply
        if r.handler == "privacy" {
            self.init(session: exchange.session.isEmpty ? r.session : exchange.session, channel: exchange.channel,
                      user: ComplaintJournal.erasedMark, arrived: exchange.arrived, replied: exchange.replied,
                      latencyMicros: exchange.latencyMicros, intent: r.intent.rawValue, confidence: r.confidence,
                      lang: r.lang.rawValue, handler: r.handler, outcome: r.outcome.rawValue,
                      message: Self.privacyMessage, reply: Self.privacyReply, ticket: nil)
            return
        }
        self.init(session: exchange.session.isEmpty ? r.session : exchange.session,
                  channel: exchange.channel, user: pseudonymOf(exchange.user),
                  arrived: exchange.arrived, replied: exchange.replied, latencyMicros: exchange.latencyMicros,
                  intent: r.intent.rawValue, confidence: r.confidence, lang: r.lang.rawValue,
                  handler: r.handler, outcome: r.outcome.rawValue,
                  entities: r.entities.map { EntityValue(kind: $0.kind.rawValue, value: TranscriptRecord.redactedValue($0, redactor)) },
                  message: redactor.redact(exchange.message), reply: redactor.redact(r.text), ticket: r.ticket)
    }

    static func redactedValue(_ e: Entity, _ redactor: Redactor) -> String {
        switch e.kind {
        case .nik: Redactor.nik
        case .nip: Redactor.nip
        case .phone: Redactor.phone
        case .email: Redactor.email
        default: redactor.redact(e.value)
        }
    }

    /// The JSON line (without the newline).
    public func jsonLine() -> String {
        var out: [UInt8] = []
        appendJSONLine(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON line's bytes (without the newline) to `out`. The flush writes the same
    /// bytes into its own buffer (`TranscriptLine.swift`) and hashes each line where it lies.
    public func appendJSONLine(to out: inout [UInt8]) {
        var line = LineBuffer(capacity: 1024)
        var times = TimestampCache()
        appendJSONLine(to: &line, times: &times)
        out.append(contentsOf: line.bytes(from: 0))
    }

    /// Reads a record back from a parsed JSON object; a missing or mistyped field is named.
    public init(json o: JSONObject) throws(FieldError) {
        func str(_ k: String) throws(FieldError) -> String {
            guard let v = o[k]?.stringValue else { throw FieldError(field: k) }
            return v
        }
        func num(_ k: String) throws(FieldError) -> Double {
            guard let v = o[k]?.doubleValue else { throw FieldError(field: k) }
            return v
        }
        func time(_ k: String) throws(FieldError) -> Date {
            guard let d = TranscriptRecord.parseTimestamp(try str(k)) else { throw FieldError(field: k) }
            return d
        }
        let ents = (o["entities"]?.arrayValue ?? []).map {
            EntityValue(kind: $0["kind"]?.stringValue ?? "", value: $0["value"]?.stringValue ?? "")
        }
        self.init(seq: Int(try num("seq")), prev: try str("prev"), session: try str("session"),
                  channel: try str("channel"), user: try str("user"), arrived: try time("arrived"),
                  replied: try time("replied"), latencyMicros: Int64(try num("latency_us")),
                  intent: try str("intent"), confidence: try num("confidence"), lang: o["lang"]?.stringValue ?? "",
                  handler: o["handler"]?.stringValue ?? "", outcome: o["outcome"]?.stringValue ?? "",
                  entities: ents, message: try str("message"), reply: o["reply"]?.stringValue ?? "",
                  ticket: o["ticket"]?.stringValue)
    }

    /// A missing or mistyped field in a stored record.
    public struct FieldError: Error, Sendable {
        public var field: String
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS(.fff)Z` as written by `Timestamp.iso8601`.
    public static func parseTimestamp(_ s: String) -> Date? {
        let u = Array(s.utf8)
        guard u.count >= 20, u[4] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T"), u.last == UInt8(ascii: "Z") else { return nil }
        func int(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { let d = Int(u[i]) - 48; guard (0...9).contains(d) else { return nil }; n = n * 10 + d }
            return n
        }
        guard let days = JakartaTime.dayNumber(String(decoding: u[0..<10], as: UTF8.self)),
              let h = int(11..<13), let mi = int(14..<16), let se = int(17..<19) else { return nil }
        var frac = 0.0
        if u.count > 21, u[19] == UInt8(ascii: "."), let f = int(20..<(u.count - 1)) {
            frac = Double(f) / pow(10, Double(u.count - 21))
        }
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + se) + frac)
    }
}
