import Foundation
import Testing
@testable import HelpdeskCore

/// `Reply.fill` (the desk's handlers fill one `Reply` in place) against building the reply
/// with its initializer: every field replaced, whatever the reply held before.
@Suite struct ReplyFillTests {
    static let entities = [Entity(kind: .ticket, value: "ADU-2026-00001", text: "ADU-2026-00001")]

    @Test func blankIsAnEmptyReply() {
        #expect(Reply.blank == Reply(text: "", intent: .help, confidence: 0, lang: .id, handler: "", outcome: .answered))
        #expect(Reply.blank.durability == nil && Reply.blank.ticket == nil && Reply.blank.session.isEmpty)
    }

    @Test func fillGivesWhatTheInitializerGives() {
        let before = [
            Reply.blank,
            Reply(text: "lama", intent: .complaintFile, confidence: 0.3, lang: .en, handler: "complaint", outcome: .complaintFiled,
                  entities: Self.entities, ticket: "ADU-2026-00009", options: ["aduan", "batal"], session: "s1"),
        ]
        for start in before {
            var filled = start
            filled.fill(text: "baru", intent: .scheduleQuery, confidence: 0.9, lang: .id, handler: "schedule", outcome: .answered)
            #expect(filled == Reply(text: "baru", intent: .scheduleQuery, confidence: 0.9, lang: .id, handler: "schedule", outcome: .answered))
            var full = start
            full.fill(text: "t", intent: .handoffHuman, confidence: 1, lang: .en, handler: "handoff", outcome: .handedOff,
                      entities: Self.entities, ticket: "ADU-2026-00002", options: ["complaint"])
            #expect(full == Reply(text: "t", intent: .handoffHuman, confidence: 1, lang: .en, handler: "handoff", outcome: .handedOff,
                                  entities: Self.entities, ticket: "ADU-2026-00002", options: ["complaint"]))
        }
    }
}
