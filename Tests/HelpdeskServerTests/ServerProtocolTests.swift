import Foundation
import Testing
import HelpdeskCore
@testable import HelpdeskServer

@Suite struct ServerProtocolTests {
    @Test func sendsOneBannerLineThenAnswersPing() throws {
        let s = try RunningServer()
        defer { s.stop() }
        let c = try TestClient(port: s.port)
        #expect(try c.expectLine() == ServerPhrases.banner)
        try c.send("{\"id\":\"p1\",\"cmd\":\"ping\"}\n")
        #expect(try c.expectLine() == #"{"id":"p1","ok":true}"#)
        try c.send("{\"id\":7,\"cmd\":\"ping\"}\r\n")
        #expect(try c.expectLine() == #"{"id":7,"ok":true}"#)
    }

    @Test func answersOneHundredPipelinedRequestsInOrder() throws {
        let s = try RunningServer { $0.burst = 1000 }
        defer { s.stop() }
        let c = try s.client()
        var batch = ""
        for i in 0..<100 {
            batch += i % 2 == 0 ? "{\"id\":\(i),\"cmd\":\"ping\"}\n" : "{\"id\":\(i),\"user\":\"tg:\(i)\",\"text\":\"halo \(i)\"}\n"
        }
        try c.send(batch)
        for i in 0..<100 {
            let reply = try c.readJSON()
            #expect(reply["id"]?.doubleValue == Double(i))
            if i % 2 == 1 {
                #expect(reply["user"]?.stringValue == "tg:\(i)")
                #expect(reply["reply"]?.stringValue?.hasSuffix("halo \(i)") == true)
                #expect(reply["session"]?.stringValue == "tg:\(i)")
            }
        }
    }

    @Test func messageWithoutUserIsTheConnectionsUserOnChannelTcp() throws {
        let s = try RunningServer()
        defer { s.stop() }
        let c = try s.client()
        try c.send(#"{"id":"a","text":"kapan jadwal angkatan 3?"}"# + "\n")
        let reply = try c.readJSON()
        let user = try #require(reply["user"]?.stringValue)
        #expect(user.hasPrefix("tcp:127.0.0.1:"))
        #expect(user.contains("#"))
        #expect(reply["intent"]?.stringValue == "out_of_scope")
        #expect(reply["lang"]?.stringValue == "id")
        #expect(reply["confidence"]?.doubleValue == 0)
        #expect(reply.objectValue?.members.map(\.key) == ["id", "user", "intent", "confidence", "lang", "reply", "session"])
    }

    @Test func humanTextIsAnsweredAndLangSwitchesToEnglish() throws {
        let s = try RunningServer()
        defer { s.stop() }
        let c = try s.client()
        try c.send("halo, kapan jadwal pelatihan?\n")
        #expect(try c.expectLine() == "Terima kasih, pesan Anda kami terima: halo, kapan jadwal pelatihan?")
        try c.send("/lang en\nwhen does cohort 3 start?\n")
        #expect(try c.expectLine() == ServerPhrases.languageSet(.en))
        #expect(try c.expectLine() == "Thank you, your message was received: when does cohort 3 start?")
        try c.send("/nope\n/help\n")
        #expect(try c.expectLine() == ServerPhrases.unknownCommand("nope", .en))
        #expect(try c.expectLine().hasPrefix("Ask anything"))
        #expect(try c.expectLine().hasPrefix("Commands: /help"))
        try c.send("/quit\n")
        #expect(try c.expectLine() == ServerPhrases.goodbye(.en))
        #expect(try c.readLine() == nil)
    }

    @Test func overLongLineGetsOneErrorAndTheConnectionStaysUsable() throws {
        let s = try RunningServer { $0.maxLineBytes = 1024 }
        defer { s.stop() }
        let c = try s.client()
        try c.send("{\"id\":1,\"text\":\"" + String(repeating: "x", count: 5000) + "\"}\n{\"id\":2,\"cmd\":\"ping\"}\n")
        let error = try c.readJSON()
        #expect(error["error"]?["code"]?.stringValue == "line_too_long")
        #expect(try c.expectLine() == #"{"id":2,"ok":true}"#)
        try c.send(String(repeating: "y", count: 3000) + "\nhalo\n")
        #expect(try c.expectLine() == ServerPhrases.lineTooLong(1024, .id))
        #expect(try c.expectLine().hasSuffix("halo"))
    }

    @Test func invalidUTF8AndTelnetNegotiationAreCleanedNotFatal() throws {
        let s = try RunningServer()
        defer { s.stop() }
        let c = try s.client()
        try c.send([255, 251, 31, 255, 250, 31, 0, 80, 0, 24, 255, 240] + Array("halo ".utf8) + [0xC3, 0x28, 0xFF, 0xFF] + Array(" ok\r\n".utf8))
        #expect(try c.expectLine() == "Terima kasih, pesan Anda kami terima: halo \u{FFFD}(\u{FFFD} ok")
        try c.send("{\"id\":3,\"cmd\":\"ping\"}\n")
        #expect(try c.expectLine() == #"{"id":3,"ok":true}"#)
    }

    @Test func malformedJSONAndMissingFieldsAreStructuredErrors() throws {
        let s = try RunningServer()
        defer { s.stop() }
        let c = try s.client()
        try c.send("{\"id\":1,\"text\":\n{\"id\":\"r2\",\"user\":\"tg:1\"}\n{\"id\":\"r3\",\"cmd\":\"nosuch\"}\n{]\n")
        let bad = try c.readJSON()
        #expect(bad["id"] == .null)
        #expect(bad["error"]?["code"]?.stringValue == "bad_json")
        let missing = try c.readJSON()
        #expect(missing["id"]?.stringValue == "r2")
        #expect(missing["error"]?["code"]?.stringValue == "bad_request")
        let unknown = try c.readJSON()
        #expect(unknown["error"]?["code"]?.stringValue == "bad_request")
        #expect(try c.readJSON()["error"]?["code"]?.stringValue == "bad_json")
    }

    @Test func registeredCommandsSeeAndChangeTheConnectionContext() throws {
        var router = CommandRouter()
        router.register("login") { request, context in
            guard request["token"]?.stringValue == "s3cret" else { return .failure(ProtocolError(.unauthorized, "bad token")) }
            context.role = "supervisor"
            return .success(JSONObject([.init("ok", .bool(true)), .init("role", .string("supervisor"))]))
        }
        router.register("whoami") { _, context in
            .success(JSONObject([.init("role", context.role.map { .string($0) } ?? .null)]))
        }
        var c = ServerConfiguration()
        c.port = 0
        let server = Server(configuration: c, responder: EchoResponder(), router: router)
        let port = try server.start()
        defer { server.shutdown(); server.waitUntilStopped() }
        let client = try TestClient(port: port)
        _ = try client.expectLine()
        try client.send("{\"id\":1,\"cmd\":\"whoami\"}\n{\"id\":2,\"cmd\":\"login\",\"token\":\"x\"}\n{\"id\":3,\"cmd\":\"login\",\"token\":\"s3cret\"}\n{\"id\":4,\"cmd\":\"whoami\"}\n")
        #expect(try client.expectLine() == #"{"id":1,"role":null}"#)
        #expect(try client.readJSON()["error"]?["code"]?.stringValue == "unauthorized")
        #expect(try client.expectLine() == #"{"id":3,"ok":true,"role":"supervisor"}"#)
        #expect(try client.expectLine() == #"{"id":4,"role":"supervisor"}"#)
    }
}
