import HelpdeskCore

/// Reply → bytes, for both audiences: one JSON line for programs (the contract's field order:
/// id, user, intent, confidence, lang, reply, then ticket/options when present, then session)
/// and plain lines for people. Appends to the connection's output buffer; allocates nothing else.
public enum ReplyEncoder {
    public static func message(_ reply: Reply, id: JSONValue?, user: String, into out: inout [UInt8]) {
        var memo = ReplyMemo()
        message(reply, id: id, user: user, into: &out, memo: &memo)
    }

    /// `message`, with the connection's `memo` of its last user and session: the repeating parts
    /// (the user, the intent and language members with their keys, the session) are copied as
    /// bytes (`ReplySegments`, `ReplyMemo`), the reply text through the loop's `ReplyQuoteCache`.
    static func message(_ reply: Reply, id: JSONValue?, user: String, into out: inout [UInt8], memo: inout ReplyMemo) {
        // Every member follows `"id"`, so each key is written with its comma as one constant
        // (what `field` would write, without escaping the key each time).
        line(id: id, into: &out) { w in
            memo.user.append(user, to: &w.bytes)  // with its key
            w.bytes.append(contentsOf: ReplySegments.intents[reply.intent.ordinal])
            confidence(reply.confidence, into: &w)
            w.bytes.append(contentsOf: ReplySegments.langs[reply.lang.ordinal])
            ReplyQuoteCache.withCurrent { $0.appendQuoted(reply.text, to: &w.bytes) }
            if let ticket = reply.ticket {
                w.raw(#","ticket":"#); w.string(ticket)
            }
            if !reply.options.isEmpty {
                w.raw(#","options":"#); w.beginArray()
                for option in reply.options {
                    w.element(); w.string(option)
                }
                w.endArray()
            }
            memo.session.append(reply.session, to: &w.bytes)  // with its key
        }
    }

    /// `confidence` to three decimals, written as `JSONWriter.number` writes it: for 0 < c < 1
    /// that is "0." and the thousandths without trailing zeros (`Double.description`, which
    /// `number` uses for fractions, cost ~700 instructions per reply); anything else goes to `number`.
    static func confidence(_ c: Double, into w: inout JSONWriter) {
        let thousandths = (c * 1000).rounded()
        guard thousandths > 0, thousandths < 1000 else { return w.number(thousandths / 1000) }
        var n = Int(thousandths)
        var digits = 3
        while n % 10 == 0 { n /= 10; digits -= 1 }
        w.bytes.append(UInt8(ascii: "0"))
        w.bytes.append(UInt8(ascii: "."))
        var scale = digits == 3 ? 100 : digits == 2 ? 10 : 1
        while scale > 0 {
            w.bytes.append(UInt8(ascii: "0") + UInt8(n / scale % 10))
            scale /= 10
        }
    }

    /// `{"id":…, <members>}` for a command's success.
    public static func result(_ members: JSONObject, id: JSONValue?, into out: inout [UInt8]) {
        line(id: id, into: &out) { w in
            for m in members.members {
                w.field(m.key); w.value(m.value)
            }
        }
    }

    /// `{"id":…,"error":{"code":…,"message":…}}`; `id` is `null` when the request had none.
    public static func error(_ error: ProtocolError, id: JSONValue?, into out: inout [UInt8]) {
        line(id: id, into: &out) { w in
            w.field("error"); w.beginObject()
            w.field("code"); w.string(error.code.rawValue)
            w.field("message"); w.string(error.message)
            w.endObject()
        }
    }

    /// Text for people: each line of `text` ends in `\n`.
    public static func human(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
        out.append(0x0A)
    }

    /// One JSON line `{"id":…, <members>}` appended to `out`: the writer works in `out`'s own
    /// storage (swapped in and back), so nothing is copied or allocated beyond its growth.
    @inline(__always)
    private static func line(id: JSONValue?, into out: inout [UInt8], _ members: (inout JSONWriter) -> Void) {
        var w = JSONWriter(capacity: 0)   // its own buffer is never used: no allocation
        swap(&w.bytes, &out)
        w.raw(#"{"id":"#)
        if let id { w.value(id) } else { w.null() }
        members(&w)
        w.endObject()
        w.bytes.append(0x0A)
        swap(&w.bytes, &out)
    }
}
