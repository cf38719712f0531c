import Foundation
import Testing
import HelpdeskCore

/// Registration status over real sockets: by registration id (typed formally, informally, in
/// lowercase with spaces), by NIP, unknown ids, and the masking of the participant's name.
@Suite struct RegistrationConversationTests {
    @Test func knownRegistrationShowsStatusAndMaskedName() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let adapter = try desk.adapter()
        // REG-2026-00003: Dian Saputra, S.Sos., Revolusi Mental cohort 5, accepted.
        let reply = try adapter.ask("wa:62812000001", "sy mau cek status pendaftaran REG-2026-00003")
        #expect(reply.intent == "registration.status")
        #expect(reply.says("REG-2026-00003", "DITERIMA", "angkatan 5"), "reply was: \(reply.text)")
        #expect(reply.says("D*** S******"), "name not masked: \(reply.text)")
        #expect(!reply.says("Dian"), "full name leaked: \(reply.text)")
    }

    @Test func lowercaseIdWithSpacesFromATelnetPerson() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let said = try desk.person().say("status pendaftaran reg 2026 00005 gmn ya")
        // REG-2026-00005: Pelatihan Dasar CPNS cohort 8, rejected.
        #expect(said.contains("REG-2026-00005"), "reply was: \(said)")
        #expect(said.contains("TIDAK DITERIMA"), "reply was: \(said)")
    }

    @Test func byNIPTypedWithSpaces() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        // NIP of REG-2026-00002 (Budi Tanjung, Pelatihan Dasar CPNS cohort 7, verified).
        let reply = try desk.adapter().ask("wa:62812000002", "cek pendaftaran NIP 19871225 201908 2 246")
        #expect(reply.intent == "registration.status")
        #expect(reply.says("REG-2026-00002", "TERVERIFIKASI"), "reply was: \(reply.text)")
        #expect(!reply.says("198712252019082246"), "NIP echoed in full: \(reply.text)")
    }

    @Test func unknownIdIsNotFoundAndABareIdAnswersTheQuestion() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let adapter = try desk.adapter()
        let missing = try adapter.ask("wa:62812000003", "cek status pendaftaran REG-2026-09999")
        #expect(missing.intent == "registration.status")
        #expect(missing.says("tidak menemukan", "REG-2026-09999"), "reply was: \(missing.text)")

        let ask = try adapter.ask("wa:62812000004", "gimana cara cek status pendaftaran saya?")
        #expect(ask.intent == "registration.status")
        #expect(ask.says("REG-"), "reply was: \(ask.text)")
        let bare = try adapter.ask("wa:62812000004", "REG-2026-00007")
        #expect(bare.intent == "registration.status")
        #expect(bare.says("REG-2026-00007", "DITERIMA"), "reply was: \(bare.text)")
    }

    @Test func englishStatusQuestion() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let reply = try desk.adapter().ask("wa:62812000005", "what is the status of my registration REG-2026-00004?")
        #expect(reply.intent == "registration.status")
        #expect(reply.lang == "en")
        #expect(reply.says("REG-2026-00004", "WAITLISTED"), "reply was: \(reply.text)")
    }
}
