import Foundation
import Synchronization
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

    /// Replies that arrive in pieces (a banner in two writes, a line split mid-key, two replies in
    /// one write) are each timed once, and an error split across reads is still counted.
    @Test func repliesSplitAcrossReadsAreCountedOnce() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length); return getsockname(listener, $0, &length) }
        }
        #expect(listen(listener, 4) == 0)
        // Each request gets a reply cut as the next pattern says; every third one is an error.
        let pieces: [[String]] = [[#"{"reply":"ha"#, #"lo"}"# + "\n"], [#"{"id":1,"err"#, #"or":"x"}"# + "\n"],
                                  [#"{"reply":"a"}"# + "\n" + #"{"reply":"b"#, #""}"# + "\n"]]
        let served = Thread { [listener] in
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            defer { close(fd) }
            func write(_ text: String) { _ = Array(text.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }; usleep(2_000) }
            write("Selamat "); write("datang\n")
            var pending = 0, turn = 0, buffer = [UInt8](repeating: 0, count: 4096)
            while turn < 30 {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { return }
                pending += buffer[0..<n].filter { $0 == 10 }.count
                // the third pattern answers two requests at once: wait until two are pending
                while pending > 0 {
                    let pattern = pieces[turn % 3]
                    let answers = pattern.joined().filter { $0 == "\n" }.count
                    if answers > pending { break }
                    pattern.forEach(write)
                    pending -= answers
                    turn += 1
                }
            }
        }
        served.start()
        var o = LoadGenerator.Options()
        o.port = Int(UInt16(bigEndian: address.sin_port))
        o.connections = 1
        o.pipeline = 2
        o.expectBanner = true
        o.warmup = 0.001   // ends before the banner's second half is sent: every answer counts
        o.duration = 1.5
        o.requests = ["halo"]
        let result = try LoadGenerator(options: o).run()
        // 30 patterns answered 40 requests, 10 of them with an error; then the peer hung up
        #expect(result.requests == 40)
        #expect(result.latency.count == 40)
        #expect(result.errors == 10)
        #expect(result.failedConnections == 1)
    }

    /// The generator's threads ask for `SCHED_BATCH` (a wakeup does not preempt the server under
    /// test); the policy is the thread's own, the test runner's threads keep theirs.
    @Test func generatorThreadsRunAsBatch() {
        let seen = Mutex<(Int32, Int32)>((-1, -1))
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let before = BatchScheduling.currentPolicy()
            let entered = BatchScheduling.enterForCurrentThread()
            let after = BatchScheduling.currentPolicy()
            seen.withLock { $0 = (before, entered ? after : -2) }
            done.signal()
        }
        done.wait()
        #expect(seen.withLock { $0.1 } == BatchScheduling.policy)
        #expect(seen.withLock { $0.0 } != BatchScheduling.policy)
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
