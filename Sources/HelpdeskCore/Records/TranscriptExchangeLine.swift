import Foundation

/// The transcript writer's way to a line: the bytes of `TranscriptRecord(exchange, ...)` with
/// `seq` and `prev` from the chain, written straight from the `Exchange` into the flush buffer.
/// Building the record copied a dozen strings and an entity array per line only to read them
/// once (their retains and releases were a tenth of the flush outside SHA-256), and `prev` is
/// hex-encoded from the chain's 32 bytes instead of made a `String`. Tested byte for byte
/// against the record's own `jsonLine()` (`TranscriptExchangeLineTests`). The reply's quoted,
/// redacted bytes and the user's quoted pseudonym come from the writer's `TranscriptLineCaches`.
extension Exchange {
    /// Appends the line (without its newline) that the chain's next `seq`/`prev` give this exchange.
    func appendTranscriptLine(chain: borrowing HashChain, redactor: Redactor, pseudonymOf: (String) -> String,
                              to out: inout LineBuffer, times: inout TimestampCache, caches: inout TranscriptLineCaches) {
        out.append("{\"seq\":")
        out.appendDecimal(Int64(chain.seq + 1))
        out.append(",\"prev\":")
        chain.appendQuotedPrev(to: &out)
        let privacy = reply.handler == "privacy"
        out.appendTranscriptFields(
            session: session.isEmpty ? reply.session : session, channel: channel,
            user: { line in
                if privacy { line.appendQuoted(ComplaintJournal.erasedMark) } else {
                    caches.users.append(user, to: &line) { pseudonymOf(String(decoding: $0, as: UTF8.self)) }
                }
            },
            arrived: arrived, replied: replied, latencyMicros: latencyMicros,
            intent: reply.intent.rawValue, confidence: reply.confidence, lang: reply.lang.rawValue,
            handler: reply.handler, outcome: reply.outcome.rawValue,
            entityCount: privacy ? 0 : reply.entities.count,
            entity: { (reply.entities[$0].kind.rawValue, TranscriptRecord.redactedValue(reply.entities[$0], redactor)) },
            message: privacy ? TranscriptRecord.privacyMessage : redactor.redact(message),
            reply: { line in
                if privacy { line.appendQuoted(TranscriptRecord.privacyReply) } else {
                    caches.replies.append(reply.text, to: &line) { redactor.redact(text: $0) }
                }
            },
            ticket: privacy ? nil : reply.ticket, times: &times)
    }
}
