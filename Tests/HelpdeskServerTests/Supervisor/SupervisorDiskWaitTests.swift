import Dispatch
import Foundation
import Glibc
import Synchronization
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// A supervisor's command is answered only once its records (a complaint update's journal line,
/// the audit entry) are on disk, without its event loop waiting for the disk: over real sockets,
/// with the records' `fsync` held by the test, the supervisor gets no answer, a line pipelined
/// behind the command is not answered before it, and citizens (some on the same loop) are
/// served meanwhile. A failed `fsync` turns the held answer into an error and the next update is
/// refused.
@Suite struct SupervisorDiskWaitTests {
    /// An `fsync` stand-in the test holds (syncs block until released) or makes fail, for every
    /// file or only for files whose path ends with a given suffix.
    final class Disk: Sendable {
        private struct State {
            var gate: DispatchSemaphore?
            var failing: String?
        }
        private let state = Mutex(State())
        /// Signalled each time a sync starts waiting at a closed gate.
        let blocked = DispatchSemaphore(value: 0)
        let syncs = Atomic<Int>(0)

        /// Syncs from now on wait until `release`.
        func hold() { state.withLock { $0.gate = $0.gate ?? DispatchSemaphore(value: 0) } }

        func release() {
            let gate = state.withLock { s in defer { s.gate = nil }; return s.gate }
            gate?.signal()
        }

        /// Syncs of files whose path ends with `suffix` ("" for every file) fail from now on.
        func fail(_ suffix: String) { state.withLock { $0.failing = suffix } }

        var sync: @Sendable (Int32) -> Int32 {
            { [self] fd in
                if let gate = state.withLock({ $0.gate }) {
                    blocked.signal()
                    gate.wait()
                    gate.signal()   // lets the next waiter at this gate through
                }
                syncs.add(1, ordering: .relaxed)
                if let suffix = state.withLock({ $0.failing }), Self.path(of: fd).hasSuffix(suffix) {
                    errno = EIO
                    return -1
                }
                return fsync(fd)
            }
        }

        static func path(of fd: Int32) -> String {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? ""
        }
    }

    static func fileComplaint(_ server: SupervisorTestServer, _ user: String) throws -> Complaint {
        try server.helpdesk.desk.journal.file(ComplaintDraft(category: .lms, description: "LMS tidak bisa dibuka", reporter: user),
                                              at: Date(), due: Day(Date()).adding(days: 5))
    }

    static func auditWhats(_ server: SupervisorTestServer) throws -> [String] {
        try SupervisorDutyTests.auditLines(server).compactMap { $0["what"]?.stringValue }
    }

