import Foundation
import Glibc
@testable import HelpdeskServer
import HelpdeskCore

/// The whole helpdesk as `helpdesk serve` assembles it, on an ephemeral port, with the
/// repository's real `Intents/` and `Data/` and a fresh temporary transcripts folder. The
/// conversation suites talk to it over real sockets, as a telnet person or as an adapter.
final class LiveHelpdesk {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let helpdesk: Helpdesk
    let port: Int
    let transcripts: URL

    /// Starts a helpdesk; `transcripts` is reused when given (a restart), otherwise a new folder.
    init(transcripts: URL? = nil) throws {
        let dir = transcripts ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("helpdesk-e2e-\(UUID().uuidString)")
        self.transcripts = dir
        var c = ServerConfiguration()
        c.port = 0
        c.rate = 0
        c.intentsPath = Self.repositoryRoot.appendingPathComponent("Intents").path
        c.dataPath = Self.repositoryRoot.appendingPathComponent("Data").path
        c.transcriptsPath = dir.path
        helpdesk = try Helpdesk(configuration: c)
        port = try helpdesk.start()
    }

    func stop() { helpdesk.shutdown() }

    /// Stops the server and removes its transcripts folder.
    func stopAndClean() {
        stop()
        try? FileManager.default.removeItem(at: transcripts)
    }

    func person() throws -> Person { try Person(port: port) }
    func adapter() throws -> Adapter { try Adapter(port: port) }

    /// The service data the server is reading, for expectations relative to today.
    static func serviceData() -> ServiceData? {
        ServiceData.load(directory: repositoryRoot.appendingPathComponent("Data").path).data
    }

    /// Every line of the complaint journal on disk.
    func journalLines() -> [String] {
        let path = transcripts.appendingPathComponent("complaints.jsonl").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}

/// Someone typing plain lines (telnet, netcat). A human reply has no end marker, so after each
/// line a JSON `ping` is sent: replies come back in order, so everything before its answer is
/// the reply to the line.
final class Person {
    let client: TestClient
    private var pings = 0

    init(port: Int) throws {
        client = try TestClient(port: port)
        _ = try client.expectLine()
    }

    /// Sends one line and returns the whole reply (its lines joined with `\n`).
    func say(_ text: String) throws -> String {
        pings += 1
        let marker = #"{"id":"sync-\#(pings)","ok":true}"#
        try client.send(text + "\n" + #"{"id":"sync-\#(pings)","cmd":"ping"}"# + "\n")
        var lines: [String] = []
        while true {
            let line = try client.expectLine()
            if line == marker { return lines.joined(separator: "\n") }
            lines.append(line)
        }
    }
}

/// A webhook adapter: JSON lines carrying `user`, many users on one connection.
final class Adapter {
    let client: TestClient
    private var next = 0

    init(port: Int) throws {
        client = try TestClient(port: port)
        _ = try client.expectLine()
    }

    /// Sends one message for `user` and returns the reply object (checked to echo the id).
    func ask(_ user: String, _ text: String, channel: String = "whatsapp") throws -> AdapterReply {
        next += 1
        let id = "r\(next)"
        var w = JSONWriter()
        w.beginObject()
        w.field("id"); w.string(id)
        w.field("user"); w.string(user)
        w.field("channel"); w.string(channel)
        w.field("text"); w.string(text)
        w.endObject()
        try client.send(w.bytes + [0x0A])
        let json = try client.readJSON()
        guard json["id"]?.stringValue == id else {
            throw TestClientError(description: "reply for \(id) had id \(String(describing: json["id"]))")
        }
        return AdapterReply(json: json)
    }
}

/// One JSON reply with the fields the suites look at.
struct AdapterReply {
    let json: JSONValue
    var intent: String { json["intent"]?.stringValue ?? "" }
    var text: String { json["reply"]?.stringValue ?? "" }
    var lowered: String { text.lowercased() }
    var lang: String { json["lang"]?.stringValue ?? "" }
    var ticket: String? { json["ticket"]?.stringValue }
    var options: [String] { json["options"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// Whether the reply text mentions every one of `words` (case-insensitive).
    func says(_ words: String...) -> Bool { words.allSatisfy { lowered.contains($0.lowercased()) } }
}
