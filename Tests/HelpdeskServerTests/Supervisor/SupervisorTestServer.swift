import Foundation
import Glibc
@testable import HelpdeskServer
import HelpdeskCore

/// A whole helpdesk (the real desk, intents and data of this repository, transcripts in a fresh
/// temporary folder) on an ephemeral port, for the supervisor tests.
struct SupervisorTestServer {
    static let token = "s3cret-token-for-tests"
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let helpdesk: Helpdesk
    let port: Int
    let transcripts: URL

    /// `copyIntents` serves a copy of `Intents/` inside the temporary folder (for `review.add`);
    /// `configure` adjusts the configuration; `clock` is the time the periodic duties go by;
    /// `transcripts` reuses a folder (a restart), a fresh temporary one by default; `recordSync`
    /// stands in for `fsync` of the complaint journal, audit log and survey log.
    init(token: String? = SupervisorTestServer.token, copyIntents: Bool = false,
         configure: (inout ServerConfiguration) -> Void = { _ in },
         clock: @escaping @Sendable () -> Date = { Date() }, transcripts folder: URL? = nil,
         recordSync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) throws {
        transcripts = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("supervisor-test-\(UUID().uuidString)")
        var c = ServerConfiguration()
        c.port = 0
        c.rate = 0
        c.intentsPath = Self.repo.appendingPathComponent("Intents").path
        if copyIntents {
            let copy = transcripts.appendingPathComponent("Intents")
            try FileManager.default.createDirectory(at: transcripts, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: c.intentsPath, toPath: copy.path)
            c.intentsPath = copy.path
        }
        c.dataPath = Self.repo.appendingPathComponent("Data").path
        c.transcriptsPath = transcripts.path
        c.supervisorToken = token
        // A long window so "a quick retry" is inside it even on a loaded machine.
        configure(&c)
        helpdesk = try Helpdesk(configuration: c, loginThrottle: LoginThrottle(base: .seconds(120)), clock: clock,
                                recordSync: recordSync)
        port = try helpdesk.start()
    }

    func client() throws -> TestClient {
        let client = try TestClient(port: port)
        _ = try client.expectLine()
        return client
    }

    /// A client logged in as supervisor with the JSON `login`.
    func supervisor() throws -> TestClient {
        let client = try client()
        try client.send(#"{"id":"login","cmd":"login","token":"\#(Self.token)"}"# + "\n")
        let reply = try client.readJSON()
        guard reply["role"]?.stringValue == "supervisor" else { throw TestClientError(description: "login failed: \(reply)") }
        return client
    }

    /// Shuts this server down, keeping its folder, and starts a new one on it.
    func restarted() throws -> SupervisorTestServer {
        helpdesk.shutdown()
        return try SupervisorTestServer(transcripts: transcripts)
    }

    func stop() {
        helpdesk.shutdown()
        try? FileManager.default.removeItem(at: transcripts)
    }
}

extension TestClient {
    /// Sends one JSON request and returns the reply with that `id`, skipping pushed event lines.
    func request(_ json: String) throws -> JSONValue {
        try send(json + "\n")
        let id = try JSONParser.parse(json)["id"]
        while true {
            let line = try readJSON()
            if line["event"] == nil, line["id"] == id { return line }
        }
    }

    /// Reads lines until one satisfies `match` (pushed lines may come before it).
    func readUntil(_ match: (String) -> Bool) throws -> String {
        while true {
            let line = try expectLine()
            if match(line) { return line }
        }
    }

    /// Sends a `/command` and reads its answer up to and including the line that matches `last`.
    func slash(_ command: String, until last: (String) -> Bool) throws -> [String] {
        try send(command + "\n")
        var lines: [String] = []
        while true {
            let line = try expectLine()
            lines.append(line)
            if last(line) { return lines }
        }
    }
}
