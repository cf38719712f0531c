import Foundation
import Testing
@testable import HelpdeskCore

/// `Exchange` keeps its fields in one shared, read-only object: every field reads back what was
/// given, and equality compares the fields, not the object.
@Suite struct ExchangeStorageTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    static func sample(_ text: String = "kapan jadwal angkatan 3?") -> Exchange {
        Exchange(session: "s1abc", channel: "telegram", user: "tg:5512", arrived: at, replied: at.addingTimeInterval(0.002),
                 latencyMicros: 2000, message: text,
                 reply: Reply(text: "Jadwal angkatan 3:\n• 12-14 Desember", intent: .scheduleQuery, confidence: 0.91, lang: .id,
                              handler: "schedule", outcome: .answered, entities: [Entity(kind: .cohort, value: "3", text: "3")],
                              ticket: "ADU-2026-00042", options: ["ya", "tidak"], session: "s1abc"))
    }

    @Test func fieldsReadBackAsGiven() {
        let e = Self.sample()
        #expect(e.session == "s1abc")
        #expect(e.channel == "telegram")
        #expect(e.user == "tg:5512")
        #expect(e.arrived == Self.at)
        #expect(e.replied == Self.at.addingTimeInterval(0.002))
        #expect(e.latencyMicros == 2000)
        #expect(e.message == "kapan jadwal angkatan 3?")
        #expect(e.reply.text == "Jadwal angkatan 3:\n• 12-14 Desember")
        #expect(e.reply.entities.count == 1)
        #expect(e.reply.ticket == "ADU-2026-00042")
        #expect(e.reply.options == ["ya", "tidak"])
    }

    @Test func equalityComparesFields() {
        #expect(Self.sample() == Self.sample())
        #expect(Self.sample("a") != Self.sample("b"))
        let e = Self.sample()
        #expect(e == e)
        let other = Exchange(session: e.session, channel: e.channel, user: e.user, arrived: e.arrived, replied: e.replied,
                             latencyMicros: e.latencyMicros + 1, message: e.message, reply: e.reply)
        #expect(other != e, "one field apart")
    }
}
