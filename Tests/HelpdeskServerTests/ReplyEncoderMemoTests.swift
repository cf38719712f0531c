import Testing
@testable import HelpdeskCore
@testable import HelpdeskServer

/// `ReplyEncoder.message` with a connection's `ReplyMemo` and the `ReplySegments` tables against
/// the member-by-member writer it replaced (`JSONWriter` fields), over a run of replies on one
/// connection: the same user and session again (same storage and equal copies), another user of
/// the same length, users and sessions that need escaping, every intent and language, tickets,
/// options, ids of each kind.
@Suite struct ReplyEncoderMemoTests {
    static func reference(_ reply: Reply, id: JSONValue?, user: String) -> [UInt8] {
        var w = JSONWriter()
        w.raw(#"{"id":"#)
        if let id { w.value(id) } else { w.null() }
        w.field("user"); w.string(user)
        w.field("intent"); w.string(reply.intent.rawValue)
        w.field("confidence"); w.number((reply.confidence * 1000).rounded() / 1000)
        w.field("lang"); w.string(reply.lang.rawValue)
        w.field("reply"); w.string(reply.text)
        if let ticket = reply.ticket { w.field("ticket"); w.string(ticket) }
        if !reply.options.isEmpty {
            w.field("options"); w.beginArray()
            for o in reply.options { w.element(); w.string(o) }
            w.endArray()
        }
        w.field("session"); w.string(reply.session)
        w.endObject()
        w.bytes.append(0x0A)
        return w.bytes
    }

    @Test func aConnectionsRepliesEqualTheMemberByMemberWriter() {
        let users = ["bench:a1b2", "bench:a1b2", "bench:a1b3", "tg:\"5512\"", "tg:\"5512\"",
                     "tcp:127.0.0.1:50123#17 (long enough for the heap)", "tcp:127.0.0.1:50123#17 (long enough for the heap)", "ü\n日本"]
        let sessions = ["s1abc", "s1abc", "s2xyz", "s\\q", "", "a session id long enough for the heap", "s1abc"]
        let ids: [JSONValue?] = [nil, .string("b1"), .number(JSONNumber(text: "-12", value: -12)), .string("a\"b")]
        var memo = ReplyMemo()
        var out: [UInt8] = [0x7B]  // replies are appended after what is already there
        var want: [UInt8] = [0x7B]
        var n = 0
        for round in 0..<3 {
            for (i, label) in IntentLabel.allCases.enumerated() {
                for lang in Lang.allCases {
                    n += 1
                    // Fresh copies half the time: equal text in other storage must give the same bytes.
                    let user = n % 2 == 0 ? users[n % users.count] : String(decoding: Array(users[n % users.count].utf8), as: UTF8.self)
                    let reply = Reply(text: "Jawaban \(i)\n\"kutip\" \(round)", intent: label, confidence: Double(n % 1001) / 1000,
                                      lang: lang, handler: "schedule", outcome: .answered, ticket: n % 5 == 0 ? "ADU-2026-0000\(i)" : nil,
                                      options: n % 7 == 0 ? ["ya", "tidak \"x\""] : [], session: sessions[n % sessions.count])
                    let id = ids[n % ids.count]
                    ReplyEncoder.message(reply, id: id, user: user, into: &out, memo: &memo)
                    want += Self.reference(reply, id: id, user: user)
                    #expect(out == want, "reply \(n)")
                }
            }
        }
    }

    @Test func segmentsFollowTheirSlots() {
        for label in IntentLabel.allCases {
            var w = JSONWriter()
            w.field("x")  // so the next field writes its comma
            let start = w.bytes.count
            w.field("intent"); w.string(label.rawValue); w.field("confidence")
            #expect(ReplySegments.intents[label.ordinal] == Array(w.bytes[start...]), "\(label)")
        }
        for lang in Lang.allCases {
            var w = JSONWriter()
            w.field("x")
            let start = w.bytes.count
            w.field("lang"); w.string(lang.rawValue); w.field("reply")
            #expect(ReplySegments.langs[lang.ordinal] == Array(w.bytes[start...]), "\(lang)")
        }
    }
}
