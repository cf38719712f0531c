import Foundation

/// Writes a `TranscriptRecord` as its JSON line straight into a `LineBuffer`: keys and
/// punctuation are literals, strings go through the shared escaper in one pass, numbers and
/// times are written as digits in place. The bytes are exactly those of the field-by-field
/// `JSONLineWriter` form it replaced (pinned by `TranscriptGoldenTests`).
extension TranscriptRecord {
    /// Appends the line (without its newline); `times` remembers the last second it formatted.
    func appendJSONLine(to out: inout LineBuffer, times: inout TimestampCache) {
        out.append("{\"seq\":")
        out.appendDecimal(Int64(seq))
        out.append(",\"prev\":")
        out.appendQuoted(prev)
        out.appendTranscriptFields(
            session: session, channel: channel, user: { $0.appendQuoted(user) }, arrived: arrived, replied: replied,
            latencyMicros: latencyMicros, intent: intent, confidence: confidence, lang: lang, handler: handler,
            outcome: outcome, entityCount: entities.count, entity: { (entities[$0].kind, entities[$0].value) },
            message: message, reply: { $0.appendQuoted(reply) }, ticket: ticket, times: &times)
    }
}

extension LineBuffer {
    /// Appends a transcript line's fields after `prev`, from `,"session":` to the closing brace:
    /// the one place that lays them out, for a `TranscriptRecord` and for the writer's line made
    /// straight from an `Exchange` (`TranscriptExchangeLine.swift`). `reply` appends the quoted reply
    /// and `user` the quoted user (the writer's come from its `TranscriptLineCaches`).
    @inline(__always)
    mutating func appendTranscriptFields(
        session: String, channel: String, user: (inout LineBuffer) -> Void, arrived: Date, replied: Date, latencyMicros: Int64,
        intent: String, confidence: Double, lang: String, handler: String, outcome: String,
        entityCount: Int, entity: (Int) -> (kind: String, value: String),
        message: String, reply: (inout LineBuffer) -> Void, ticket: String?, times: inout TimestampCache
    ) {
        append(",\"session\":")
        appendQuoted(session)
        append(",\"channel\":")
        appendQuoted(channel)
        append(",\"user\":")
        user(&self)
        append(",\"arrived\":\"")
        times.append(arrived, to: &self)
        append("\",\"replied\":\"")
        times.append(replied, to: &self)
        append("\",\"latency_us\":")
        appendDecimal(latencyMicros)
        append(",\"intent\":")
        appendQuoted(intent)
        append(",\"confidence\":")
        appendNumber(confidence)
        append(",\"lang\":")
        appendQuoted(lang)
        append(",\"handler\":")
        appendQuoted(handler)
        append(",\"outcome\":")
        appendQuoted(outcome)
        append(",\"entities\":[")
        for i in 0..<entityCount {
            let e = entity(i)
            append(i == 0 ? "{\"kind\":" : ",{\"kind\":")
            appendQuoted(e.kind)
            append(",\"value\":")
            appendQuoted(e.value)
            append(UInt8(ascii: "}"))
        }
        append("],\"message\":")
        appendQuoted(message)
        append(",\"reply\":")
        reply(&self)
        if let ticket {
            append(",\"ticket\":")
            appendQuoted(ticket)
        }
        append(UInt8(ascii: "}"))
    }
}

/// `Timestamp.iso8601` written into a `LineBuffer`, with the `YYYY-MM-DDTHH:MM:SS.` part kept
/// for the last second seen: the lines of one flush mostly share their seconds, so only the
/// milliseconds are new. Same arithmetic as `Timestamp.iso8601`, which it falls back to outside
/// years 0-9999.
struct TimestampCache {
    private var second = Int64.min
    private var valid = false
    /// `YYYY-MM-DDTHH:MM:SS.` of `second`.
    private var prefix: (UInt64, UInt64, UInt32) = (0, 0, 0)

    mutating func append(_ date: Date, to out: inout LineBuffer) {
        let t = date.timeIntervalSince1970
        let secs = Int64(t.rounded(.down))
        let millis = Int((t - Double(secs)) * 1000)
        if secs != second { fill(secs) }
        guard valid, (0...999).contains(millis) else {
            out.append(contentsOf: Timestamp.iso8601(date))
            return
        }
        out.reserve(24)
        let at = out.base + out.count
        withUnsafeBytes(of: prefix) { UnsafeMutableRawPointer(at).copyMemory(from: $0.baseAddress!, byteCount: 20) }
        at[20] = UInt8(truncatingIfNeeded: 48 + millis / 100)
        at[21] = UInt8(truncatingIfNeeded: 48 + millis / 10 % 10)
        at[22] = UInt8(truncatingIfNeeded: 48 + millis % 10)
        at[23] = UInt8(ascii: "Z")
        out.advance(24)
    }

    private mutating func fill(_ secs: Int64) {
        second = secs
        let days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        let (y, m, d) = Timestamp.civil(fromDays: Int(days))
        let sod = Int(secs - days * 86_400)
        valid = (0...9999).contains(y)
        guard valid else { return }
        withUnsafeMutableBytes(of: &prefix) { raw in
            Timestamp.writeSecond(y, m, d, secondOfDay: sod, to: raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
}
