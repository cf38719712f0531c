import Foundation
import Testing
@testable import HelpdeskServer
import HelpdeskCore

/// What a logged-in supervisor sees and does, over real sockets against the real desk.
@Suite(.serialized) struct SupervisorFeatureTests {
    @Test func metricsSessionsAndTranscriptShowTheExchanges() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let citizen = try server.client()
        let first = try citizen.request(#"{"id":1,"user":"tg:77","channel":"telegram","text":"kapan jadwal angkatan 3?"}"#)
        _ = try citizen.request(#"{"id":2,"user":"tg:77","channel":"telegram","text":"terima kasih"}"#)
        let session = try #require(first["session"]?.stringValue)

        let supervisor = try server.supervisor()
        let metrics = try supervisor.request(#"{"id":"m","cmd":"metrics"}"#)
        #expect((metrics["metrics"]?["total"]?.doubleValue ?? 0) >= 2)
        #expect(metrics["metrics"]?["per_channel"]?["telegram"] != nil)

        let sessions = try supervisor.request(#"{"id":"s","cmd":"sessions","limit":10}"#)
        let listed = try #require(sessions["sessions"]?.arrayValue?.first { $0["session"]?.stringValue == session })
        #expect(listed["exchanges"]?.doubleValue == 2)
        #expect(listed["channel"]?.stringValue == "telegram")
        #expect(listed["user"]?.stringValue != "tg:77")   // pseudonymised
        let filtered = try supervisor.request(#"{"id":"f","cmd":"sessions","intent":"thanks"}"#)
        #expect(filtered["sessions"]?.arrayValue?.contains { $0["session"]?.stringValue == session } == true)
        let today = JakartaTime.day(Date())
        let byDate = try supervisor.request(#"{"id":"d","cmd":"sessions","date":"\#(today)"}"#)   // read back from disk
        #expect(byDate["sessions"]?.arrayValue?.contains { $0["session"]?.stringValue == session } == true)
        let bad = try supervisor.request(#"{"id":"b","cmd":"sessions","outcome":"lost"}"#)
        #expect(bad["error"]?["code"]?.stringValue == "bad_request")

        let transcript = try supervisor.request(#"{"id":"t","cmd":"transcript","session":"\#(session)"}"#)
        let exchanges = try #require(transcript["exchanges"]?.arrayValue)
        #expect(exchanges.map { $0["message"]?.stringValue } == ["kapan jadwal angkatan 3?", "terima kasih"])
        #expect(exchanges.first?["intent"]?.stringValue == "schedule.query")
        let missing = try supervisor.request(#"{"id":"x","cmd":"transcript","session":"no-such-session"}"#)
        #expect(missing["error"]?["code"]?.stringValue == "not_found")

        let table = try supervisor.slash("/sessions limit=5") { $0.contains(session) }
        #expect(table.first?.hasPrefix("SESSION") == true)
        // Per-intent rows are sorted, so "thanks" is the last line of the /metrics answer.
        let summary = try supervisor.slash("/metrics") { $0.hasPrefix("thanks") }
        #expect(summary.contains { $0.hasPrefix("latency us  p50 ") && !$0.hasSuffix("max ") })
    }

    @Test func watchReceivesExchangesAsTheyHappen() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let supervisor = try server.supervisor()
        #expect(try supervisor.request(#"{"id":"w","cmd":"watch"}"#)["ok"]?.boolValue == true)
        let citizen = try server.client()
        try citizen.send("NIP saya 198001012006041001, kapan jadwal angkatan 3?\n")
        let event = try JSONParser.parse(try supervisor.readUntil { $0.contains(#""event":"exchange""#) })
        #expect(event["id"] == nil)
        #expect(event["message"]?.stringValue?.contains("198001012006041001") == false)   // redacted
        #expect(event["message"]?.stringValue?.contains("[NIP]") == true)
        #expect(try supervisor.request(#"{"id":"u","cmd":"unwatch"}"#)["ok"]?.boolValue == true)
    }

    @Test func complaintsListReadUpdateAndTheCitizenSeesTheNote() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let filed = try server.helpdesk.desk.journal.file(
            ComplaintDraft(category: .service, description: "Sertifikat belum terbit, rahasia", contact: "budi@example.go.id",
                           mode: .confidential, reporter: "tg:9"), at: Date(), due: Day(Date()).adding(days: 5))
        let supervisor = try server.supervisor()
        let list = try supervisor.request(#"{"id":1,"cmd":"complaints","status":"received"}"#)
        #expect(list["complaints"]?.arrayValue?.map { $0["ticket"]?.stringValue } == [filed.ticket])
        let lower = filed.ticket.lowercased().replacingOccurrences(of: "-", with: " ")
        let one = try supervisor.request(#"{"id":2,"cmd":"complaint","ticket":"\#(lower)"}"#)
        #expect(one["complaint"]?["description"]?.stringValue == "Sertifikat belum terbit, rahasia")
        #expect(one["complaint"]?["contact"]?.stringValue == "budi@example.go.id")
        let unknownStatus = try supervisor.request(#"{"id":3,"cmd":"complaint.update","ticket":"\#(filed.ticket)","status":"done"}"#)
        #expect(unknownStatus["error"]?["code"]?.stringValue == "bad_request")
        let unknownTicket = try supervisor.request(#"{"id":4,"cmd":"complaint.update","ticket":"ADU-20000101-0001","status":"resolved"}"#)
        #expect(unknownTicket["error"]?["code"]?.stringValue == "not_found")
        let lines = try supervisor.slash("/update \(filed.ticket) in_progress Sedang diproses bagian sertifikat") { $0.hasPrefix("Due:") }
        #expect(lines.first == "Updated.")
        #expect(server.helpdesk.desk.journal.complaint(ticket: filed.ticket)?.status == .inProgress)
        let empty = try supervisor.request(#"{"id":5,"cmd":"complaints","status":"resolved"}"#)
        #expect(empty["complaints"]?.arrayValue?.isEmpty == true)

        let citizen = try server.client()
        let status = try citizen.request(#"{"id":"c","user":"tg:9","text":"status aduan \#(filed.ticket)"}"#)
        #expect(status["reply"]?.stringValue?.contains("Sedang diproses bagian sertifikat") == true)
    }

    @Test func handoffTakeSayReleaseWithATelnetCitizen() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let supervisor = try server.supervisor()
        let citizen = try server.client()
        try citizen.send("saya mau bicara dengan petugas\n")
        let queued = try citizen.expectLine()
        #expect(queued.contains("antrean"), "\(queued)")

        let handoffs = try supervisor.request(#"{"id":"h","cmd":"handoffs"}"#)
        #expect(handoffs["online"]?.doubleValue == 1)
        let waiting = try #require(handoffs["handoffs"]?.arrayValue?.first)
        let user = try #require(waiting["user"]?.stringValue)
        #expect(user.hasPrefix("tcp:"))
        #expect(waiting["text"]?.stringValue == "saya mau bicara dengan petugas")

        #expect(try supervisor.request(#"{"id":"t","cmd":"take","user":"\#(user)"}"#)["ok"]?.boolValue == true)
        // The queued reply may run over several lines (notices); the pushed lines follow it.
        #expect(try citizen.readUntil { $0.hasPrefix("Petugas:") }.contains("bergabung"))
        let said = try supervisor.request(#"{"id":"s","cmd":"say","user":"\#(user)","text":"Halo, ada yang bisa saya bantu?"}"#)
        #expect(said["delivered"]?.boolValue == true)
        #expect(try citizen.readUntil { $0.hasPrefix("Petugas:") } == "Petugas: Halo, ada yang bisa saya bantu?")

        try citizen.send("sertifikat saya belum ada\n")
        #expect(try citizen.readUntil { !$0.isEmpty }.hasPrefix("Petugas sedang melayani"))
        let forwarded = try JSONParser.parse(try supervisor.readUntil { $0.contains(#""event":"handoff.message""#) })
        #expect(forwarded["text"]?.stringValue == "sertifikat saya belum ada")
        #expect(forwarded["user"]?.stringValue == user)

        #expect(try supervisor.request(#"{"id":"r","cmd":"release","user":"\#(user)"}"#)["ok"]?.boolValue == true)
        #expect(try citizen.readUntil { !$0.isEmpty }.contains("asisten otomatis"))
        let again = try supervisor.request(#"{"id":"s2","cmd":"say","user":"\#(user)","text":"x"}"#)
        #expect(again["error"]?["code"]?.stringValue == "not_found")
    }

    @Test func anAdapterUserGetsTheStaffLineAsAnEvent() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let supervisor = try server.supervisor()
        let adapter = try server.client()
        let asked = try adapter.request(#"{"id":1,"user":"tg:42","channel":"telegram","text":"saya mau bicara dengan petugas"}"#)
        #expect(asked["intent"]?.stringValue == "handoff.human")
        let take = try supervisor.slash("/take tg:42") { $0.hasPrefix("Answer with") }
        #expect(take.first?.hasPrefix("You have tg:42") == true)
        _ = try adapter.readUntil { $0.contains(#""event":"message""#) }   // joined
        _ = try supervisor.slash("/say tg:42 Baik, saya cek dulu.") { $0 == "Sent." }
        let event = try JSONParser.parse(try adapter.readUntil { $0.contains(#""event":"message""#) })
        #expect(event["user"]?.stringValue == "tg:42")
        #expect(event["text"]?.stringValue == "Baik, saya cek dulu.")
        #expect(event["from"]?.stringValue == "supervisor")
        #expect(event["id"] == nil)
    }
}
