import Foundation
import Testing
@testable import HelpdeskCore

/// `Exchange` keeps its fields in one shared object: it must still behave as a value. Every
/// field reads back what was given; a change to one copy (each field in turn) leaves the other
/// copies as they were; equality compares the fields, not the object.
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

    @Test func aChangedCopyLeavesTheOthersAlone() {
        let original = Self.sample()
        let changes: [(String, (inout Exchange) -> Void)] = [
            ("session", { $0.session = "s2" }), ("channel", { $0.channel = "tcp" }), ("user", { $0.user = "tg:1" }),
            ("arrived", { $0.arrived = Self.at.addingTimeInterval(-1) }), ("replied", { $0.replied = Self.at }),
            ("latency", { $0.latencyMicros = 7 }), ("message", { $0.message = "halo" }),
            ("reply text", { $0.reply.text = "Halo!" }), ("reply entities", { $0.reply.entities.removeAll() }),
            ("reply ticket", { $0.reply.ticket = nil }), ("reply options", { $0.reply.options.append("batal") }),
        ]
        for (name, change) in changes {
            let kept = original
            var changed = original
            change(&changed)
            #expect(changed != original, "\(name)")
            #expect(kept == Self.sample(), "\(name)")
            #expect(original == Self.sample(), "\(name)")
            var again = Self.sample()
            change(&again)
            #expect(again == changed, "\(name): equal fields in other objects are equal")
        }
    }

    @Test func equalityComparesFields() {
        #expect(Self.sample() == Self.sample())
        #expect(Self.sample("a") != Self.sample("b"))
        let e = Self.sample()
        #expect(e == e)
    }
}
