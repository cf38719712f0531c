import Foundation
import Testing
@testable import HelpdeskCore

/// A fresh folder per test, removed afterwards.
struct TempDir: ~Copyable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: url) }
}

func exchange(_ text: String, user: String = "tg:5512", at: Date, intent: IntentLabel = .scheduleQuery,
              latency: Int64 = 1500, confidence: Double = 0.9, outcome: Outcome = .answered, channel: String = "telegram") -> Exchange {
    Exchange(session: "s1", channel: channel, user: user, arrived: at, replied: at.addingTimeInterval(Double(latency) / 1e6),
             latencyMicros: latency, message: text,
             reply: Reply(text: "Jadwal angkatan 3: 2026-11-23. Hubungi 021-1234567 bila perlu.", intent: intent,
                          confidence: confidence, lang: .id, handler: "schedule", outcome: outcome,
                          entities: [Entity(kind: .nik, value: "3201012345678901", text: "3201012345678901"),
                                     Entity(kind: .cohort, value: "3", text: "angkatan 3")],
                          ticket: outcome == .complaintFiled ? "ADU-20261122-0007" : nil))
}

@Suite struct TranscriptWriterTests {
    let key = Pseudonym(key: Array("test-key-test-key".utf8))
    // 2026-11-22 10:00:00 WIB = 03:00:00 UTC.
    let morning = Date(timeIntervalSince1970: 1_795_316_400)

    func writer(_ dir: URL, retention: Int? = nil, metrics: LiveMetrics? = nil) throws -> TranscriptWriter {
        try TranscriptWriter(configuration: .init(directory: dir, retentionDays: retention, autoFlush: false), pseudonym: key, metrics: metrics)
    }

