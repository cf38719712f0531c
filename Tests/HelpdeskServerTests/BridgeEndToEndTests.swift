import Foundation
import Glibc
import Testing
@testable import HelpdeskServer
import HelpdeskCore

/// The bridge over real sockets: a real line server (placeholder desk) on an ephemeral port,
/// the bridge on another, and raw HTTP from a blocking client.
@Suite struct BridgeEndToEndTests {
    static func startUpstream(port: Int = 0) throws -> (Server, Int) {
        var config = ServerConfiguration()
        config.port = port
        config.rate = 100_000
        config.burst = 100_000
        let server = Server(configuration: config, responder: EchoResponder())
        let p = try server.start()
        return (server, p)
    }

    static func startBridge(upstream: Int, secret: String? = "s3cret", requestTimeout: Double = 10, maxBody: Int = 65536) throws -> WebhookBridge {
        var config = WebhookBridge.Configuration()
        config.listenPort = 0
        config.upstreamPort = upstream
        config.connections = 2
        config.secret = secret
        config.limits.requestTimeout = requestTimeout
        config.limits.maxBodyBytes = maxBody
        let bridge = try WebhookBridge(config)
        bridge.start()
        return bridge
    }

    /// Polls /healthz until it answers 200 (the upstream connections are up), for at most 15 s.
    static func waitHealthy(_ bridge: WebhookBridge) throws -> Bool {
        for _ in 0..<300 {
            let c = try HTTPTestClient(port: bridge.port)
            if try c.get("/healthz").status == 200 { return true }
            usleep(50_000)
        }
        return false
    }

