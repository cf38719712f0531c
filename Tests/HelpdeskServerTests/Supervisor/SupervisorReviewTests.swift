import Foundation
import Testing
@testable import HelpdeskServer
import HelpdeskCore

/// The review queue over real sockets: what the helpdesk did not understand is grouped for a
/// supervisor, and a reviewed message added to the catalog changes how similar messages are read
/// on the running server, without a restart.
@Suite(.serialized) struct SupervisorReviewTests {
    @Test func aReviewedMessageImprovesClassificationOfASimilarOne() throws {
        let server = try SupervisorTestServer(copyIntents: true)
        defer { server.stop() }
        let citizen = try server.client()
        let before = try citizen.request(#"{"id":1,"user":"tg:31","text":"passcode orientasi berapa"}"#)
        #expect(before["intent"]?.stringValue == "out_of_scope")
        _ = try citizen.request(#"{"id":2,"user":"tg:32","text":"berapa passcode orientasinya"}"#)
        _ = try citizen.request(#"{"id":3,"user":"tg:33","text":"ngopi bareng admin yuk"}"#)
        _ = try citizen.request(#"{"id":4,"user":"tg:33","text":"kapan jadwal angkatan 3?"}"#)   // understood: not for review

        let supervisor = try server.supervisor()
        let review = try supervisor.request(#"{"id":"r","cmd":"review"}"#)
        let groups = try #require(review["groups"]?.arrayValue)
        let passcode = try #require(groups.first { $0["representative"]?.stringValue == "passcode orientasi berapa" })
        #expect(passcode["count"]?.doubleValue == 2)
        #expect(passcode["members"]?.arrayValue?.map { $0["text"]?.stringValue } == ["passcode orientasi berapa", "berapa passcode orientasinya"])
        #expect(passcode["guesses"]?.arrayValue?.isEmpty == false)
        #expect(groups.contains { $0["representative"]?.stringValue == "ngopi bareng admin yuk" })
        #expect(!groups.contains { $0["representative"]?.stringValue?.contains("jadwal angkatan") == true })

        let added = try supervisor.request(#"{"id":"a","cmd":"review.add","text":"meeting id dan passcode orientasi mana","intent":"schedule.query","target":"examples"}"#)
        #expect(added["ok"]?.boolValue == true, "\(added)")
        #expect(added["rebuilt"]?.boolValue == true)
        let path = server.transcripts.appendingPathComponent("Intents/schedule.query.txt").path
        #expect(added["path"]?.stringValue == path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.suffix(2) == ["# added from review on \(JakartaTime.day(Date()))", "meeting id dan passcode orientasi mana"])
        #expect(added["line"]?.doubleValue == Double(lines.count))

        // The same connection, no restart: a similar message is now understood.
        let after = try citizen.request(#"{"id":5,"user":"tg:34","text":"kirimin passcode orientasi dong"}"#)
        #expect(after["intent"]?.stringValue == "schedule.query")
    }

    @Test func reviewAddRefusesBadRequestsAndWritesTheEvaluationFile() throws {
        let server = try SupervisorTestServer(copyIntents: true) { c in
            c.evalFile = FileManager.default.temporaryDirectory.appendingPathComponent("review-eval-\(UUID().uuidString).tsv").path
        }
        defer { server.stop() }
        let supervisor = try server.supervisor()
        let intentFile = server.transcripts.appendingPathComponent("Intents/help.txt").path
        let before = try String(contentsOfFile: intentFile, encoding: .utf8)
        for bad in [#""text":"halo admin","intent":"weather""#, #""text":"halo admin""#, #""intent":"help""#,
                    #""text":"halo admin","intent":"help","target":"catalog""#, #""text":"dua\nbaris","intent":"help""#] {
            let reply = try supervisor.request(#"{"id":"b","cmd":"review.add",\#(bad)}"#)
            #expect(reply["error"]?["code"]?.stringValue == "bad_request", "\(bad)")
        }
        #expect(try String(contentsOfFile: intentFile, encoding: .utf8) == before)

        let eval = try supervisor.request(#"{"id":"e","cmd":"review.add","text":"link zoom pembukaan mana","intent":"schedule.query","target":"eval"}"#)
        #expect(eval["rebuilt"]?.boolValue == false)
        let evalPath = try #require(eval["path"]?.stringValue)
        #expect(try String(contentsOfFile: evalPath, encoding: .utf8) == "schedule.query\tlink zoom pembukaan mana\n")
        try? FileManager.default.removeItem(atPath: evalPath)

        let slash = try supervisor.slash("/review-add wrong.intent halo") { $0.hasPrefix("error") }
        #expect(slash.last?.hasPrefix("error (bad_request)") == true)
        let ok = try supervisor.slash("/review-add help bingung cara pakai layanan ini") { $0.hasPrefix("Added to") }
        #expect(ok.last?.contains("help.txt") == true)
        // Without a login the review is closed.
        let stranger = try server.client()
        #expect(try stranger.request(#"{"id":"x","cmd":"review"}"#)["error"]?["code"]?.stringValue == "unauthorized")
    }

    @Test func slashReviewShowsTheGroups() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let citizen = try server.client()
        _ = try citizen.request(#"{"id":1,"user":"tg:41","text":"passcode orientasi berapa"}"#)
        let supervisor = try server.supervisor()
        let lines = try supervisor.slash("/review") { $0.hasPrefix("Add one with") }
        #expect(lines.contains { $0.hasPrefix("#1 (1×) passcode orientasi berapa") })
    }
}