    /// Asks a schedule question as `user` on `citizen` and checks it is answered.
    static func citizenIsServed(_ citizen: TestClient, _ user: String) throws {
        let reply = try citizen.request(#"{"id":"s","user":"\#(user)","text":"kapan jadwal pelatihan revolusi mental angkatan 3?"}"#)
        #expect(reply["intent"]?.stringValue == "schedule.query", "\(reply)")
    }

    @Test func anUpdateWaitsForTheDiskWhileTheLoopServesOthers() throws {
        let disk = Disk()
        let server = try SupervisorTestServer(recordSync: disk.sync)
        defer { disk.release(); server.stop() }
        let filed = try Self.fileComplaint(server, "tg:7101")
        let supervisor = try server.supervisor()
        // With two event loops, at least one of these shares the supervisor's loop.
        let citizens = try (0..<4).map { _ in try server.client() }

        disk.hold()
        try supervisor.send(#"{"id":"u","cmd":"complaint.update","ticket":"\#(filed.ticket)","status":"in_progress","note":"Sedang dicek"}"#
                            + "\n" + #"{"id":"after","cmd":"ping"}"# + "\n")
        #expect(disk.blocked.wait(timeout: .now() + 60) == .success, "the update's records are being synced")
        #expect(!ComplaintDiskWaitTests.hasInput(supervisor, within: 300), "nothing may be sent before the records are on disk")
        // The update is applied and both records written before they are durable.
        #expect(server.helpdesk.desk.journal.complaint(ticket: filed.ticket)?.status == .inProgress)
        #expect(try Self.auditWhats(server).contains("complaint.update"), "the audit entry is written before the answer")

        for (i, citizen) in citizens.enumerated() { try Self.citizenIsServed(citizen, "tg:72\(i)") }
        #expect(!ComplaintDiskWaitTests.hasInput(supervisor, within: 50))

        disk.release()
        let updated = try supervisor.readJSON()
        #expect(updated["id"]?.stringValue == "u")
        #expect(updated["ok"]?.boolValue == true)
        #expect(updated["complaint"]?["status"]?.stringValue == "in_progress")
        let after = try supervisor.readJSON()
        #expect(after["id"]?.stringValue == "after", "the pipelined line is answered after the held reply")

        // The `/update` form is held the same way; then the connection goes on as before.
        disk.hold()
        try supervisor.send("/update \(filed.ticket) resolved Sudah diperbaiki\n" + #"{"id":"after2","cmd":"ping"}"# + "\n")
        #expect(disk.blocked.wait(timeout: .now() + 60) == .success)
        #expect(!ComplaintDiskWaitTests.hasInput(supervisor, within: 300))
        try Self.citizenIsServed(citizens[0], "tg:7300")
        disk.release()
        #expect(try supervisor.expectLine() == "Updated.")
        _ = try supervisor.readUntil { $0.hasPrefix("Due:") }
        #expect(try supervisor.readJSON()["id"]?.stringValue == "after2")
        #expect(try supervisor.request(#"{"id":"c","cmd":"complaints"}"#)["ok"]?.boolValue == true)
        #expect(server.helpdesk.desk.journal.complaint(ticket: filed.ticket)?.status == .resolved)
        #expect(try Self.auditWhats(server) == ["complaint.update", "complaint.update", "complaints"])
        #expect(try ChainVerifier().verify(directory: server.transcripts).problems.isEmpty)
    }

    @Test func anAuditedReadWaitsForItsAuditEntry() throws {
        let disk = Disk()
        let server = try SupervisorTestServer(recordSync: disk.sync)
        defer { disk.release(); server.stop() }
        let filed = try Self.fileComplaint(server, "tg:7401")
        let supervisor = try server.supervisor()
        let citizen = try server.client()
        disk.hold()
        try supervisor.send(#"{"id":"one","cmd":"complaint","ticket":"\#(filed.ticket)"}"# + "\n" + #"{"id":"after","cmd":"ping"}"# + "\n")
        #expect(disk.blocked.wait(timeout: .now() + 60) == .success)
        #expect(!ComplaintDiskWaitTests.hasInput(supervisor, within: 300), "personal data is shown only once its access is audited")
        try Self.citizenIsServed(citizen, "tg:7402")
        disk.release()
        let one = try supervisor.readJSON()
        #expect(one["id"]?.stringValue == "one" && one["complaint"]?["ticket"]?.stringValue == filed.ticket)
        #expect(try supervisor.readJSON()["id"]?.stringValue == "after")
    }

    @Test func aFailedSyncTurnsTheUpdateIntoAnErrorAndRefusesTheNext() throws {
        let disk = Disk()
        let server = try SupervisorTestServer(recordSync: disk.sync)
        defer { disk.release(); server.stop() }
        let journal = server.helpdesk.desk.journal
        let filed = try Self.fileComplaint(server, "tg:7501")
        let supervisor = try server.supervisor()
        disk.fail("")
        let failed = try supervisor.request(#"{"id":"u","cmd":"complaint.update","ticket":"\#(filed.ticket)","status":"in_progress","note":"x"}"#)
        #expect(failed["error"]?["code"]?.stringValue == "bad_request")
        // The words of the blocking path: the journal's record is the one the reply names first.
        let expected = "could not record the update: " + journal.updateNotDurable(filed.ticket).description
        #expect(failed["error"]?["message"]?.stringValue == expected)
        #expect(journal.syncFailed)

        // Refused at once from now on, in both forms; nothing more is written.
        let refused = try supervisor.request(#"{"id":"v","cmd":"complaint.update","ticket":"\#(filed.ticket)","status":"resolved","note":"y"}"#)
        #expect(refused["error"]?["code"]?.stringValue == "bad_request")
        let lines = try supervisor.slash("/update \(filed.ticket) resolved y") { $0.hasPrefix("error") }
        #expect(lines.last?.hasPrefix("error (bad_request): ") == true, "\(lines)")
        #expect(journal.complaint(ticket: filed.ticket)?.updates.count == 1)
        #expect(try supervisor.request(#"{"id":"p","cmd":"ping"}"#)["ok"]?.boolValue == true, "the connection stays usable")
    }

    @Test func aFailedAuditSyncWithholdsTheAnswerAndRefusesAuditedCommands() throws {
        let disk = Disk()
        let server = try SupervisorTestServer(recordSync: disk.sync)
        defer { disk.release(); server.stop() }
        let filed = try Self.fileComplaint(server, "tg:7601")
        let supervisor = try server.supervisor()
        disk.fail(AuditLog.fileName)
        let withheld = try supervisor.request(#"{"id":"one","cmd":"complaint","ticket":"\#(filed.ticket)"}"#)
        #expect(withheld["complaint"] == nil, "not shown without its audit entry")
        #expect(withheld["error"]?["message"]?.stringValue?.contains("audit log could not record it") == true, "\(withheld)")
        let refused = try supervisor.request(#"{"id":"two","cmd":"complaints"}"#)
        #expect(refused["error"]?["message"]?.stringValue?.contains("was not done") == true, "\(refused)")
        // Commands that show no personal data still work, and the complaint journal is fine.
        #expect(try supervisor.request(#"{"id":"m","cmd":"metrics"}"#)["ok"]?.boolValue == true)
        #expect(!server.helpdesk.desk.journal.syncFailed)
    }

    /// Without an event loop a handler's `dependOn` waits for the record and answers the error
    /// at once (the blocking behaviour); on one it only collects the record.
    @Test func dependOnWaitsOnlyWithoutAnEventLoop() throws {
        let disk = Disk()
        let path = NSTemporaryDirectory() + "helpdesk-dependon-" + UUID().uuidString
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        let syncer = FileSyncer(fd: fd, path: "test", sync: disk.sync)
        let failure = ProtocolError(.badRequest, "not saved")
        var blocking = ConnectionContext(connectionUser: "tcp:x#1", peer: "x", connectionNumber: 1)
        #expect(blocking.dependOn(syncer.wrote(), orFail: failure) == nil, "durable: the reply may go")
        #expect(blocking.takeAwaitedRecords().isEmpty)
        var held = blocking
        held.awaitsDurability = true
        disk.hold()
        #expect(held.dependOn(syncer.wrote(), orFail: failure) == nil, "collected, not waited for")
        #expect(held.takeAwaitedRecords().map(\.failure) == [failure])
        disk.fail("")
        disk.release()
        #expect(blocking.dependOn(syncer.wrote(), orFail: failure) == failure)
    }
}
