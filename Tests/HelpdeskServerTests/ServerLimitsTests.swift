import Foundation
import Glibc
import Testing
import HelpdeskCore
@testable import HelpdeskServer

@Suite struct ServerLimitsTests {
    @Test func aClientThatNeverReadsIsThrottledAndOthersAreStillServed() throws {
        let s = try RunningServer { $0.rate = 0 }
        defer { s.stop() }
        let hog = try s.client()
        // Send pings without reading a single reply. Once the server stops reading from us, the
        // kernel buffers fill and a non-blocking send reports EAGAIN: that proves the bound.
        _ = fcntl(hog.fd, F_SETFL, fcntl(hog.fd, F_GETFL) | O_NONBLOCK)
        let chunk = Array(String(repeating: "{\"id\":1,\"cmd\":\"ping\"}\n", count: 2000).utf8)
        var sent = 0
        var blockedRounds = 0
        let cap = 256 * 1024 * 1024
        while sent < cap, blockedRounds < 20 {
            let n = chunk.withUnsafeBytes { Glibc.send(hog.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                sent += n
                blockedRounds = 0
            } else {
                blockedRounds += 1
                usleep(50_000)
            }
        }
        #expect(sent < cap, "the server kept reading from a client that never reads its replies")
        let other = try s.client()
        try other.send("{\"id\":\"still\",\"cmd\":\"ping\"}\n")
        #expect(try other.expectLine() == #"{"id":"still","ok":true}"#)
        #expect(s.server.connectionCount == 2)
    }

    @Test func refusesConnectionsBeyondTheLimitWithOneLine() throws {
        let s = try RunningServer { $0.maxConnections = 2 }
        defer { s.stop() }
        let a = try s.client()
        let b = try s.client()
        let refused = try TestClient(port: s.port)
        #expect(try refused.expectLine() == ServerPhrases.busy)
        #expect(try refused.readLine() == nil)
        try a.send("{\"id\":1,\"cmd\":\"ping\"}\n")
        #expect(try a.expectLine() == #"{"id":1,"ok":true}"#)
        _ = b
    }

    @Test func closesIdleConnectionsWithALine() throws {
        let s = try RunningServer { $0.idleTimeout = 0.3 }
        defer { s.stop() }
        let c = try s.client()
        #expect(try c.expectLine() == ServerPhrases.idle)
        #expect(try c.readLine() == nil)
    }

    @Test func rateLimitAnswersWithErrorsNotSilence() throws {
        let s = try RunningServer { $0.rate = 0.001; $0.burst = 5 }
        defer { s.stop() }
        let c = try s.client()
        var batch = ""
        for i in 0..<8 { batch += "{\"id\":\(i),\"cmd\":\"ping\"}\n" }
        try c.send(batch + "halo\n")
        for i in 0..<5 { #expect(try c.expectLine() == "{\"id\":\(i),\"ok\":true}") }
        for i in 5..<8 {
            let reply = try c.readJSON()
            #expect(reply["id"]?.doubleValue == Double(i))
            #expect(reply["error"]?["code"]?.stringValue == "rate_limited")
        }
        #expect(try c.expectLine() == ServerPhrases.rateLimited(.id))
    }

    @Test func keepsAbusingClientsOutAfterConsecutiveErrors() throws {
        let s = try RunningServer { $0.maxConsecutiveErrors = 3 }
        defer { s.stop() }
        let c = try s.client()
        try c.send("{x\n{\"id\":1,\"cmd\":\"ping\"}\n{x\n{x\n{x\n")
        #expect(try c.readJSON()["error"]?["code"]?.stringValue == "bad_json")
        #expect(try c.expectLine() == #"{"id":1,"ok":true}"#)
        for _ in 0..<3 { #expect(try c.readJSON()["error"]?["code"]?.stringValue == "bad_json") }
        #expect(try c.expectLine() == ServerPhrases.tooManyErrors)
        #expect(try c.readLine() == nil)
    }

    @Test func gracefulShutdownTellsConnectedPeopleAndStops() throws {
        let s = try RunningServer()
        let c = try s.client()
        try c.send("halo\n")
        #expect(try c.expectLine().hasSuffix("halo"))
        s.stop()
        #expect(try c.expectLine() == ServerPhrases.shuttingDown)
        #expect(try c.readLine() == nil)
        #expect(s.server.connectionCount == 0)
    }
}

@Suite struct TokenBucketTests {
    @Test func allowsTheBurstThenRefillsWithTime() {
        var bucket = TokenBucket(rate: 2, burst: 3)
        let t0 = ContinuousClock.now
        var results: [Bool] = []
        for _ in 0..<4 { results.append(bucket.take(at: t0)) }
        results.append(bucket.take(at: t0.advanced(by: .milliseconds(500))))
        results.append(bucket.take(at: t0.advanced(by: .milliseconds(500))))
        #expect(results == [true, true, true, false, true, false])
        var unlimited = TokenBucket(rate: 0, burst: 1)
        var allowed = 0
        for _ in 0..<100 where unlimited.take(at: t0) { allowed += 1 }
        #expect(allowed == 100)
    }
}

/// The idle sweep reads `now` once and then each connection's last activity; a connection that
/// was active after `now` was read must count as not idle at all (it used to wrap around and be
/// closed as idle, failing busy clients while 10,000 connections were swept).
@Suite struct IdleSweepArithmeticTests {
    @Test func activityAfterTheSweepsClockReadIsNotIdle() {
        #expect(Server.elapsed(from: 1_000_500, to: 1_000_000) == 0)
        #expect(Server.elapsed(from: 1_000_000, to: 1_000_000) == 0)
        #expect(Server.elapsed(from: 400, to: 1_000) == 600)
    }
}