    @Test func genericAndTelegramRequestsAreAnswered() throws {
        let (server, up) = try Self.startUpstream()
        defer { server.shutdown() }
        let bridge = try Self.startBridge(upstream: up)
        defer { bridge.stop() }
        #expect(try Self.waitHealthy(bridge))
        let c = try HTTPTestClient(port: bridge.port)
        let r = try c.post("/webhook", #"{"user":"alice","text":"halo"}"#, headers: ["X-Helpdesk-Secret: s3cret"])
        #expect(r.status == 200)
        let reply = try JSONParser.parse(r.body)
        #expect(reply["user"]?.stringValue == "web:alice")
        #expect(reply["reply"]?.stringValue?.contains("halo") == true)
        #expect(reply["id"] == nil)

        let t = try c.post("/telegram", #"{"update_id":9,"message":{"message_id":1,"chat":{"id":5512},"text":"kapan jadwal?"}}"#,
                           headers: ["X-Telegram-Bot-Api-Secret-Token: s3cret"])
        #expect(t.status == 200)
        let send = try JSONParser.parse(t.body)
        #expect(send["method"]?.stringValue == "sendMessage")
        #expect(send["chat_id"]?.doubleValue == 5512)
        #expect(send["text"]?.stringValue?.contains("kapan jadwal?") == true)

        let sticker = try c.post("/telegram", #"{"update_id":10,"message":{"chat":{"id":5512},"sticker":{}}}"#,
                                 headers: ["X-Telegram-Bot-Api-Secret-Token: s3cret"])
        #expect(sticker.status == 200 && sticker.body.isEmpty)
    }

    @Test func refusalsGetTheRightStatus() throws {
        let (server, up) = try Self.startUpstream()
        defer { server.shutdown() }
        let bridge = try Self.startBridge(upstream: up, maxBody: 1024)
        defer { bridge.stop() }
        let c = try HTTPTestClient(port: bridge.port)
        let secret = ["X-Helpdesk-Secret: s3cret"]
        #expect(try c.post("/webhook", #"{"user":"a","text":"x"}"#, headers: ["X-Helpdesk-Secret: wrong"]).status == 401)
        #expect(try c.post("/webhook", #"{"user":"a","text":"x"}"#).status == 401)
        #expect(try c.post("/telegram", #"{"update_id":1}"#, headers: secret).status == 401)
        let bad = try c.post("/webhook", "{nope", headers: secret)
        #expect(bad.status == 400)
        #expect(try JSONParser.parse(bad.body)["error"]?["code"]?.stringValue == "bad_json")
        #expect(try c.post("/webhook", #"{"text":"x"}"#, headers: secret).status == 400)
        #expect(try c.get("/nowhere").status == 404)
        let wrong = try c.get("/webhook")
        #expect(wrong.status == 405)
        #expect(wrong.headers["allow"] == "POST")
        let big = try c.post("/webhook", #"{"user":"a","text":""# + String(repeating: "x", count: 2000) + #""}"#, headers: secret)
        #expect(big.status == 413)
        #expect(try c.isClosedByPeer())
    }

    /// A client with a small receive window pipelines answered requests, then a malformed one,
    /// then keeps sending, and reads only afterwards. The bridge answers 400 and closes; closing
    /// on the unread input would reset the connection and drop the responses still queued in
    /// the kernel. It drains instead (a lingering close): every response arrives, then a clean
    /// end of stream.
    @Test func responsesQueuedBeforeARefusalAreNotDiscarded() throws {
        let (server, up) = try Self.startUpstream()
        defer { server.shutdown() }
        let bridge = try Self.startBridge(upstream: up)
        defer { bridge.stop() }
        #expect(try Self.waitHealthy(bridge))
        let fd = try connectLoopback(port: bridge.port, receiveBuffer: 4096)
        defer { close(fd) }
        let body = #"{"user":"alice","text":"halo, kapan jadwal angkatan berikutnya untuk pelatihan ini?"}"#
        let one = "POST /webhook HTTP/1.1\r\nHost: t\r\nX-Helpdesk-Secret: s3cret\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let bad = "BROKEN\r\n\r\n"
        let tail = String(repeating: "x", count: 200_000)
        let bytes = Array((String(repeating: one, count: 60) + bad + tail).utf8)
        let sent = sendInBackground(fd, bytes)
        usleep(1_500_000)   // the bridge answers all 60, refuses the 61st and decides to close
        let (received, end) = readToEnd(fd)
        let text = String(decoding: received, as: UTF8.self)
        #expect(text.components(separatedBy: "HTTP/1.1 200").count - 1 == 60)
        #expect(text.contains("HTTP/1.1 400"))
        #expect(end == 0, "a clean end of stream, not a reset (errno \(end))")
        #expect(sent.wait(timeout: .now() + 10) == .success)
    }

    @Test func chunkedBodyAndManyRequestsOnOneConnection() throws {
        let (server, up) = try Self.startUpstream()
        defer { server.shutdown() }
        let bridge = try Self.startBridge(upstream: up, secret: nil)
        defer { bridge.stop() }
        #expect(try Self.waitHealthy(bridge))
        let c = try HTTPTestClient(port: bridge.port)
        let body = #"{"user":"chunky","text":"halo chunk"}"#
        let half = body.utf8.count / 2
        let first = String(decoding: Array(body.utf8)[..<half], as: UTF8.self)
        let second = String(decoding: Array(body.utf8)[half...], as: UTF8.self)
        try c.send("POST /webhook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                   + String(first.utf8.count, radix: 16) + "\r\n" + first + "\r\n"
                   + String(second.utf8.count, radix: 16) + "\r\n" + second + "\r\n0\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 200)
        #expect(r.body.contains("halo chunk"))

        for i in 0..<200 {
            let r = try c.post("/webhook", #"{"user":"u\#(i % 7)","text":"pesan \#(i)"}"#)
            #expect(r.status == 200)
            #expect(r.body.contains("pesan \(i)"))
        }
        // Pipelined: ten requests written at once come back in order.
        var burst = ""
        for i in 0..<10 {
            let b = #"{"user":"p","text":"urut \#(i)"}"#
            burst += "POST /webhook HTTP/1.1\r\nContent-Length: \(b.utf8.count)\r\n\r\n\(b)"
        }
        try c.send(burst)
        for i in 0..<10 { #expect(try c.readResponse().body.contains("urut \(i)")) }
    }

    @Test func slowClientIsTimedOut() throws {
        let bridge = try Self.startBridge(upstream: 1, requestTimeout: 0.3)
        defer { bridge.stop() }
        let c = try HTTPTestClient(port: bridge.port)
        try c.send("POST /webhook HTTP/1.1\r\nContent-Le")
        let r = try c.readResponse()
        #expect(r.status == 408)
        #expect(try c.isClosedByPeer())
    }

    /// Reserves a port below the kernel's ephemeral range for the whole of a test: a socket bound
    /// to it with SO_REUSEADDR but never listening. Connections to the port are refused (the
    /// upstream is "down"), no other process can take the port meanwhile (an earlier version only
    /// probed the port and released it, and a CI run lost it to another process before the
    /// server came back), and Linux still lets our server bind and listen there, because
    /// SO_REUSEADDR sockets share a port as long as only one of them listens. Below the ephemeral
    /// range so the bridge's own reconnect attempts cannot connect the port to itself.
    static func reservePortOutsideEphemeralRange() throws -> (fd: Int32, port: Int) {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? "32768"
        let low = Int(range.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first ?? "") ?? 32768
        let top = max(2000, low - 1)
        var candidate = 1024 + Int.random(in: 0..<max(1, top - 1024 - 200))
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { break }
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(candidate).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 { return (fd, candidate) }
            close(fd)
            candidate += 1
        }
        throw SocketError("no free port below \(low)", code: 0)
    }

    @Test func upstreamDownGives502ThenRecovers() throws {
        // A reserved port with nothing listening on it while the bridge tries it.
        let (reservation, port) = try Self.reservePortOutsideEphemeralRange()
        defer { close(reservation) }
        let bridge = try Self.startBridge(upstream: port, secret: nil)
        defer { bridge.stop() }
        let c = try HTTPTestClient(port: bridge.port)
        let down = try c.post("/webhook", #"{"user":"a","text":"halo"}"#)
        #expect(down.status == 502)
        #expect(try c.get("/healthz").status == 502)

        let (server, _) = try Self.startUpstream(port: port)
        defer { server.shutdown() }
        #expect(try Self.waitHealthy(bridge))
        let up = try c.post("/webhook", #"{"user":"a","text":"halo lagi"}"#)
        #expect(up.status == 200)
        #expect(up.body.contains("halo lagi"))
        let metrics = try c.get("/metrics")
        #expect(metrics.body.contains("helpdesk_bridge_requests_total{route=\"webhook\",status=\"502\"} 1"))
        #expect(metrics.body.contains("helpdesk_bridge_upstream_latency_seconds_count"))
    }
}

/// One person's messages keep to one upstream connection while it is up, so they are answered
/// in the order they were sent even when the bridge holds several connections.
@Suite struct UpstreamPoolRoutingTests {
    @Test func aUserKeepsToOneConnection() throws {
        let (server, port) = try BridgeEndToEndTests.startUpstream()
        defer { server.shutdown() }
        let pool = UpstreamPool(host: "127.0.0.1", port: port, connections: 4, timeout: 5, maxWaiting: 100, metrics: BridgeMetrics())
        pool.start()
        defer { pool.stop() }
        for _ in 0..<400 where pool.readyCount < 4 { usleep(10_000) }
        #expect(pool.readyCount == 4)
        let users = (0..<40).map { "tg:\($0)" }
        for user in users {
            let first = try #require(pool.home(user))
            #expect((0..<5).allSatisfy { _ in pool.home(user) === first })
        }
        let distinct = Set(users.compactMap { pool.home($0).map(ObjectIdentifier.init) })
        #expect(distinct.count > 1, "users should spread over the pool")
    }
}
