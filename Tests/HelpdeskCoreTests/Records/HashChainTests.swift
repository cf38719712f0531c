import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct HashChainTests {
    func makeTranscripts(_ dir: URL, days: Int = 2, perDay: Int = 10) throws -> [URL] {
        let start = JakartaTime.dayNumber("2026-11-01")!
        try SyntheticTranscripts(seed: 7).write(to: dir, days: start...(start + days - 1), perDay: perDay)
        return TranscriptFiles.list(dir).map(\.url)
    }

    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func write(_ lines: [String], _ url: URL) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    @Test func intactChainVerifies() throws {
        let tmp = TempDir()
        _ = try makeTranscripts(tmp.url)
        let r = try ChainVerifier().verify(directory: tmp.url)
        #expect(r.problems.isEmpty && r.warnings.isEmpty)
        #expect(r.files == 2 && r.records == 20)
    }

    @Test func alteredLineIsNamed() throws {
        let tmp = TempDir()
        let files = try makeTranscripts(tmp.url)
        var l = try lines(files[0])
        l[3] = l[3].replacingOccurrences(of: "\"latency_us\":", with: "\"latency_us\":1")
        try write(l, files[0])
        let r = try ChainVerifier().verify(directory: tmp.url)
        #expect(r.problems == ["\(files[0].path):4: record altered: its SHA-256 does not match prev in line 5"])
    }

    @Test func deletedLineIsNamed() throws {
        let tmp = TempDir()
        let files = try makeTranscripts(tmp.url)
        var l = try lines(files[1])
        l.remove(at: 6)
        try write(l, files[1])
        let r = try ChainVerifier().verify(directory: tmp.url)
        #expect(r.problems == ["\(files[1].path):7: record 7 is missing (found seq 8)"])
    }

    @Test func alteredLastLineOfADayBreaksTheNextDay() throws {
        let tmp = TempDir()
        let files = try makeTranscripts(tmp.url)
        var l = try lines(files[0])
        l[9] = l[9].replacingOccurrences(of: "\"channel\":\"", with: "\"channel\":\"x")
        try write(l, files[0])
        let r = try ChainVerifier().verify(directory: tmp.url)
        #expect(r.problems.count == 1 && r.problems[0].hasPrefix("\(files[1].path):1: prev matches neither"))
    }

    @Test func journalCanUseTheSameScheme() throws {
        let tmp = TempDir()
        try FileManager.default.createDirectory(at: tmp.url, withIntermediateDirectories: true)
        var chain = HashChain()
        var text = ""
        for (i, status) in ["filed", "update", "update"].enumerated() {
            text += chain.chain { seq, prev in
                var w = JSONLineWriter()
                w.int("seq", Int64(seq)); w.string("prev", prev)
                w.string("ticket", "ADU-20261122-000\(i)"); w.string("type", status)
                return w.finished()
            } + "\n"
        }
        let url = tmp.url.appendingPathComponent("complaints.jsonl")
        try Data(text.utf8).write(to: url)
        let resumed = HashChain.resume(contents: Array(text.utf8))
        #expect(resumed.chain == chain && resumed.tornBytes == 0)
        #expect(try ChainVerifier().verify(directory: tmp.url).problems.isEmpty)
        try Data((text + "{\"ticket\":\"ADU-1\"}\n").utf8).write(to: url)
        #expect(try ChainVerifier().verify(directory: tmp.url).problems == ["\(url.path):4: not a chained record (no seq or prev field)"])
    }
}
