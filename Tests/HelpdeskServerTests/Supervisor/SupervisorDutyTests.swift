import Foundation
import Testing
@testable import HelpdeskServer
import HelpdeskCore

/// The supervisor side of the public-service duties: every access to personal data audited,
/// overdue complaints pushed, erasure requests carried out from the queue.
@Suite(.serialized) struct SupervisorDutyTests {
    static func auditLines(_ server: SupervisorTestServer) throws -> [JSONValue] {
        let text = try String(contentsOf: server.transcripts.appendingPathComponent("audit.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// An unreadable erasure queue set aside at start-up stays in supervisors' view (JSON and
    /// slash table) until an operator deals with it: its requests are not carried out by anyone.
    @Test func aSetAsideErasureQueueIsShownToSupervisors() throws {
        var server = try SupervisorTestServer()
        defer { server.stop() }
        let queueFile = server.transcripts.appendingPathComponent(ErasureQueue.fileName)
        try #"{"version":1,"erasures":[{"user":"tg:9","#.write(to: queueFile, atomically: false, encoding: .utf8)
        server = try server.restarted()
        let supervisor = try server.supervisor()
        let answer = try supervisor.request(#"{"id":"q","cmd":"erasures"}"#)
        let listed = answer["set_aside"]?.arrayValue ?? []
        let aside = listed.compactMap { $0.stringValue }
        #expect(aside.count == 1 && aside[0].hasPrefix(ErasureQueue.fileName + ".bad-"))
        #expect(answer["erasures"]?.arrayValue?.isEmpty == true)
        try supervisor.send("/erasures\n")
        var text = ""
        while !text.contains("Set aside") { text += try supervisor.expectLine() + "\n" }
        #expect(text.contains(aside[0]))
    }

    @Test func supervisorAccessToPersonalDataIsAudited() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let citizen = try server.client()
        let first = try citizen.request(#"{"id":1,"user":"tg:51","text":"kapan jadwal angkatan 3?"}"#)
        let session = try #require(first["session"]?.stringValue)
        let filed = try server.helpdesk.desk.journal.file(ComplaintDraft(category: .lms, description: "LMS error terus", reporter: "tg:51"),
                                                          at: Date(), due: Day(iso: "2099-01-01")!)
        let supervisor = try server.supervisor()
        for request in [#"{"id":1,"cmd":"metrics"}"#, #"{"id":2,"cmd":"sessions"}"#, #"{"id":3,"cmd":"transcript","session":"\#(session)"}"#,
                        #"{"id":4,"cmd":"complaints"}"#, #"{"id":5,"cmd":"complaint","ticket":"\#(filed.ticket.lowercased())"}"#,
                        #"{"id":6,"cmd":"watch"}"#, #"{"id":7,"cmd":"erasures"}"#, #"{"id":8,"cmd":"transcript","session":"nope"}"#] {
            _ = try supervisor.request(request)
        }
        _ = try supervisor.slash("/handoffs") { $0.hasPrefix("Supervisors online") || $0 == "(none)" }
        let entries = try Self.auditLines(server)
        let whats = entries.compactMap { $0["what"]?.stringValue }
        #expect(whats == ["sessions", "transcript", "complaints", "complaint", "watch", "erasures", "handoffs"])   // not metrics, not a failed read
        #expect(entries.allSatisfy { $0["who"]?.stringValue?.hasPrefix("supervisor@127.0.0.1") == true })
        #expect(entries[1]["subject"]?.stringValue == "session \(session)")
        #expect(entries[3]["subject"]?.stringValue == "ticket \(filed.ticket)")
        #expect(try ChainVerifier().verify(directory: server.transcripts).problems.isEmpty)
    }

    @Test func overdueComplaintsArePushedOnceAndListedFirst() throws {
        // The duties' clock runs 40 days ahead, and checks every 50 ms.
        let server = try SupervisorTestServer(configure: { $0.escalationInterval = 0.05 },
                                              clock: { Date().addingTimeInterval(40 * 86_400) })
        defer { server.stop() }
        let journal = server.helpdesk.desk.journal
        let late = try journal.file(ComplaintDraft(category: .lms, description: "LMS tidak bisa login", reporter: "tg:61"),
                                    at: Date().addingTimeInterval(-30 * 86_400), due: Day(iso: "2099-01-01")!)
        let supervisor = try server.supervisor()
        let event = try JSONParser.parse(try supervisor.readUntil { $0.contains(#""event":"escalation""#) })
        #expect(event["ticket"]?.stringValue == late.ticket)
        #expect(event["stage"]?.stringValue == "verification")
        #expect(event["id"] == nil && event["description"] == nil)
        #expect(server.helpdesk.pollEscalations() == 0)   // each stage is pushed once

        let fresh = try journal.file(ComplaintDraft(category: .schedule, description: "jadwal bentrok", reporter: "tg:62"),
                                     at: Date(), due: Day(iso: "2099-01-01")!)
        let list = try #require(try supervisor.request(#"{"id":"c","cmd":"complaints"}"#)["complaints"]?.arrayValue)
        #expect(list.map { $0["ticket"]?.stringValue } == [late.ticket, fresh.ticket])
        #expect(list[0]["overdue"]?.boolValue == true && list[1]["overdue"]?.boolValue == false)
        #expect(list[0]["stage_due"]?.stringValue != nil && list[0]["resolution_due"]?.stringValue != nil)
        // The escalation timer (running 40 days ahead) may push an event for `fresh` meanwhile:
        // read up to the table's row, not up to that event.
        let table = try supervisor.slash("/complaints") { $0.contains(fresh.ticket) && !$0.contains(#""event""#) }
        #expect(table.contains { $0.hasPrefix("! \(late.ticket)") })
    }

    @Test func aQueuedErasureIsCarriedOutBySupervisorOnceTheComplaintCloses() throws {
        var server = try SupervisorTestServer()
        defer { server.stop() }
        var journal = server.helpdesk.desk.journal
        let user = "tg:71"
        let filed = try journal.file(ComplaintDraft(category: .service, description: "petugas tidak ramah", contact: "0812-1111-2222", reporter: user),
                                     at: Date(), due: Day(iso: "2099-01-01")!)
        let citizen = try server.client()
        _ = try citizen.request(#"{"id":1,"user":"\#(user)","text":"kapan jadwal angkatan 3?"}"#)
        let asked = try citizen.request(#"{"id":2,"user":"\#(user)","text":"hapus data saya"}"#)
        #expect(asked["reply"]?.stringValue?.contains(filed.ticket) == true)   // queued: the complaint is open
        server.helpdesk.writer.flush()
        let pseudonym = try Pseudonym.load(directory: server.transcripts).of(user)
        let day = try String(contentsOf: server.transcripts.appendingPathComponent(TranscriptFiles.name(day: JakartaTime.day(Date()))), encoding: .utf8)
        #expect(!day.contains(pseudonym) && !day.contains("hapus data saya"))
        #expect(day.contains(TranscriptRecord.privacyMessage))

        let before = try server.supervisor()
        let queue = try #require(try before.request(#"{"id":"q","cmd":"erasures"}"#)["erasures"]?.arrayValue)
        #expect(queue.map { $0["user"]?.stringValue } == [user])
        #expect(queue[0]["still_open"]?.arrayValue?.map(\.stringValue) == [filed.ticket])
        let early = try before.request(#"{"id":"e1","cmd":"erase","user":"\#(user)"}"#)
        #expect(early["queued"]?.boolValue == true)
        #expect(journal.complaint(ticket: filed.ticket)?.description == "petugas tidak ramah")

        // A restart keeps the queue (Transcripts/erasures.json).
        server = try server.restarted()
        journal = server.helpdesk.desk.journal
        let supervisor = try server.supervisor()
        let kept = try #require(try supervisor.request(#"{"id":"q1","cmd":"erasures"}"#)["erasures"]?.arrayValue)
        #expect(kept.map { $0["user"]?.stringValue } == [user])
        #expect(kept[0]["still_open"]?.arrayValue?.map(\.stringValue) == [filed.ticket])

        _ = try supervisor.request(#"{"id":"u","cmd":"complaint.update","ticket":"\#(filed.ticket)","status":"resolved","note":"Sudah ditegur"}"#)
        let done = try supervisor.request(#"{"id":"e2","cmd":"erase","user":"\#(user)"}"#)
        #expect(done["queued"]?.boolValue == false)
        #expect(done["complaints"]?.arrayValue?.map(\.stringValue) == [filed.ticket])
        #expect(journal.complaint(ticket: filed.ticket)?.contact == ComplaintJournal.erasedMark)
        #expect(try supervisor.request(#"{"id":"q2","cmd":"erasures"}"#)["erasures"]?.arrayValue?.isEmpty == true)
        #expect(try supervisor.request(#"{"id":"e3","cmd":"erase","user":"\#(user)"}"#)["error"]?["code"]?.stringValue == "not_found")
        // Nothing of them is left in the supervisor's view of recent sessions either.
        let sessions = try supervisor.request(#"{"id":"s","cmd":"sessions"}"#)
        #expect(sessions["sessions"]?.arrayValue?.contains { $0["user"]?.stringValue == pseudonym } == false)

        let audit = try Self.auditLines(server)
        let rewrite = try #require(audit.last { $0["what"]?.stringValue == "erase" && $0["files"] != nil })
        #expect(rewrite["who"]?.stringValue?.hasPrefix("supervisor@") == true)
        let text = try String(contentsOf: server.transcripts.appendingPathComponent("audit.jsonl"), encoding: .utf8)
        #expect(!text.contains(user) && !text.contains(pseudonym))
        #expect(try ChainVerifier().verify(directory: server.transcripts).problems.isEmpty)
    }
}
