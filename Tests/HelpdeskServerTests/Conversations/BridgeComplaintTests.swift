import Foundation
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// A multi-turn complaint through the webhook bridge with the real helpdesk upstream: started on
/// `/telegram`, continued on `/webhook` as the same user (`tg:<chat>` on channel `tg`), and
/// confirmed on `/telegram` again; the ticket is in the journal on disk.
@Suite struct BridgeComplaintTests {
    static let telegramSecret = ["X-Telegram-Bot-Api-Secret-Token: s3cret"]
    static let webhookSecret = ["X-Helpdesk-Secret: s3cret"]

    static func telegram(_ c: HTTPTestClient, _ text: String, update: Int) throws -> String {
        let body = #"{"update_id":\#(update),"message":{"message_id":\#(update),"chat":{"id":77001},"text":"\#(text)"}}"#
        let r = try c.post("/telegram", body, headers: telegramSecret)
        guard r.status == 200 else { throw TestClientError(description: "telegram status \(r.status): \(r.body)") }
        let send = try JSONParser.parse(r.body)
        guard send["method"]?.stringValue == "sendMessage", send["chat_id"]?.doubleValue == 77001 else {
            throw TestClientError(description: "not a sendMessage to the chat: \(r.body)")
        }
        return send["text"]?.stringValue ?? ""
    }

    @Test func complaintAcrossTelegramAndWebhookGetsATicket() throws {
        let desk = try LiveHelpdesk()
        defer { desk.stopAndClean() }
        let bridge = try BridgeEndToEndTests.startBridge(upstream: desk.port)
        defer { bridge.stop() }
        #expect(try BridgeEndToEndTests.waitHealthy(bridge))
        let c = try HTTPTestClient(port: bridge.port)

        let menu = try Self.telegram(c, "min sy mau komplain", update: 1)
        #expect(menu.contains("pelayanan") && menu.contains("LMS"), "category menu expected: \(menu)")

        let web = try c.post("/webhook", #"{"user":"tg:77001","channel":"tg","text":"4"}"#, headers: Self.webhookSecret)
        #expect(web.status == 200)
        let step = try JSONParser.parse(web.body)
        #expect(step["user"]?.stringValue == "tg:77001")
        #expect(step["intent"]?.stringValue == "complaint.file")
        #expect(step["reply"]?.stringValue?.lowercased().contains("ceritakan") == true, "description prompt expected: \(web.body)")

        let mode = try Self.telegram(c, "jadwal angkatan kami dipindah tiga kali tanpa surat pemberitahuan ke instansi", update: 2)
        #expect(mode.contains("anonim"), "mode prompt expected: \(mode)")
        let confirm = try Self.telegram(c, "3", update: 3)
        #expect(confirm.contains("(ya/tidak)") && confirm.contains("tanpa surat"), "summary expected: \(confirm)")
        let filed = try Self.telegram(c, "ya", update: 4)
        let ticket = try #require(filed.firstMatch(of: /ADU-\d{8}-\d{4}/).map { String($0.output) }, "no ticket in: \(filed)")
        #expect(desk.journalLines().contains { $0.contains(ticket) && $0.contains("tanpa surat") })

        let status = try c.post("/webhook", #"{"user":"tg:77001","channel":"tg","text":"status \#(ticket)"}"#, headers: Self.webhookSecret)
        let answer = try JSONParser.parse(status.body)
        #expect(answer["intent"]?.stringValue == "complaint.status")
        #expect(answer["reply"]?.stringValue?.contains(ticket) == true, "reply was: \(status.body)")
    }
}
