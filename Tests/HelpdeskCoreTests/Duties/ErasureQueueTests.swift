import Foundation
import Testing
@testable import HelpdeskCore

/// The erasure queue kept in `Transcripts/erasures.json`: it survives a restart, removals stick,
/// a malformed file is set aside without stopping anything, and no temp file is left behind.
@Suite struct ErasureQueueTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000.25)
    static let pseudonym = Pseudonym(key: Array("erasure-queue-key-0123456789".utf8))

    static func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    static func open(_ dir: String) throws -> DutyRecords {
        try DutyRecords.open(directory: URL(fileURLWithPath: dir), journal: ComplaintJournal(directory: dir), pseudonym: pseudonym)
    }

    @Test func entriesSurviveReopeningTheFolder() throws {
        let dir = Fixtures.temporaryDirectory()
        let first = try Self.open(dir).erasures
        try first.add(.init(user: "tg:5512", openTickets: ["ADU-20261122-0001", "ADU-20261122-0002"], at: Self.at))
        try first.add(.init(user: "wa:\"quoted\"\nuser", openTickets: [], at: Self.at.addingTimeInterval(60)))
        let again = try Self.open(dir).erasures
        #expect(again.problem == nil)
        #expect(again.pending == first.pending)
        #expect(again.pending.map(\.user) == ["tg:5512", "wa:\"quoted\"\nuser"])
        // A later request of the same user replaces the earlier one, on disk too.
        try again.add(.init(user: "tg:5512", openTickets: ["ADU-20261122-0002"], at: Self.at.addingTimeInterval(120)))
        #expect(ErasureQueue(directory: URL(fileURLWithPath: dir)).pending.map(\.openTickets) == [[], ["ADU-20261122-0002"]])
    }

    @Test func removalPersistsAndNoTempFileIsLeft() throws {
        let dir = Fixtures.temporaryDirectory()
        let url = URL(fileURLWithPath: dir)
        let queue = ErasureQueue(directory: url)
        try queue.add(.init(user: "tg:1", openTickets: ["ADU-20261122-0001"], at: Self.at))
        try queue.add(.init(user: "tg:2", openTickets: ["ADU-20261122-0003"], at: Self.at))
        try queue.remove(user: "tg:1")
        #expect(ErasureQueue(directory: url).pending.map(\.user) == ["tg:2"])
        try queue.remove(user: "tg:2")
        #expect(ErasureQueue(directory: url).pending.isEmpty)
        #expect(Self.files(dir) == [ErasureQueue.fileName])
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/" + ErasureQueue.fileName)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func malformedFileIsSetAsideAndTheQueueStartsEmpty() throws {
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/" + ErasureQueue.fileName
        let bad = "{\"version\":1,\"erasures\":[\n{\"user\":\"tg:9\",\"open_tickets\":[],\"at\":\"2026-11-22T10:15:00.000Z\"},\n{\"user\":\n"
        try bad.write(toFile: path, atomically: false, encoding: .utf8)
        let duties = try Self.open(dir)
        let queue = duties.erasures
        #expect(queue.pending.isEmpty)
        let problem = try #require(queue.problem)
        #expect(problem.description.hasPrefix(path + ":4: not JSON"))
        #expect(problem.message.contains("starts empty"))
        let aside = try #require(Self.files(dir).first { $0.hasPrefix(ErasureQueue.fileName + ".bad-") })
        #expect(problem.message.contains(aside))
        #expect(try String(contentsOfFile: dir + "/" + aside, encoding: .utf8) == bad)   // nothing lost
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(queue.setAside == [aside])
        // The queue works again, and the next restart reads the new file; the set-aside file is
        // still named until an operator removes it.
        try queue.add(.init(user: "tg:10", openTickets: [], at: Self.at))
        let again = try Self.open(dir).erasures
        #expect(again.problem == nil)
        #expect(again.pending.map(\.user) == ["tg:10"])
        #expect(again.setAside == [aside])
        try FileManager.default.removeItem(atPath: dir + "/" + aside)
        #expect(again.setAside.isEmpty)
    }

    @Test func wellFormedJSONOfTheWrongShapeIsSetAsideToo() throws {
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/" + ErasureQueue.fileName
        try #"{"version":1,"erasures":[{"user":"tg:9","open_tickets":[7],"at":"2026-11-22T10:15:00.000Z"}]}"#
            .write(toFile: path, atomically: false, encoding: .utf8)
        let queue = ErasureQueue(directory: URL(fileURLWithPath: dir))
        #expect(queue.pending.isEmpty)
        #expect(queue.problem?.description.hasPrefix(path + ": erasure 1: expected \"open_tickets\"") == true)
        #expect(Self.files(dir).filter { $0.hasPrefix(ErasureQueue.fileName + ".bad-") }.count == 1)
    }

    @Test func aTempFileLeftByACrashIsIgnoredAndRemoved() throws {
        let dir = Fixtures.temporaryDirectory()
        let url = URL(fileURLWithPath: dir)
        try ErasureQueue(directory: url).add(.init(user: "tg:1", openTickets: [], at: Self.at))
        try "{\"version\":1,\"erasures\":[\n{\"us".write(toFile: dir + "/erasures.json.tmp", atomically: false, encoding: .utf8)
        let queue = ErasureQueue(directory: url)
        #expect(queue.problem == nil)
        #expect(queue.pending.map(\.user) == ["tg:1"])
        #expect(Self.files(dir) == [ErasureQueue.fileName])
    }

    @Test func inMemoryQueueWritesNothing() throws {
        let queue = ErasureQueue()
        try queue.add(.init(user: "tg:1", openTickets: [], at: Self.at))
        #expect(queue.path == nil)
        #expect(queue.pending.count == 1)
        try queue.remove(user: "tg:1")
        #expect(queue.pending.isEmpty)
    }
}
