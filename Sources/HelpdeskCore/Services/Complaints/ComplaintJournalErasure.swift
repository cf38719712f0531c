import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Personal-data rights and retention on the complaint journal (UU 27/2022): a citizen's closed
/// complaints lose their personal fields on request, and closed complaints lose them after the
/// retention period. The line stays (the ticket, category, dates and statuses are the agency's
/// record) but `description`, `contact`, `reporter` and supervisor notes become `[dihapus]`; the
/// file is rewritten and re-chained under the journal's lock, and the change (lines, old and new
/// chain heads) is returned for the audit log. Open complaints are never erased here: the caller
/// queues the request for a supervisor.
extension ComplaintJournal {
    public static let erasedMark = "[dihapus]"

    /// What an erasure did.
    public struct Erasure: Sendable, Equatable {
        /// Tickets whose personal fields were erased.
        public var erased: [String] = []
        /// The user's tickets still being handled, left as they are.
        public var stillOpen: [String] = []
        public var change: ChainRewriter.Change?
    }

    /// Complaints filed by `reporter` (the conversation's user key), in filing order.
    public func complaints(reporter: String) -> [Complaint] {
        state.withLock { s in s.order.compactMap { s.complaints[$0] }.filter { $0.reporter == reporter } }
    }

    /// Erases the personal fields of `reporter`'s complaints that are no longer open.
    public func erase(reporter: String) throws(Failure) -> Erasure {
        let mine = complaints(reporter: reporter)
        var result = Erasure()
        result.stillOpen = mine.filter { $0.status.isOpen }.map(\.ticket)
        let closed = Set(mine.filter { !$0.status.isOpen }.map(\.ticket))
        result.change = try eraseFields(of: closed)
        result.erased = mine.map(\.ticket).filter(closed.contains)
        return result
    }

    /// Retention: erases the personal fields of complaints closed (resolved, rejected, closed)
    /// before `cutoff` (the time of their last status change). Returns what was erased.
    public func compact(closedBefore cutoff: Date) throws(Failure) -> Erasure {
        let due = list().filter { c in
            !c.status.isOpen && (c.updates.last?.at ?? c.filed) < cutoff && c.description != ComplaintJournal.erasedMark
        }
        var result = Erasure()
        result.erased = due.map(\.ticket)
        result.change = try eraseFields(of: Set(result.erased))
        return result
    }

    /// Rewrites the journal with the personal fields of `tickets` erased, re-chained, and reopens it.
    private func eraseFields(of tickets: Set<String>) throws(Failure) -> ChainRewriter.Change? {
        guard !tickets.isEmpty else { return nil }
        let path = self.path
        return try state.withLock { (s: inout State) throws(Failure) -> ChainRewriter.Change? in
            let decoder = JSONDecoder()
            let rewritten: (change: ChainRewriter.Change?, head: String?)
            do {
                rewritten = try ChainRewriter.rewrite(path: path, start: nil) { _, line in
                    guard var r = try? decoder.decode(ComplaintRecord.self, from: Data(line.utf8)),
                          tickets.contains(r.ticket) else { return nil }
                    let mark = ComplaintJournal.erasedMark
                    if r.type == "filed" {
                        r.description = mark
                        if r.contact != nil { r.contact = mark }
                        if r.reporter != nil { r.reporter = mark }
                    } else if let note = r.note, !note.isEmpty {
                        r.note = mark
                    }
                    return ComplaintJournal.encode(r)
                }
            } catch {
                throw .io("\(error)")
            }
            let fd = syncer.replaceDescriptor { open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600) }
            guard fd >= 0 else { throw .io("cannot reopen \(path): \(String(cString: strerror(errno)))") }
            s.fd = fd
            let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            s.chain = HashChain.resume(contents: bytes).chain
            for t in tickets {
                guard var c = s.complaints[t] else { continue }
                c.description = ComplaintJournal.erasedMark
                if c.contact != nil { c.contact = ComplaintJournal.erasedMark }
                if c.reporter != nil { c.reporter = ComplaintJournal.erasedMark }
                c.updates = c.updates.map { u in
                    var u = u
                    if !u.note.isEmpty { u.note = ComplaintJournal.erasedMark }
                    return u
                }
                s.complaints[t] = c
            }
            return rewritten.change
        }
    }
}
