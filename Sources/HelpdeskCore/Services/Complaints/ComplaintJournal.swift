import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The durable home of complaints: an append-only JSON-lines file (`complaints.jsonl`). Each
/// filing or status change is one line written with a single `write`, made durable by the
/// journal's `FileSyncer` (one `fsync` for every line written since the last): `file` and `update`
/// return once their line is on disk; `fileDeferred` returns at once with the `PendingSync` that
/// the caller waits for before it shows the ticket (the event loops hold the reply meanwhile), so a
/// ticket number handed to a citizen always names a complaint on disk. Lines
/// are hash-chained (`seq`, `prev`, see `HashChain`) so `helpdesk verify` finds an edited or
/// deleted line; the chain resumes after a restart. On start-up the file is replayed; a torn
/// last line (a crash mid-write) is reported and cut off, never fatal. Also the supervisors'
/// API: list, read and update complaints; erasure and retention live in
/// `ComplaintJournalErasure.swift`, stage deadlines in `ComplaintDeadlines.swift`.
public final class ComplaintJournal: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case io(String)
        case notFound(String)
        case dayFull(String)

        public var description: String {
            switch self {
            case .io(let m): "complaint journal: \(m)"
            case .notFound(let t): "no complaint with ticket \(t)"
            case .dayFull(let d): "more than \(TicketNumber.maxPerDay) complaints on \(d)"
            }
        }
    }

    struct State {
        var fd: Int32
        var chain = HashChain()
        var complaints: [String: Complaint] = [:]
        var order: [String] = []
        var lastSequence: [String: Int] = [:]
    }

    public let path: String
    /// Lines that could not be replayed (reported as `path:line: message`; the rest loaded).
    public let replayProblems: [Problem]
    let state: Mutex<State>
    /// Makes the written lines durable, in groups; owns the descriptor.
    let syncer: FileSyncer

    /// Whether an `fsync` of the journal failed: it then refuses complaints until restart.
    public var syncFailed: Bool { syncer.failed }

    /// Opens (creating if needed) `directory/complaints.jsonl` and replays it. `sync` is `fsync`
    /// except in tests that hold the disk or make it fail.
    public init(directory: String, sync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create directory \(directory): \(error.localizedDescription)")
        }
        let path = (directory as NSString).appendingPathComponent("complaints.jsonl")
        self.path = path
        var initial = State(fd: -1)
        var problems: [Problem] = []
        if let data = FileManager.default.contents(atPath: path), !data.isEmpty {
            var goodLength = data.count
            if data.last != UInt8(ascii: "\n") {
                goodLength = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
                let lineNo = data.prefix(goodLength).filter { $0 == UInt8(ascii: "\n") }.count + 1
                problems.append(Problem(path: path, line: lineNo, message: "torn last record (no line end) skipped and cut off"))
                if truncate(path, off_t(goodLength)) != 0 {
                    throw .io("cannot cut off torn record in \(path): \(String(cString: strerror(errno)))")
                }
            }
            initial.chain = HashChain.resume(contents: [UInt8](data.prefix(goodLength))).chain
            let decoder = JSONDecoder()
            var lineNo = 0
            for line in data.prefix(goodLength).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNo += 1
                if line.isEmpty { continue }
                guard let record = try? decoder.decode(ComplaintRecord.self, from: Data(line)) else {
                    problems.append(Problem(path: path, line: lineNo, message: "unreadable record skipped"))
                    continue
                }
                if let problem = ComplaintJournal.apply(record, to: &initial) {
                    problems.append(Problem(path: path, line: lineNo, message: problem))
                }
            }
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
        initial.fd = fd
        self.replayProblems = problems
        self.state = Mutex(initial)
        self.syncer = FileSyncer(fd: fd, path: path, sync: sync)
        for p in problems { Log.warning(p.description) }
    }

    /// Files a complaint: assigns the next ticket of its WIB day, appends the record, and returns
    /// the complaint with its ticket once the record is on disk.
    public func file(_ draft: ComplaintDraft, at now: Date, due: Day) throws(Failure) -> Complaint {
        let (complaint, pending) = try fileDeferred(draft, at: now, due: due)
        guard pending.wait() else { throw .io("\(path): fsync failed; complaint \(complaint.ticket) may not be on disk") }
        return complaint
    }

    /// Files a complaint without waiting for the disk: the record is written and applied, and
    /// `pending` says when it is durable. Nobody may be shown the ticket before `pending` reports
    /// `true`; if it reports `false` the citizen must be told the complaint was not saved (a
    /// failed `fsync` also stops the journal, see `FileSyncer`).
    public func fileDeferred(_ draft: ComplaintDraft, at now: Date, due: Day) throws(Failure) -> (complaint: Complaint, pending: PendingSync) {
        try state.withLock { (s: inout State) throws(Failure) -> (complaint: Complaint, pending: PendingSync) in
            let day = Day(now).description.replacingOccurrences(of: "-", with: "")
            let sequence = (s.lastSequence[day] ?? 0) + 1
            guard sequence <= TicketNumber.maxPerDay else { throw .dayFull(day) }
            let ticket = TicketNumber.format(day: day, sequence: sequence)
            let pseudonym = "Pelapor-" + String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16).uppercased()
            let record = ComplaintRecord.filing(draft, ticket: ticket, at: now, due: due, pseudonym: pseudonym)
            let pending = try append(record, to: &s)
            _ = ComplaintJournal.apply(record, to: &s)
            guard let complaint = s.complaints[ticket] else { throw .io("record for \(ticket) did not apply") }
            return (complaint, pending)
        }
    }

    /// Changes a complaint's status with a note the citizen will see; journaled before it takes effect.
    @discardableResult
    public func update(ticket: String, status: ComplaintStatus, note: String, at now: Date) throws(Failure) -> Complaint {
        let (complaint, pending) = try updateDeferred(ticket: ticket, status: status, note: note, at: now)
        guard pending.wait() else { throw updateNotDurable(ticket) }
        return complaint
    }

    /// Changes a complaint's status without waiting for the disk: the record is written and
    /// applied, and `pending` says when it is durable. The supervisor's reply is held until then;
    /// if it reports `false` the reply is `updateNotDurable(ticket)` (the journal has stopped).
    public func updateDeferred(ticket: String, status: ComplaintStatus, note: String, at now: Date) throws(Failure) -> (complaint: Complaint, pending: PendingSync) {
        try state.withLock { (s: inout State) throws(Failure) -> (complaint: Complaint, pending: PendingSync) in
            guard s.complaints[ticket] != nil else { throw .notFound(ticket) }
            let record = ComplaintRecord.update(ticket: ticket, status: status, note: note, at: now)
            let pending = try append(record, to: &s)
            _ = ComplaintJournal.apply(record, to: &s)
            return (s.complaints[ticket]!, pending)
        }
    }

    /// What an update whose record did not reach the disk is reported as.
    public func updateNotDurable(_ ticket: String) -> Failure {
        .io("\(path): fsync failed; the update of \(ticket) may not be on disk")
    }

    public func complaint(ticket: String) -> Complaint? {
        state.withLock { $0.complaints[ticket] }
    }

    /// Complaints in filing order, optionally only those with `status`.
    public func list(status: ComplaintStatus? = nil) -> [Complaint] {
        state.withLock { s in
            s.order.compactMap { s.complaints[$0] }.filter { status == nil || $0.status == status }
        }
    }

    /// Chains, encodes and writes one record (the chain advances once it is written); returns
    /// when it will be durable. Refused once an `fsync` has failed.
    private func append(_ record: ComplaintRecord, to s: inout State) throws(Failure) -> PendingSync {
        guard !syncer.failed else { throw .io("\(path): an earlier fsync failed; no records are accepted until restart") }
        var next = s.chain
        var failed = false
        let line = next.chain { seq, prev in
            var r = record
            r.seq = seq
            r.prev = prev
            guard let text = ComplaintJournal.encode(r) else { failed = true; return "" }
            return text
        }
        guard !failed else { throw .io("cannot encode record") }
        do {
            try ChainedLog.writeAll(Array((line + "\n").utf8), fd: s.fd, path: "complaints.jsonl", sync: false)
        } catch {
            throw .io(error.description)
        }
        s.chain = next
        return syncer.wrote()
    }

    static func encode(_ record: ComplaintRecord) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let bytes = try? encoder.encode(record) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Applies one record to the in-memory state; returns a problem text when it does not fit.
    static func apply(_ r: ComplaintRecord, to s: inout State) -> String? {
        guard let at = TimestampParser.parse(r.at) else { return "bad time '\(r.at)'" }
        switch r.type {
        case "filed":
            guard let category = r.category, let mode = r.mode, let due = r.due.flatMap(Day.init(iso:)),
                  let parts = TicketNumber.parts(r.ticket) else { return "incomplete filing record" }
            guard s.complaints[r.ticket] == nil else { return "duplicate ticket \(r.ticket)" }
            s.complaints[r.ticket] = Complaint(
                ticket: r.ticket, filed: at, category: category, mode: mode, description: r.description ?? "",
                contact: r.contact, reporter: r.reporter, pseudonym: r.pseudonym, channel: r.channel,
                lang: r.lang ?? .id, due: due, status: r.status ?? .received, updates: [])
            s.order.append(r.ticket)
            s.lastSequence[parts.day] = max(s.lastSequence[parts.day] ?? 0, parts.sequence)
        case "update":
            guard let status = r.status else { return "update without status" }
            guard s.complaints[r.ticket] != nil else { return "update for unknown ticket \(r.ticket)" }
            s.complaints[r.ticket]!.status = status
            s.complaints[r.ticket]!.updates.append(Complaint.Update(status: status, note: r.note ?? "", at: at))
        default:
            return "unknown record type '\(r.type)'"
        }
        return nil
    }
}

import Synchronization