    @Test func roundTripIsRedactedPseudonymousAndChained() throws {
        let tmp = TempDir()
        let w = try writer(tmp.url)
        w.record(exchange("NIK saya 3201012345678901, hp 0812-3456-7890, kapan angkatan 3?", at: morning))
        w.record(exchange("aduan \"sertifikat\"\nbelum terbit", user: "tcp:1", at: morning.addingTimeInterval(5),
                          intent: .complaintFile, outcome: .complaintFiled))
        let file = tmp.url.appendingPathComponent("transcript-2026-11-22.jsonl")
        #expect((FileManager.default.contents(atPath: file.path) ?? Data()).isEmpty)
        w.flush()
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains("3201012345678901") && !text.contains("0812") && !text.contains("5512"))
        let (records, warnings) = TranscriptReader(directory: tmp.url).records(from: "2026-11-01", to: "2026-11-30")
        #expect(warnings.isEmpty)
        #expect(records.count == 2)
        let first = try #require(records.first)
        #expect(first.seq == 1 && first.prev == HashChain.genesis)
        #expect(first.message == "NIK saya [NIK], hp [TELEPON], kapan angkatan 3?")
        #expect(first.reply.contains("[TELEPON]") && first.reply.contains("2026-11-23"))
        #expect(first.user == key.of("tg:5512"))
        #expect(first.entities == [.init(kind: "nik", value: "[NIK]"), .init(kind: "cohort", value: "3")])
        #expect(first.intent == "schedule.query" && first.channel == "telegram" && first.latencyMicros == 1500)
        #expect(abs(first.arrived.timeIntervalSince(morning)) < 0.001)
        let second = records[1]
        #expect(second.seq == 2 && second.prev == SHA256.hex(String(text.split(separator: "\n")[0])))
        #expect(second.message == "aduan \"sertifikat\"\nbelum terbit")
        #expect(second.ticket == "ADU-20261122-0007")
    }

    /// A full batch is written without waiting for the timer, so a burst of traffic is never
    /// held in memory for long. The interval is an hour here: only the batches can have flushed.
    /// They are synchronised to disk at most once per interval (fsync per batch would cost a disk
    /// flush every few milliseconds on a busy server); `flush()` always synchronises what was
    /// written, so shutdown loses nothing.
    @Test func fullBatchesAreWrittenAtOnceAndSynchronisedOncePerInterval() throws {
        let tmp = TempDir()
        let w = try TranscriptWriter(configuration: .init(directory: tmp.url, retentionDays: nil, flushInterval: 3600, flushBatch: 10),
                                     pseudonym: key)
        defer { w.close() }
        let file = tmp.url.appendingPathComponent("transcript-2026-11-22.jsonl")
        func lines() -> Int { (try? String(contentsOf: file, encoding: .utf8))?.split(separator: "\n").count ?? 0 }
        for i in 0..<9 { w.record(exchange("pesan \(i)", at: morning.addingTimeInterval(Double(i)))) }
        usleep(200_000)
        #expect(lines() == 0, "nine of ten: still buffered")
        for i in 9..<30 {
            w.record(exchange("pesan \(i)", at: morning.addingTimeInterval(Double(i))))
            if i % 10 == 9 { for _ in 0..<500 where lines() < i + 1 { usleep(10_000) } }
        }
        #expect(lines() == 30, "three full batches, all written")
        #expect(w.synchronisations == 1, "the first batch synchronised; the next two were within the hour")
        w.flush()
        #expect(w.synchronisations == 2)
        w.flush()
        #expect(w.synchronisations == 2, "nothing new was written, so nothing to synchronise")
    }

    /// The writer's own timer puts a lone exchange on disk without anyone calling `flush`
    /// (the server relies on it; it no longer flushes recorders on a timer of its own).
    @Test func theTimerWritesWithoutAnExplicitFlush() throws {
        let tmp = TempDir()
        let w = try TranscriptWriter(configuration: .init(directory: tmp.url, retentionDays: nil, flushInterval: 0.05, flushBatch: 1000),
                                     pseudonym: key)
        defer { w.close() }
        let file = tmp.url.appendingPathComponent("transcript-2026-11-22.jsonl")
        w.record(exchange("satu saja", at: morning))
        var text = ""
        for _ in 0..<500 where text.isEmpty {
            usleep(20_000)
            text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        }
        #expect(text.split(separator: "\n").count == 1)
    }

    /// The writer's thread runs as `SCHED_BATCH` (its wakeups never preempt an event loop) and
    /// `close()` stops it: an exchange recorded afterwards stays buffered until `flush()`.
    @Test func theFlushThreadRunsAsBatchAndStopsAtClose() throws {
        let tmp = TempDir()
        let w = try TranscriptWriter(configuration: .init(directory: tmp.url, retentionDays: nil, flushInterval: 0.02, flushBatch: 1),
                                     pseudonym: key)
        var policy: Int32?
        for _ in 0..<500 where policy == nil {
            usleep(10_000)
            policy = w.flushThreadPolicy
        }
        #expect(policy == BatchScheduling.policy)
        w.close()
        #expect(w.flushThreadPolicy == nil)
        let file = tmp.url.appendingPathComponent("transcript-2026-11-22.jsonl")
        func lines() -> Int { (try? String(contentsOf: file, encoding: .utf8))?.split(separator: "\n").count ?? 0 }
        w.record(exchange("sesudah ditutup", at: morning))
        usleep(200_000)
        #expect(lines() == 0, "no thread is left to write it")
        w.flush()
        #expect(lines() == 1)
    }

    /// A batch far larger than the writer's chunk (256 KiB) goes out in pieces from one reused
    /// buffer; every line still arrives once, in order, and the chain verifies. Two flushes, so
    /// the second reuses the first's buffer and exchange list.
    @Test func aBatchLargerThanTheChunkIsWrittenWholeInOrder() throws {
        let tmp = TempDir()
        let w = try writer(tmp.url)
        defer { w.close() }
        let filler = String(repeating: "jadwal pelatihan revolusi mental ", count: 30)   // ~1 KiB a line
        for round in 0..<2 {
            for i in 0..<600 { w.record(exchange("\(round)-\(i) \(filler)", at: morning.addingTimeInterval(Double(round * 600 + i)))) }
            w.flush()
        }
        let file = tmp.url.appendingPathComponent("transcript-2026-11-22.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(text.utf8.count > 2 * TranscriptWriter.chunkBytes)
        #expect(lines.count == 1200)
        let order = lines.compactMap { line -> String? in
            guard let r = line.range(of: #""message":""#) else { return nil }
            return String(line[r.upperBound...].prefix { $0 != " " })
        }
        #expect(order == (0..<2).flatMap { round in (0..<600).map { "\(round)-\($0)" } })
        let result = try ChainVerifier().verify(directory: tmp.url)
        #expect(result.records == 1200)
        #expect(result.problems.isEmpty)
    }

    @Test func daysFollowJakartaAndChainAcrossFiles() throws {
        let tmp = TempDir()
        let w = try writer(tmp.url)
        // 23:30 WIB on the 22nd is 16:30 UTC; 00:30 WIB on the 23rd is 17:30 UTC the 22nd.
        w.record(exchange("malam", at: morning.addingTimeInterval(13.5 * 3600)))
        w.record(exchange("lewat tengah malam", at: morning.addingTimeInterval(14.5 * 3600)))
        w.flush()
        let names = TranscriptFiles.list(tmp.url).map(\.day)
        #expect(names == ["2026-11-22", "2026-11-23"])
        let result = try ChainVerifier().verify(directory: tmp.url)
        #expect(result.problems.isEmpty && result.records == 2)
        let second = TranscriptReader(directory: tmp.url).records(from: "2026-11-23", to: "2026-11-23").records
        #expect(second.first?.prev != HashChain.genesis)
    }

    @Test func restartContinuesTheChainAndCutsATornLine() throws {
        let tmp = TempDir()
        do {
            let w = try writer(tmp.url)
            w.record(exchange("satu", at: morning))
            w.record(exchange("dua", at: morning))
            w.close()
        }
        let file = tmp.url.appendingPathComponent("transcript-2026-11-22.jsonl")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":3,\"prev\":\"abc".utf8))
        try handle.close()
        let torn = TranscriptReader(directory: tmp.url).records(from: "2026-11-22", to: "2026-11-22")
        #expect(torn.records.count == 2 && torn.warnings.isEmpty)
        let before = try ChainVerifier().verify(directory: tmp.url)
        #expect(before.problems.isEmpty && before.warnings.count == 1)
        let w = try writer(tmp.url)
        w.record(exchange("tiga", at: morning))
        w.flush()
        let after = try ChainVerifier().verify(directory: tmp.url)
        #expect(after.problems.isEmpty && after.warnings.isEmpty && after.records == 3)
    }

    @Test func malformedLinesAreWarnedWithPathAndLine() throws {
        let tmp = TempDir()
        let w = try writer(tmp.url)
        w.record(exchange("satu", at: morning))
        w.flush()
        let file = tmp.url.appendingPathComponent("transcript-2026-11-22.jsonl")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not json\n{\"seq\":2}\n".utf8))
        try handle.close()
        let (records, warnings) = TranscriptReader(directory: tmp.url).records(from: "2026-11-22", to: "2026-11-22")
        #expect(records.count == 1)
        #expect(warnings == ["\(file.path):2: not a JSON object, skipped",
                             "\(file.path):3: missing or invalid field 'prev', skipped"])
    }

    @Test func retentionRemovesOldFilesOnly() throws {
        let tmp = TempDir()
        try FileManager.default.createDirectory(at: tmp.url, withIntermediateDirectories: true)
        let today = JakartaTime.dayNumber(of: Date())
        for age in [0, 5, 29, 30, 45] {
            let name = TranscriptFiles.name(day: JakartaTime.dayString(today - age))
            try Data("x\n".utf8).write(to: tmp.url.appendingPathComponent(name))
        }
        try Data("keep\n".utf8).write(to: tmp.url.appendingPathComponent("complaints.jsonl"))
        _ = try writer(tmp.url, retention: 30)
        let left = TranscriptFiles.list(tmp.url).map(\.day)
        #expect(left == [29, 5, 0].map { JakartaTime.dayString(today - $0) })
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("complaints.jsonl").path))
    }

    @Test func metricsAreFedOnRecord() throws {
        let tmp = TempDir()
        let metrics = LiveMetrics(started: morning)
        let w = try writer(tmp.url, metrics: metrics)
        w.record(exchange("a", at: morning, latency: 1000))
        w.record(exchange("b", at: morning, intent: .outOfScope, latency: 3000, confidence: 0.2, outcome: .fallback))
        w.record(exchange("c", at: morning, intent: .handoffHuman, latency: 2000, outcome: .handedOff, channel: "tcp"))
        let snap = metrics.snapshot(now: morning.addingTimeInterval(60))
        #expect(snap.tally.total == 3 && snap.tally.fallbacks == 1 && snap.tally.handoffs == 1 && snap.tally.lowConfidenceCount == 1)
        #expect(snap.volume.map(\.count) == [3])
        #expect(snap.perChannel.map(\.0) == ["tcp", "telegram"])
        let json = try JSONSerialization.jsonObject(with: Data(snap.json().utf8)) as? [String: Any]
        #expect(json?["total"] as? Int == 3)
        #expect((json?["latency"] as? [String: Any])?["max_us"] as? Int == 3000)
    }

    @Test func concurrentRecordsAndFlushesLoseNothing() throws {
        let tmp = TempDir()
        let w = try writer(tmp.url)
        let start = morning
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<200 {
                w.record(exchange("pesan \(t)-\(i)", user: "tcp:\(t)", at: start.addingTimeInterval(Double(i))))
                if i % 50 == 0 { w.flush() }
            }
        }
        w.flush()
        let r = try ChainVerifier().verify(directory: tmp.url)
        #expect(r.problems.isEmpty && r.records == 800)
        let messages = Set(TranscriptReader(directory: tmp.url).records(from: "2026-11-22", to: "2026-11-22").records.map(\.message))
        #expect(messages.count == 800)
    }
}
