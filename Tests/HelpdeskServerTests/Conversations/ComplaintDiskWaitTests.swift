import Foundation
import Glibc
import Synchronization
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// A complaint's ticket is sent only once its journal line is on disk, without the event loop
/// waiting for the disk: over real sockets, with the journal's `fsync` held by the test, the
/// ticket does not arrive, the line pipelined after it is not answered before it, and other
/// connections (some on the same loop) are served meanwhile. A failed `fsync` turns the ticket
/// into the "not saved" reply.
@Suite struct ComplaintDiskWaitTests {
    /// An `fsync` stand-in that blocks until opened, then syncs (or fails, when told to).
    final class Disk: Sendable {
        private let opened = DispatchSemaphore(value: 0)
        private let failing: Bool
        let syncs = Atomic<Int>(0)

        init(failing: Bool = false) { self.failing = failing }

        func open() { for _ in 0..<100 { opened.signal() } }

        var sync: @Sendable (Int32) -> Int32 {
            { [self] fd in
                opened.wait()
                opened.signal()
                syncs.add(1, ordering: .relaxed)
                if failing { errno = EIO; return -1 }
                return fsync(fd)
            }
        }
    }

    static func server(_ disk: Disk) throws -> (RunningServer, journal: ComplaintJournal, folder: String) {
        let root = LiveHelpdesk.repositoryRoot.path
        let programs = ServiceData.programNames(directory: root + "/Data").map { ProgramName(canonical: $0.canonical, aliases: $0.aliases) }
        let model = try IntentModel.load(directory: root + "/Intents", programs: programs)
        let folder = NSTemporaryDirectory() + "helpdesk-diskwait-" + UUID().uuidString
        let journal = try ComplaintJournal(directory: folder, sync: disk.sync)
        let desk = try Desk(classifier: model, sources: .init(dataDirectory: root + "/Data", repliesDirectory: root + "/Intents/replies"),
                            journal: journal, handoff: HandoffQueue(supervisorsOnline: { 0 }))
        let running = try RunningServer({ $0.rate = 0 }, responder: desk)
        return (running, journal, folder)
    }

    /// The dialog up to its summary, for `user` on `adapter`.
    static func fillComplaint(_ a: Adapter, _ user: String) throws {
        _ = try a.ask(user, "saya mau mengadu")
        _ = try a.ask(user, "3")
        _ = try a.ask(user, "LMS tidak bisa dibuka sejak hari Senin, video modul 2 gagal diputar")
        _ = try a.ask(user, "1")
        let summary = try a.ask(user, "-")
        #expect(summary.says("(ya/tidak)"), "summary expected: \(summary.text)")
    }

    /// Whether `client`'s socket has bytes to read within `milliseconds`.
    static func hasInput(_ client: TestClient, within milliseconds: Int32) -> Bool {
        var p = pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, milliseconds) > 0
    }

    @Test func theTicketWaitsForTheDiskWhileTheLoopServesOthers() throws {
        let disk = Disk()
        let (running, journal, folder) = try Self.server(disk)
        defer { disk.open(); running.stop(); try? FileManager.default.removeItem(atPath: folder) }
        let a = try Adapter(port: running.port)
        try Self.fillComplaint(a, "wa:62813000101")
        // "ya" files it; a ping is pipelined right behind it
        try a.client.send(#"{"id":"file","user":"wa:62813000101","text":"ya"}"# + "\n" + #"{"id":"after","cmd":"ping"}"# + "\n")
        #expect(!Self.hasInput(a.client, within: 300), "nothing may be sent before the complaint is on disk")
        #expect(journal.list().count == 1, "the line is written (and applied) before it is synced")

        // Four more connections: with two event loops at least one shares the complaint's loop.
        let others = try (0..<4).map { _ in try Adapter(port: running.port) }
        for (i, other) in others.enumerated() {
            let reply = try other.ask("wa:6281300020\(i)", "kapan jadwal pelatihan revolusi mental angkatan 3?")
            #expect(reply.intent == "schedule.query")
        }
        #expect(!Self.hasInput(a.client, within: 50))

        disk.open()
        let filed = try a.client.readJSON()
        #expect(filed["id"]?.stringValue == "file")
        let ticket = try #require(filed["ticket"]?.stringValue)
        #expect(ComplaintConversationTests.isTicket(ticket))
        let after = try a.client.readJSON()
        #expect(after["id"]?.stringValue == "after", "the pipelined line is answered after the held reply")
        #expect(disk.syncs.load(ordering: .relaxed) >= 1)
        let onDisk = try String(contentsOfFile: folder + "/complaints.jsonl", encoding: .utf8)
        #expect(onDisk.contains(ticket))
        // The connection goes on as before.
        #expect(try a.ask("wa:62813000101", "halo").intent == "greeting")
    }

    @Test func aFailedSyncTellsTheCitizenTheComplaintWasNotSaved() throws {
        let disk = Disk(failing: true)
        disk.open()
        let (running, journal, folder) = try Self.server(disk)
        defer { running.stop(); try? FileManager.default.removeItem(atPath: folder) }
        let a = try Adapter(port: running.port)
        try Self.fillComplaint(a, "wa:62813000102")
        let failed = try a.ask("wa:62813000102", "ya")
        #expect(failed.ticket == nil)
        #expect(failed.says("belum dapat disimpan", "belum ada nomor aduan"), "not-saved reply expected: \(failed.text)")
        #expect(journal.syncFailed)
        // The journal takes nothing more after a failed fsync (the pages may be lost): the next
        // filing is refused at once, with the same reply.
        try Self.fillComplaint(a, "wa:62813000103")
        let refused = try a.ask("wa:62813000103", "ya")
        #expect(refused.ticket == nil)
        #expect(refused.says("belum dapat disimpan"))
        #expect(journal.list().count == 1, "only the first filing was written")
    }
}
