import Foundation
import Glibc
import Synchronization
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// Issue 4's crash test: complaints filed over several connections, the real `helpdesk` process
/// killed with SIGKILL while clients are still filing, then restarted on the same transcripts
/// folder. Every ticket a citizen was given must be found again, with its text, over the
/// protocol and in the journal, and `helpdesk verify` must accept the folder.
@Suite(.serialized) struct CrashRecoveryTests {
    /// A spawned `helpdesk serve` and the port it announced.
    struct Spawned {
        let process: Process
        let port: Int
        let errors: Pipe
    }

    static func spawn(_ binary: URL, transcripts: URL) throws -> Spawned {
        let root = LiveHelpdesk.repositoryRoot
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--host", "127.0.0.1", "--rate", "0",
                             "--intents", root.appendingPathComponent("Intents").path,
                             "--data", root.appendingPathComponent("Data").path,
                             "--transcripts", transcripts.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var log = ""
        while true {
            let data = errors.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            log += String(decoding: data, as: UTF8.self)
            if let range = log.range(of: "listening on 127.0.0.1:"), log[range.upperBound...].contains("\n") {
                let port = Int(log[range.upperBound...].prefix { $0.isNumber }) ?? 0
                // Keep draining stderr so the server never blocks on a full pipe.
                let handle = errors.fileHandleForReading
                DispatchQueue.global().async { while !handle.availableData.isEmpty {} }
                return Spawned(process: process, port: port, errors: errors)
            }
        }
        process.waitUntilExit()
        throw TestClientError(description: "no 'listening on' line; stderr was: \(log)")
    }

    /// What one filing client was told: ticket → the description it filed.
    final class Receipts: Sendable {
        let tickets = Mutex<[String: String]>([:])
        var count: Int { tickets.withLock { $0.count } }
    }

    /// Files complaints in a loop (one message with everything, then "ya") until the connection dies.
    static func fileUntilCut(port: Int, client number: Int, receipts: Receipts) {
        guard let a = try? Adapter(port: port) else { return }
        var k = 0
        while true {
            k += 1
            let user = "wa:6281500\(number)\(k)"
            let text = "Aduan uji nomor \(number)-\(k): LMS error terus, video modul \(k) tidak bisa diputar sejak kemarin. anonim"
            guard let summary = try? a.ask(user, text), summary.says("(ya/tidak)") else { return }
            guard let filed = try? a.ask(user, "ya") else { return }
            guard let ticket = filed.ticket else { return }
            receipts.tickets.withLock { $0[ticket] = "Aduan uji nomor \(number)-\(k)" }
        }
    }

    @Test func everyTicketGivenOutSurvivesSIGKILL() throws {
        let binary = try #require(ProcessShutdownTests.binary(), "build the helpdesk executable first (swift build)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Self.spawn(binary, transcripts: dir)
        let watchdog = DispatchWorkItem { if first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)

        let receipts = Receipts()
        let clients = DispatchGroup()
        for n in 1...4 {
            DispatchQueue.global().async(group: clients) { Self.fileUntilCut(port: first.port, client: n, receipts: receipts) }
        }
        // Kill while the clients are still filing: once a dozen tickets are out, or after 20 s.
        for _ in 0..<400 where receipts.count < 12 { usleep(50_000) }
        let stillFiling = clients.wait(timeout: .now()) == .timedOut
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(stillFiling, "every client had stopped before the kill")
        watchdog.cancel()
        #expect(first.process.terminationReason == .uncaughtSignal)
        #expect(clients.wait(timeout: .now() + 30) == .success, "filing clients did not notice the kill")
        let given = receipts.tickets.withLock { $0 }
        #expect(given.count >= 1, "no ticket was given out before the kill")

        let second = try Self.spawn(binary, transcripts: dir)
        defer {
            kill(second.process.processIdentifier, SIGKILL)
            second.process.waitUntilExit()
        }
        let checker = try Adapter(port: second.port)
        let journal = (try? String(contentsOf: dir.appendingPathComponent("complaints.jsonl"), encoding: .utf8)) ?? ""
        let journalLines = journal.split(separator: "\n")
        for (ticket, description) in given.sorted(by: { $0.key < $1.key }) {
            let status = try checker.ask("wa:checker-\(ticket)", "status aduan \(ticket)")
            #expect(status.intent == "complaint.status")
            #expect(status.says(ticket) && !status.says("tidak ditemukan"), "\(ticket) lost: \(status.text)")
            #expect(journalLines.contains { $0.contains(ticket) && $0.contains(description) },
                    "\(ticket) with '\(description)' not in complaints.jsonl")
        }

        let verify = Process()
        verify.executableURL = binary
        verify.arguments = ["verify", dir.path]
        let out = Pipe()
        verify.standardOutput = out
        verify.standardError = out
        try verify.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        verify.waitUntilExit()
        #expect(verify.terminationStatus == 0, "helpdesk verify failed: \(report)")
    }
}
