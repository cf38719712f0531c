import Foundation
import Testing
import HelpdeskCore

/// Greeting, thanks, goodbye, help, out-of-scope questions, asking for a person, and switching
/// the language with `/lang en`, over real sockets.
@Suite struct SmallTalkConversationTests {
    @Test func greetingThanksGoodbyeInIndonesian() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let user = "wa:62814000001"
        let hello = try a.ask(user, "halo min, selamat pagi")
        #expect(hello.intent == "greeting")
        #expect(hello.says("selamat datang"), "reply was: \(hello.text)")
        #expect(hello.says("privasi"), "first reply carries the privacy notice: \(hello.text)")
        let thanks = try a.ask(user, "makasih banyak ya")
        #expect(thanks.intent == "thanks")
        #expect(thanks.says("sama-sama"), "reply was: \(thanks.text)")
        let bye = try a.ask(user, "oke sampai jumpa")
        #expect(bye.intent == "goodbye")
    }

    @Test func chatPingAndABareYesAreNotMisread() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let ping = try a.ask("wa:62814000006", "P")
        #expect(ping.intent == "greeting", "reply was: \(ping.text)")
        let yes = try a.ask("wa:62814000006", "ya")
        #expect(yes.intent == "help")
        #expect(yes.says("silakan ketik"), "reply was: \(yes.text)")
        #expect(!yes.says("sampai jumpa"), "a bare yes was taken as goodbye: \(yes.text)")
    }

    @Test func englishSmallTalk() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let user = "wa:62814000002"
        let hello = try a.ask(user, "hello, good morning")
        #expect(hello.intent == "greeting")
        #expect(hello.lang == "en")
        let help = try a.ask(user, "what can you help me with?")
        #expect(help.intent == "help")
        let bye = try a.ask(user, "thank you, goodbye")
        #expect(["thanks", "goodbye"].contains(bye.intent))
        #expect(bye.lang == "en")
    }

    /// A greeting wrapped around a question is answered as the question (found over telnet:
    /// "hi, what trainings are there next week?" got only a welcome).
    @Test func aGreetingAroundAQuestionAnswersTheQuestion() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let reply = try a.ask("wa:62814000003", "hi, what trainings are there next week?")
        #expect(reply.intent == "schedule.query", "reply was: \(reply.text)")
        let plain = try a.ask("wa:62814000004", "halo, selamat pagi")
        #expect(plain.intent == "greeting")
    }

    @Test func outOfScopeIsSaidPolitely() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let a = try desk.adapter()
        let chili = try a.ask("wa:62814000003", "berapa harga cabai hari ini?")
        #expect(chili.intent == "out_of_scope")
        #expect(chili.says("di luar layanan"), "reply was: \(chili.text)")
        let ktp = try a.ask("wa:62814000004", "cara perpanjang KTP gimana?")
        #expect(ktp.intent == "out_of_scope")
        #expect(ktp.says("Dukcapil"), "reply was: \(ktp.text)")
    }

    @Test func handoffWithNoSupervisorOnlineOffersAComplaint() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let reply = try desk.adapter().ask("wa:62814000005", "saya mau bicara dengan petugas langsung")
        #expect(reply.intent == "handoff.human")
        #expect(reply.says("petugas"), "reply was: \(reply.text)")
        #expect(reply.options == ["aduan"])
    }

    @Test func slashLangSwitchesATelnetPersonToEnglish() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let person = try desk.person()
        let before = try person.say("halo")
        #expect(before.contains("Selamat datang"), "reply was: \(before)")
        let set = try person.say("/lang en")
        #expect(!set.isEmpty)
        // Even an Indonesian-looking message is answered in the chosen language.
        let after = try person.say("jadwal angkatan 4 revolusi mental")
        #expect(after.contains("cohort 4"), "reply was: \(after)")
        let help = try person.say("/help")
        #expect(help.contains("/lang"), "reply was: \(help)")
    }
}
