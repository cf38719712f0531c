import Foundation
import Glibc
import Testing
@testable import HelpdeskServer
import HelpdeskCore

/// When the server ends a conversation while the client is still sending (a `/quit` with more
/// lines pipelined behind it, a disconnect for abuse, a shutdown while someone types), closing
/// the socket with that input unread makes the kernel answer with a reset, and a reset can
/// destroy the last replies before the client reads them. The server instead sends its last
/// line and FIN, reads and discards what still arrives, and closes once the client hangs up or
/// goes quiet: the client sees every reply and then a clean end of stream.
@Suite struct LingeringCloseTests {
    @Test func aPipelinedQuitDeliversTheGoodbyeAndACleanEnd() throws {
        let s = try RunningServer()
        defer { s.stop() }
        let c = try s.client()
        // Far more than one read (32 KiB) behind the /quit, so input is still unread when the
        // server decides to close.
        let tail = [UInt8](String(repeating: "halo lagi\n", count: 20_000).utf8)
        let sent = sendInBackground(c.fd, Array("halo\n/quit\n".utf8) + tail)
        let (bytes, end) = readToEnd(c.fd)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "the echo of the first line, then the goodbye; nothing after /quit is answered")
        #expect(lines.first?.hasSuffix("halo") == true)
        #expect(lines.last == ServerPhrases.goodbye(.id))
        #expect(end == 0, "a clean end of stream, not a reset (errno \(end))")
        #expect(sent.wait(timeout: .now() + 10) == .success)
    }

    /// The harder case: the client's receive window is small and it reads only after sending
    /// everything, so the server's last replies are still in its send queue, not yet on the
    /// wire, when it decides to close. A close with unread input discards that queue.
    @Test func repliesStillQueuedForASlowReaderAreNotDiscarded() throws {
        let s = try RunningServer { $0.rate = 0 }
        defer { s.stop() }
        let fd = try connectLoopback(port: s.port, receiveBuffer: 4096)
        defer { Glibc.close(fd) }
        let lines = String(repeating: "halo\n", count: 400) + "/quit\n" + String(repeating: "masih ada\n", count: 20_000)
        let done = sendInBackground(fd, Array(lines.utf8))
        usleep(300_000)   // let the server answer and decide to close before anything is read
        let (bytes, end) = readToEnd(fd)
        let got = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(got.count == 402, "banner, 400 echoes and the goodbye (got \(got.count))")
        #expect(got.last == ServerPhrases.goodbye(.id))
        #expect(end == 0, "a clean end of stream, not a reset (errno \(end))")
        #expect(done.wait(timeout: .now() + 10) == .success)
    }

    @Test func aClientDisconnectedForErrorsStillReadsWhy() throws {
        let s = try RunningServer { $0.maxConsecutiveErrors = 3 }
        defer { s.stop() }
        let c = try s.client()
        let junk = [UInt8](String(repeating: "{bukan json\n", count: 10_000).utf8)
        let sent = sendInBackground(c.fd, junk)
        let (bytes, end) = readToEnd(c.fd)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.last == ServerPhrases.tooManyErrors)
        #expect(end == 0, "a clean end of stream, not a reset (errno \(end))")
        #expect(sent.wait(timeout: .now() + 10) == .success)
    }

    /// A client that says nothing more after the server's last line is not waited for: the
    /// server closes once the connection has been quiet for a moment, well within the grace.
    @Test func aQuietClientIsClosedWithoutWaitingForIt() throws {
        let s = try RunningServer { $0.closeGrace = 60 }
        defer { s.stop() }
        let c = try s.client()
        try c.send("/quit\n")
        #expect(try c.expectLine() == ServerPhrases.goodbye(.id))
        var open = s.server.connectionCount
        for _ in 0..<500 where open > 0 {
            usleep(20_000)
            open = s.server.connectionCount
        }
        #expect(open == 0, "closed while the client still holds its end open")
        #expect(try c.readLine() == nil)
    }
}
