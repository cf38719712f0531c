import Testing
@testable import HelpdeskServer

@Suite struct BridgeMappingTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func webhookPrefixesUserByChannel() throws {
        #expect(try WebhookMapping.message(from: bytes(#"{"user":"alice","text":"halo"}"#))
            == InboundMessage(user: "web:alice", channel: "web", text: "halo"))
        #expect(try WebhookMapping.message(from: bytes(#"{"user":"web:alice","text":"halo"}"#)).user == "web:alice")
        #expect(try WebhookMapping.message(from: bytes(#"{"user":"62812","text":"x","channel":"whatsapp"}"#)).user == "whatsapp:62812")
        #expect(try WebhookMapping.message(from: bytes(#"{"user":"tg:5512","text":"x"}"#)).user == "web:tg:5512")
    }

    @Test func webhookRefusesBadBodies() {
        func code(_ s: String) -> String? {
            do { _ = try WebhookMapping.message(from: bytes(s)); return nil } catch { return error.code }
        }
        #expect(code("{not json") == "bad_json")
        #expect(code("") == "bad_json")
        #expect(code("[1,2]") == "bad_request")
        #expect(code(#"{"text":"x"}"#) == "bad_request")
        #expect(code(#"{"user":5,"text":"x"}"#) == "bad_request")
        #expect(code(#"{"user":"a"}"#) == "bad_request")
        #expect(code(#"{"user":"a","text":"  "}"#) == "bad_request")
        #expect(code(#"{"user":"a","text":"x","channel":"Bad Channel!"}"#) == "bad_request")
    }

    @Test func telegramTextUpdateMapsToChatUser() throws {
        let update = try TelegramMapping.update(from: bytes(#"{"update_id":1,"message":{"message_id":3,"chat":{"id":-1001234567890,"type":"group"},"text":"kapan angkatan 3?"}}"#))
        #expect(update == .text(chatID: "-1001234567890", text: "kapan angkatan 3?"))
        #expect(TelegramMapping.message(chatID: "-1001234567890", text: "x") == InboundMessage(user: "tg:-1001234567890", channel: "telegram", text: "x"))
    }

    @Test func telegramNonTextUpdatesAreIgnored() throws {
        let sticker = try TelegramMapping.update(from: bytes(#"{"update_id":2,"message":{"chat":{"id":5},"sticker":{"file_id":"x"}}}"#))
        let edit = try TelegramMapping.update(from: bytes(#"{"update_id":3,"edited_message":{"chat":{"id":5},"text":"x"}}"#))
        let callback = try TelegramMapping.update(from: bytes(#"{"update_id":4,"callback_query":{"id":"1","data":"x"}}"#))
        for u in [sticker, edit, callback] {
            guard case .ignored = u else { Issue.record("expected ignored, got \(u)"); continue }
        }
        #expect(throws: BridgeRequestError.self) { try TelegramMapping.update(from: self.bytes(#"{"message":{}}"#)) }
    }

    @Test func sendMessageBodyIsEscapedAndTruncated() {
        let body = String(decoding: TelegramMapping.sendMessage(chatID: "42", text: "baris 1\n\"kutip\""), as: UTF8.self)
        #expect(body == #"{"method":"sendMessage","chat_id":42,"text":"baris 1\n\"kutip\""}"#)
        let long = String(decoding: TelegramMapping.sendMessage(chatID: "1", text: String(repeating: "a", count: 5000)), as: UTF8.self)
        #expect(long.count < 4200)
    }

    @Test func upstreamCodecRoundTrip() throws {
        let line = String(decoding: UpstreamCodec.messageLine(id: "b7", InboundMessage(user: "web:a", channel: "web", text: "hi \"x\"")), as: UTF8.self)
        #expect(line == "{\"id\":\"b7\",\"user\":\"web:a\",\"channel\":\"web\",\"text\":\"hi \\\"x\\\"\"}\n")
        let reply = try #require(UpstreamCodec.reply(bytes(#"{"id":"b7","user":"web:a","intent":"greeting","reply":"Halo"}"#)))
        #expect(reply.id == "b7")
        #expect(reply.text == "Halo")
        #expect(String(decoding: UpstreamCodec.webhookBody(reply), as: UTF8.self) == #"{"user":"web:a","intent":"greeting","reply":"Halo"}"#)
        let err = try #require(UpstreamCodec.reply(bytes(#"{"id":"b8","error":{"code":"rate_limited","message":"slow down"}}"#)))
        #expect(err.errorCode == "rate_limited")
        #expect(UpstreamCodec.status(forError: "rate_limited") == 429)
        #expect(UpstreamCodec.reply(bytes("not json")) == nil)
    }

    @Test func routingTableGives404And405() {
        #expect(BridgeRoute.resolve(method: "POST", path: "/webhook") == .found(.webhook))
        #expect(BridgeRoute.resolve(method: "GET", path: "/webhook") == .methodNotAllowed(allow: ["POST"]))
        #expect(BridgeRoute.resolve(method: "GET", path: "/nope") == .notFound)
        #expect(BridgeRoute.resolve(method: "HEAD", path: "/healthz/") == .found(.healthz))
    }

    @Test func secretComparison() {
        let s = WebhookSecret("s3cret")!
        #expect(s.matches("s3cret"))
        #expect(!s.matches("s3cre"))
        #expect(!s.matches("s3cretX"))
        #expect(!s.matches(nil))
        #expect(!s.matches(""))
        #expect(WebhookSecret("") == nil)
    }

    @Test func metricsExposition() {
        let m = BridgeMetrics()
        m.request(route: "webhook", status: 200)
        m.request(route: "webhook", status: 200)
        m.request(route: nil, status: 404)
        m.error("bad_json")
        m.upstreamLatency(0.003)
        m.upstreamLatency(20)
        let text = m.render(gauges: [("helpdesk_bridge_upstream_ready", "Ready connections.", 3)])
        #expect(text.contains("helpdesk_bridge_requests_total{route=\"webhook\",status=\"200\"} 2\n"))
        #expect(text.contains("helpdesk_bridge_requests_total{route=\"other\",status=\"404\"} 1\n"))
        #expect(text.contains("helpdesk_bridge_errors_total{kind=\"bad_json\"} 1\n"))
        #expect(text.contains("helpdesk_bridge_upstream_latency_seconds_bucket{le=\"0.0025\"} 0\n"))
        #expect(text.contains("helpdesk_bridge_upstream_latency_seconds_bucket{le=\"0.005\"} 1\n"))
        #expect(text.contains("helpdesk_bridge_upstream_latency_seconds_bucket{le=\"10\"} 1\n"))
        #expect(text.contains("helpdesk_bridge_upstream_latency_seconds_bucket{le=\"+Inf\"} 2\n"))
        #expect(text.contains("helpdesk_bridge_upstream_latency_seconds_count 2\n"))
        #expect(text.contains("helpdesk_bridge_upstream_ready 3\n"))
    }
}
