import Foundation
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// Every reply byte of a scripted run through `ProtocolSession` and a real `Desk` (the shipped
/// `Intents/` and `Data/`, the real classifier) against a committed golden file: every line of
/// `Benchmarks/messages.txt` and of `Tests/eval/eval.tsv` as JSON and as plain text, complaint
/// dialogs, slash commands and tricky JSON lines, with the fields each recorded exchange carries.
/// Performance work on the desk and protocol path must leave this file byte-identical.
/// `HELPDESK_WRITE_GOLDEN=1 swift test --filter ReplyGoldenTests` rewrites it.
@Suite struct ReplyGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let goldenPath = root.appendingPathComponent("Tests/fixtures/replies-golden.txt").path

    /// Keeps what the transcript would get, in order.
    final class Collector: ExchangeRecording, @unchecked Sendable {
        var exchanges: [Exchange] = []
        func record(_ exchange: Exchange) { exchanges.append(exchange) }
        func flush() {}
    }

    static func lines(_ path: String) -> [String] {
        let text = (try? String(contentsOfFile: root.appendingPathComponent(path).path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    static func quoted(_ s: String) -> String {
        var w = JSONWriter(capacity: 64)
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static let dialogs: [[String]] = [
        ["saya mau mengadu", "3", "eror", "Sejak Senin saya tidak bisa login ke LMS, selalu muncul pesan kata sandi salah",
         "biasa", "ani@example.id", "mungkin", "ya", "status aduan saya bagaimana"],
        ["Saya mau lapor secara anonim: panitia pelatihan di Samarinda minta uang pelicin agar nama saya masuk daftar peserta", "ya",
         "status ADU-20261122-0001", "status aduan adu 20261122 0002"],
        ["saya mau mengadu", "pelayanan", "batal", "batal", "saya mau mengadu", "kapan jadwal PKA angkatan 4?", "1",
         "Saya mau mengadu secara rahasia, ada pungli oleh oknum panitia saat pendaftaran ulang peserta kemarin", "ya", "lewati", "ya"],
        ["I want to complain", "2", "the trainer never showed up for three sessions of my cohort in Makassar", "confidential",
         "skip", "yes", "what is my complaint status?", "hapus data saya", "lihat data saya", "ya", "  ", "gak jadi"],
    ]

    static let tricky: [String] = [
        #"{"id":1,"user":"a","text":"halo \"min\"\n apa kabar"}"#, #"{"id":"x","text":"jadwal\u0020angkatan 3"}"#,
        #"{"text":"kapan PKA","id":null,"user":"b","channel":"wa"}"#, #"{"id":2,"user":"c","text":""}"#,
        #"{"id":3,"user":"c","text":"é ü 日本 🙂 kapan jadwal"}"#, #"{"id":4,"cmd":"ping"}"#, #"{"id":5,"cmd":"nope"}"#,
        #"{"id":6,"user":7,"text":"x"}"#, #"{"id":[1],"text":"halo"}"#, "{bad json", "/help", "/lang en", "kapan jadwal PKA?",
        "/bahasa id", "/quit", "   spasi di ujung   ", "jadwal\tangkatan\t2", "REG-2026-00042", "reg 2026 00007", "nip 198501012010011001",
        "ADU-20261122-0001", "tanggal 5 desember ada pelatihan apa?", "besok ada apa", "minggu depan jadwal apa saja", "angkatan IV PKA",
        "jadwal latsar gelombang 2 bulan januari 2027", "berapa biaya pelatihan?", "hapus data saya", "apa saja data saya yang disimpan",
    ]

    static func script() -> [(user: String, line: String)] {
        var out: [(String, String)] = []
        var id = 0
        func json(_ text: String, _ user: String) -> String {
            id += 1
            return #"{"id":\#(id),"user":\#(quoted(user)),"text":\#(quoted(text))}"#
        }
        for (i, m) in lines("Benchmarks/messages.txt").enumerated() {
            out.append(("", m.hasPrefix("{") ? m : json(m, "bench:\(i % 5)")))
            out.append(("", m))
        }
        for (i, row) in lines("Tests/eval/eval.tsv").enumerated() {
            let text = row.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? row
            out.append(("", json(text, "eval:\(i % 7)")))
            if i % 3 == 0 { out.append(("", text)) }
        }
        for (d, dialog) in dialogs.enumerated() {
            for m in dialog { out.append(("", json(m, "dialog:\(d)"))) }
            for m in dialog { out.append(("", m)) }
        }
        for t in tricky { out.append(("", t)) }
        return out
    }

    /// The session field carries a random id: replaced by a fixed marker.
    static func masked(_ line: String) -> String {
        guard let r = line.range(of: #","session":"s"#) else { return line }
        guard let end = line[r.upperBound...].firstIndex(of: "\"") else { return line }
        return String(line[..<r.upperBound]) + "*" + String(line[end...])
    }

    /// The shipped desk, with its complaint journal in `journalDir`.
    static func desk(journalDir: String) throws -> Desk {
        let repo = root.path
        let data = repo + "/Data"
        let programs = ServiceData.programNames(directory: data).map { ProgramName(canonical: $0.canonical, aliases: $0.aliases) }
        let model = try IntentModel.load(directory: repo + "/Intents", programs: programs)
        return try Desk(classifier: model, sources: .init(dataDirectory: data, repliesDirectory: repo + "/Intents/replies"),
                        journal: ComplaintJournal(directory: journalDir), handoff: HandoffQueue(supervisorsOnline: { 0 }))
    }

    static func run() throws -> String {
        let journalDir = NSTemporaryDirectory() + "helpdesk-golden-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: journalDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: journalDir) }
        let desk = try desk(journalDir: journalDir)
        let collector = Collector()
        var config = ServerConfiguration()
        config.rate = 0
        config.maxConsecutiveErrors = 1000
        var connection = 0
        func session() -> ProtocolSession {
            connection += 1
            return ProtocolSession(context: ConnectionContext(connectionUser: "tcp:golden#\(connection)", peer: "golden", connectionNumber: connection),
                                   configuration: config, responder: desk, recorder: collector, router: CommandRouter())
        }
        var protocolSession = session()
        // 2026-11-22 10:00 WIB, a minute per line.
        var now = Date(timeIntervalSince1970: 1_795_316_400)
        var text = ""
        for (_, line) in script() {
            now = now.addingTimeInterval(60)
            var out: [UInt8] = []
            let before = collector.exchanges.count
            let disposition = protocolSession.handle(.line(line), arrival: Arrival(date: now), into: &out)
            text += "> " + line + "\n"
            for l in String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                text += "< " + masked(String(l)) + "\n"
            }
            for e in collector.exchanges[before...] {
                let r = e.reply
                text += "= \(e.channel) \(e.user) \(r.intent.rawValue) \(r.confidence) \(r.lang.rawValue) \(r.handler) \(r.outcome) "
                    + "ticket=\(r.ticket ?? "-") options=\(r.options) entities=\(r.entities.map { "\($0)" })\n"
            }
            if disposition == .close {
                protocolSession.end()
                protocolSession = session()
            }
        }
        return text
    }

    @Test func repliesAreByteIdenticalToTheGoldenFile() throws {
        let text = try Self.run()
        if ProcessInfo.processInfo.environment["HELPDESK_WRITE_GOLDEN"] == "1" {
            try text.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = golden.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("line \(i + 1) differs:\n got  \(g)\n want \(w)")
            break
        }
        #expect(text == golden)
    }

    /// Random bytes (any value but the line end, invalid UTF-8 included, as the framer hands them
    /// on repaired), as plain lines and inside JSON messages, through the real desk: each gets
    /// an answer, and each JSON line exactly one reply line that parses. Seeded: replayable.
    @Test func randomLinesGetOneAnswerEach() throws {
        let journalDir = NSTemporaryDirectory() + "helpdesk-random-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: journalDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: journalDir) }
        var config = ServerConfiguration()
        config.rate = 0
        config.maxConsecutiveErrors = 1_000_000
        var session = ProtocolSession(context: ConnectionContext(connectionUser: "tcp:random#1", peer: "random", connectionNumber: 1),
                                      configuration: config, responder: try Self.desk(journalDir: journalDir),
                                      recorder: Collector(), router: CommandRouter())
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        for i in 0..<1500 {
            var bytes = (0..<Int(next() % 200)).map { _ in UInt8(truncatingIfNeeded: next() % 255 + 1) }.filter { $0 != 10 }
            if i % 3 == 0 { bytes = Array(#"{"id":\#(i),"user":"u\#(i % 7)","text":"#.utf8) + Array(Self.quoted(String(decoding: bytes, as: UTF8.self)).utf8) + [UInt8(ascii: "}")] }
            let line = String(decoding: bytes, as: UTF8.self)
            var out: [UInt8] = []
            let disposition = session.handle(.line(line), arrival: Arrival(), into: &out)
            #expect(disposition == .keepOpen, "line \(i)")
            let text = String(decoding: out, as: UTF8.self)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            #expect(text.hasSuffix("\n"), "line \(i) got no answer: \(line.debugDescription)")
            if line.hasPrefix("{") {
                let replies = text.split(separator: "\n")
                #expect(replies.count == 1, "line \(i): \(text.debugDescription)")
                #expect((try? JSONParser.parse(String(replies.first ?? ""))) != nil, "line \(i): \(text.debugDescription)")
            }
        }
    }
}
