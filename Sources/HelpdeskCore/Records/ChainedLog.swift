import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An append-only, hash-chained JSON-lines file (see `HashChain`); opened without
/// `syncInBackground` it is durable when `append` returns: one `write` and an `fsync` per record.
/// The audit log and the survey log are built on it, so `helpdesk verify` covers them like transcripts. On open the chain is resumed from the
/// file's bytes and a torn last line (a crash mid-write) is cut off and reported.
///
/// A log opened with `syncInBackground` writes at once and leaves the `fsync` to a `FileSyncer`,
/// one for every record written since the last, so `append` on an event loop never waits for the
/// disk: the survey log (nobody is promised anything about an answer) appends and forgets; the
/// audit log uses `appendDeferred` and holds the supervisor's reply until the record is durable.
public final class ChainedLog: Sendable {
    private struct State {
        var fd: Int32
        var chain: HashChain
    }

    public let path: String
    /// A torn last line cut off on open, as `path:line: message` (nil when the file was whole).
    public let repairedTail: String?
    private let state: Mutex<State>
    /// Syncs in the background (nil: every `append` fsyncs before it returns); owns the descriptor.
    private let syncer: FileSyncer?

    /// `sync` is `fsync` except in tests.
    public init(path: String, syncInBackground: Bool = false,
                sync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) throws(RecordsError) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        let (chain, torn) = HashChain.resume(contents: bytes)
        var repaired: String?
        if torn > 0 {
            guard truncate(path, off_t(bytes.count - torn)) == 0 else {
                throw RecordsError("\(path): cannot cut off a torn last line: \(String(cString: strerror(errno)))")
            }
            repaired = "\(path):\(chain.seq + 1): torn last record (no line end) cut off"
            Log.warning(repaired!)
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RecordsError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        self.repairedTail = repaired
        self.state = Mutex(State(fd: fd, chain: chain))
        self.syncer = syncInBackground ? FileSyncer(fd: fd, path: path, sync: sync) : nil
    }

    deinit {
        if syncer == nil { state.withLock { s in if s.fd >= 0 { close(s.fd) } } }
    }

    /// Whether an `fsync` of a log with `syncInBackground` failed: it then refuses records until restart.
    public var syncFailed: Bool { syncer?.failed ?? false }

    /// Appends the record `fill` builds (it gets a writer holding `seq` and `prev` already) and
    /// fsyncs it, or with `syncInBackground` has it synced soon; returns the line written
    /// (without newline).
    @discardableResult
    public func append(_ fill: (inout JSONLineWriter) -> Void) throws(RecordsError) -> String {
        let (line, pending) = try writeRecord(fill)
        pending?.whenDurable { _ in } // a waiter, even an empty one, starts the syncer's next round
        return line
    }

    /// Appends like `append` on a log opened with `syncInBackground`, without waiting for the
    /// disk: the record is written (and the chain advanced) at once, and the returned
    /// `PendingSync` reports when it is durable (`wait()` blocks for it, `whenDurable` calls back).
    public func appendDeferred(_ fill: (inout JSONLineWriter) -> Void) throws(RecordsError) -> PendingSync {
        precondition(syncer != nil, "appendDeferred needs a log opened with syncInBackground")
        return try writeRecord(fill).pending!
    }

    /// Writes one record; the pending sync when a syncer will make it durable (nil: fsynced already).
    private func writeRecord(_ fill: (inout JSONLineWriter) -> Void) throws(RecordsError) -> (line: String, pending: PendingSync?) {
        if let syncer, syncer.failed { throw RecordsError("\(path): an earlier fsync failed; no records are accepted until restart") }
        return try state.withLock { (s: inout State) throws(RecordsError) -> (line: String, pending: PendingSync?) in
            var next = s.chain
            let line = next.chain { seq, prev in
                var w = JSONLineWriter()
                w.int("seq", Int64(seq))
                w.string("prev", prev)
                fill(&w)
                return w.finished()
            }
            try ChainedLog.writeAll(Array((line + "\n").utf8), fd: s.fd, path: path, sync: syncer == nil)
            s.chain = next
            return (line, syncer?.wrote())
        }
    }

    /// Writes every byte and, unless told not to, fsyncs; shared with the complaint journal (whose
    /// `FileSyncer` syncs in groups).
    static func writeAll(_ bytes: [UInt8], fd: Int32, path: String, sync: Bool = true) throws(RecordsError) {
        let written = bytes.withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                offset += n
            }
            return offset
        }
        guard written == bytes.count else { throw RecordsError("\(path): write failed: \(String(cString: strerror(errno)))") }
        guard !sync || fsync(fd) == 0 else { throw RecordsError("\(path): fsync failed: \(String(cString: strerror(errno)))") }
    }
}
