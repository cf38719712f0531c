import Foundation
import Glibc
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// Runs the real `helpdesk` executable: readiness line, SIGTERM, the going-down line, exit 0.
@Suite struct ProcessShutdownTests {
    static func binary() -> URL? {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for dir in candidates {
            let url = dir.appendingPathComponent("helpdesk")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    @Test func sigtermSaysGoodbyeAndExitsZero() throws {
        let binary = try #require(Self.binary(), "build the helpdesk executable first (swift build)")
        let process = Process()
        process.executableURL = binary
        let transcripts = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-sigterm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: transcripts) }
        process.arguments = ["serve", "--port", "0", "--host", "127.0.0.1", "--transcripts", transcripts.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }

        var log = ""
        var port: Int?
        while port == nil {
            let data = errors.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            log += String(decoding: data, as: UTF8.self)
            if let range = log.range(of: "listening on 127.0.0.1:") {
                let digits = log[range.upperBound...].prefix { $0.isNumber }
                if log[range.upperBound...].contains("\n") { port = Int(digits) }
            }
        }
        let ready = try #require(port, "no 'listening on' line; stderr was: \(log)")
        let client = try TestClient(port: ready)
        #expect(try client.expectLine() == ServerPhrases.banner)
        try client.send("{\"id\":1,\"cmd\":\"ping\"}\n")
        #expect(try client.expectLine() == #"{"id":1,"ok":true}"#)
        kill(process.processIdentifier, SIGTERM)
        #expect(try client.expectLine() == ServerPhrases.shuttingDown)
        #expect(try client.readLine() == nil)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
