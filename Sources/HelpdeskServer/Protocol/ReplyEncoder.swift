import HelpdeskCore

/// Reply → bytes, for both audiences: one JSON line for programs (the contract's field order:
/// id, user, intent, confidence, lang, reply, then ticket/options when present, then session)
/// and plain lines for people. Appends to the connection's output buffer; allocates nothing else.
public enum ReplyEncoder {
    public static func message(_ reply: Reply, id: JSONValue?, user: String, into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.bytes, &out)
        w.beginObject()
        writeID(id, &w)
        w.field("user"); w.string(user)
        w.field("intent"); w.string(reply.intent.rawValue)
        w.field("confidence"); w.number((reply.confidence * 1000).rounded() / 1000)
        w.field("lang"); w.string(reply.lang.rawValue)
        w.field("reply"); w.string(reply.text)
        if let ticket = reply.ticket {
            w.field("ticket"); w.string(ticket)
        }
        if !reply.options.isEmpty {
            w.field("options"); w.beginArray()
            for option in reply.options {
                w.element(); w.string(option)
            }
            w.endArray()
        }
        w.field("session"); w.string(reply.session)
        w.endObject()
        w.bytes.append(0x0A)
        swap(&w.bytes, &out)
    }

    /// `{"id":…, <members>}` for a command's success.
    public static func result(_ members: JSONObject, id: JSONValue?, into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.bytes, &out)
        w.beginObject()
        writeID(id, &w)
        for m in members.members {
            w.field(m.key); w.value(m.value)
        }
        w.endObject()
        w.bytes.append(0x0A)
        swap(&w.bytes, &out)
    }

    /// `{"id":…,"error":{"code":…,"message":…}}`; `id` is `null` when the request had none.
    public static func error(_ error: ProtocolError, id: JSONValue?, into out: inout [UInt8]) {
        var w = JSONWriter()
        swap(&w.bytes, &out)
        w.beginObject()
        writeID(id, &w)
        w.field("error"); w.beginObject()
        w.field("code"); w.string(error.code.rawValue)
        w.field("message"); w.string(error.message)
        w.endObject()
        w.endObject()
        w.bytes.append(0x0A)
        swap(&w.bytes, &out)
    }

    /// Text for people: each line of `text` ends in `\n`.
    public static func human(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
        out.append(0x0A)
    }

    private static func writeID(_ id: JSONValue?, _ w: inout JSONWriter) {
        w.field("id")
        if let id { w.value(id) } else { w.null() }
    }
}
