import Foundation
import Glibc
import Synchronization
import Testing
@testable import HelpdeskCore

/// Group commit: writes made while a sync is under way share the next one; a waiter hears
/// `true` only once an `fsync` that began after its write returned; a failed `fsync` answers
/// `false` to every waiter not yet durable and to every later one.
@Suite struct FileSyncerTests {
    /// A sync that blocks until let go, counting its calls.
    final class HeldSync: Sendable {
        let calls = Atomic<Int>(0)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let result: Int32

        init(result: Int32 = 0) { self.result = result }

        var sync: @Sendable (Int32) -> Int32 {
            { [self] _ in
                calls.add(1, ordering: .relaxed)
                started.signal()
                release.wait()
                return result
            }
        }
    }

    static func scratchFD() -> Int32 { open("/dev/null", O_WRONLY | O_CLOEXEC) }

    final class Answers: Sendable {
        let values = Mutex<[UInt64: Bool]>([:])
        let done = DispatchSemaphore(value: 0)
        func record(_ p: PendingSync) -> @Sendable (Bool) -> Void {
            { ok in self.values.withLock { $0[p.position] = ok }; self.done.signal() }
        }
    }

    @Test func writesDuringASyncShareTheNextOne() {
        let held = HeldSync()
        let syncer = FileSyncer(fd: Self.scratchFD(), path: "test", sync: held.sync)
        let answers = Answers()
        let first = syncer.wrote()
        syncer.whenDurable(first, answers.record(first))
        held.started.wait()                     // the first sync is under way
        let more = (0..<5).map { _ in syncer.wrote() }
        for p in more { syncer.whenDurable(p, answers.record(p)) }
        #expect(answers.values.withLock { $0.isEmpty }, "nothing is durable before its sync returns")
        held.release.signal()                   // first sync done: only the first write is durable
        answers.done.wait()
        held.started.wait()                     // one more sync, for all five
        #expect(answers.values.withLock { $0 } == [first.position: true])
        held.release.signal()
        for _ in more { answers.done.wait() }
        #expect(held.calls.load(ordering: .relaxed) == 2)
        #expect(answers.values.withLock { $0.count } == 6 && answers.values.withLock { $0.values.allSatisfy { $0 } })
        // Already durable: answered at once, on the caller's thread, with no new sync.
        let late = Mutex<Bool?>(nil)
        syncer.whenDurable(more[2]) { ok in late.withLock { $0 = ok } }
        #expect(late.withLock { $0 } == true)
        #expect(held.calls.load(ordering: .relaxed) == 2)
    }

    @Test func aFailedSyncAnswersFalseNowAndLater() {
        let held = HeldSync(result: -1)
        let syncer = FileSyncer(fd: Self.scratchFD(), path: "test", sync: held.sync)
        let p = syncer.wrote()
        held.release.signal()
        #expect(syncer.wait(p) == false)
        #expect(syncer.failed)
        let q = syncer.wrote()
        #expect(syncer.wait(q) == false, "no sync is tried once one failed")
        #expect(held.calls.load(ordering: .relaxed) == 1)
        // A rewritten file put in its place clears the failure: what was written is durable.
        _ = syncer.replaceDescriptor { Self.scratchFD() }
        #expect(!syncer.failed)
        #expect(syncer.wait(q))
    }

    @Test func theJournalFilesOnlyOnceTheLineIsOnDisk() throws {
        let folder = NSTemporaryDirectory() + "helpdesk-syncer-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let held = HeldSync()
        let journal = try ComplaintJournal(directory: folder, sync: held.sync)
        let draft = ComplaintDraft(category: .lms, description: "LMS tidak bisa dibuka", contact: nil, mode: .normal,
                                   reporter: "wa:1", channel: "whatsapp", lang: .id)
        let filed = Mutex<Complaint?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let c = try? journal.file(draft, at: Date(), due: Day(Date()))
            filed.withLock { $0 = c }
            done.signal()
        }
        held.started.wait()
        #expect(filed.withLock { $0 } == nil, "file() has not returned while the line is not synced")
        held.release.signal()
        done.wait()
        let complaint = try #require(filed.withLock { $0 })
        #expect(journal.complaint(ticket: complaint.ticket) != nil)
        let deferred = try journal.fileDeferred(draft, at: Date(), due: Day(Date()))
        held.release.signal()
        #expect(deferred.pending.wait())
        #expect(try String(contentsOfFile: folder + "/complaints.jsonl", encoding: .utf8).contains(deferred.complaint.ticket))
    }

    @Test func aSurveyAnswerIsWrittenWithoutWaitingForTheDisk() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory() + "helpdesk-survey-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let held = HeldSync()
        let log = try SurveyLog(directory: folder, sync: held.sync)
        try log.record(SurveyAnswer(score: 4, comment: "cepat"), service: "schedule", at: Date())
        try log.record(SurveyAnswer(score: 3), service: "complaint", at: Date())
        // both returned while the disk is held: the lines are in the file, the sync is pending
        let text = try String(contentsOf: folder.appendingPathComponent(SurveyLog.fileName), encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        held.started.wait()
        held.release.signal()
        held.release.signal()
        #expect((1...2).contains(held.calls.load(ordering: .relaxed)))
    }
}
