import Foundation
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// `helpdesk bench`'s load generator against a real server: it reads the banner, keeps the
/// pipeline full, counts answers and error replies, and refuses non-loopback targets.
@Suite struct LoadGeneratorTests {
    @Test func drivesARealServerAndCountsAnswers() throws {
        let running = try RunningServer { $0.rate = 0 }
        defer { running.stop() }
        var o = LoadGenerator.Options()
        o.port = running.port
        o.connections = 4
        o.pipeline = 4
        o.warmup = 0.1
        o.duration = 0.5
        let result = try LoadGenerator(options: o).run()
        #expect(result.requests > 0)
        #expect(result.errors == 0)
        #expect(result.failedConnections == 0)
        #expect(result.latency.count == Int64(result.requests))
    }

    @Test func errorRepliesAreCounted() throws {
        let running = try RunningServer {
            $0.rate = 0
            $0.maxConsecutiveErrors = 1_000_000   // the server otherwise disconnects an abusive client
        }
        defer { running.stop() }
        var o = LoadGenerator.Options()
        o.port = running.port
        o.connections = 2
        o.warmup = 0.1
        o.duration = 0.3
        o.requests = [#"{"id":1,"cmd":"no-such-command"}"#]
        let result = try LoadGenerator(options: o).run()
        #expect(result.requests > 0)
        #expect(result.errors == result.requests)
    }

    @Test func eachConnectionCanBeItsOwnUser() {
        var o = LoadGenerator.Options()
        o.requests = [#"{"id":1,"user":"bench:{connection}","text":"halo"}"#, #"{"id":2,"cmd":"ping"}"#]
        let worker = BenchWorker(options: o, connectionIndexes: [3, 5], measureFrom: .now, stopAt: .now)
        let lines = worker.payloads(for: 5).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines == [#"{"id":1,"user":"bench:5","text":"halo"}"# + "\n", #"{"id":2,"cmd":"ping"}"# + "\n"])
    }

    @Test func replyLinesAreClassifiedAsErrorsByTheirKey() {
        func error(_ line: String) -> Bool { Array(line.utf8).withUnsafeBufferPointer { BenchWorker.isError($0) } }
        #expect(error(#"{"id":1,"error":"rate_limited","message":"slow down"}"#))
        #expect(error(#"{"error":"bad_json"}"#))
        #expect(error("-ERR unknown command"))
        #expect(!error(#"{"id":1,"reply":"Maaf, ada error di LMS? Tulis "error" lengkapnya."}"#))
        #expect(!error(#"{"pong":true}"#))
        #expect(!error("PONG"))
        #expect(!error(#""error""#), "the key needs its colon")
        #expect(error(#"x"error":"#), "the key at the very end")
        #expect(!error(""))
    }

    @Test func onlyLoopbackTargetsCountAsLocal() {
        #expect(LoadGenerator.isLoopback(host: "127.0.0.1"))
        #expect(LoadGenerator.isLoopback(host: "::1"))
        #expect(LoadGenerator.isLoopback(host: "localhost"))
        #expect(!LoadGenerator.isLoopback(host: "192.0.2.1"))   // TEST-NET-1: resolved, never contacted
        #expect(!LoadGenerator.isLoopback(host: "no-such-host.invalid"))
    }
}
